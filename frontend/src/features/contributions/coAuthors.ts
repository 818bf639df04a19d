import { parseScaled } from '../../forms/decimal'

export interface CoAuthorRow {
  key: number
  userId: string
  sharePercent: string
}

/** Basis points from a percent input ("25.5" -> 2550); 0 for text that is not a share. */
export function shareBasisPoints(percent: string): number {
  return parseScaled(percent, 2) ?? 0
}
