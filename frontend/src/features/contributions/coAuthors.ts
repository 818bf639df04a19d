import { parseScaled } from '../../forms/decimal'
import type { PickedPerson } from '../people/queries'

export interface CoAuthorRow {
  key: number
  /** Who, once picked: the form sends their id. */
  person: PickedPerson | null
  sharePercent: string
}

/** Basis points from a percent input ("25.5" -> 2550); 0 for text that is not a share. */
export function shareBasisPoints(percent: string): number {
  return parseScaled(percent, 2) ?? 0
}
