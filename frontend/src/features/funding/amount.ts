// The amount a backer types, as the pledge forms read it: a decimal of the campaign's currency
// turned into minor units (never through a float), and the amount a chosen reward suggests.
import { formatScaled, parseScaled } from '../../forms/decimal'
import { fieldsIn } from '../../forms/problem'

/** The request fields the pledge forms show inputs for. */
export const PLEDGE_FIELDS = fieldsIn(['tier_id', 'amount_minor', 'payment_method'])

/** The amount the backer typed, in minor units; `null` unless it is a positive decimal of the currency. */
export function parseAmount(text: string, digits: number): number | null {
  const minor = parseScaled(text, digits)
  return minor !== null && minor > 0 ? minor : null
}

/**
 * The amount after choosing a reward: its minimum, unless the backer already typed at least that
 * (they mean to give more).
 */
export function amountForTier(current: string, minimumMinor: number, digits: number): string {
  const typed = parseAmount(current, digits)
  return typed !== null && typed >= minimumMinor ? current : formatScaled(minimumMinor, digits)
}
