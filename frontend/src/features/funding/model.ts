// What the funding screens need to know about the API's values beyond their names: which payment
// methods a provider takes, which pledge states still count and may change, where a tier stands,
// and where a progress bar puts its marks. The server decides all of it again; this is for display.
import type { Funding, PaymentProvider, Pledge, PledgeStatus, Tier } from './queries'

/** The payment methods each provider takes, in the order offered. */
export const PAYMENT_METHODS = {
  manual: ['bank_transfer', 'invoice'],
  simulated: ['sim_ok', 'sim_charge_declined', 'sim_action_required', 'sim_declined'],
} as const satisfies Record<PaymentProvider, readonly string[]>

export type PaymentMethod = (typeof PAYMENT_METHODS)[PaymentProvider][number]

export function isKnownMethod(method: string): method is PaymentMethod {
  return Object.values(PAYMENT_METHODS).some((methods) => (methods as readonly string[]).includes(method))
}

/** Every state, in the order a pledge goes through them (for filters and reports). */
export const PLEDGE_STATUSES = [
  'pending',
  'active',
  'collecting',
  'collected',
  'errored',
  'dropped',
  'refunded',
  'cancelled',
] as const satisfies readonly PledgeStatus[]

export function isPledgeStatus(value: string): value is PledgeStatus {
  return (PLEDGE_STATUSES as readonly string[]).includes(value)
}

/** States whose payment method may still be changed: until the money is in. */
const METHOD_CHANGEABLE = new Set<PledgeStatus>(['pending', 'active', 'collecting', 'errored'])

export function canChangeMethod(pledge: Pledge): boolean {
  return METHOD_CHANGEABLE.has(pledge.status)
}

/** A pledge whose payment needs the backer: it failed, or it waits for a confirmation. */
export function needsPaymentFix(pledge: Pledge): boolean {
  return pledge.status === 'errored' || pledge.status === 'pending'
}

/** A manual pledge whose money a manager can record as received. */
export function canRecordPayment(pledge: Pledge): boolean {
  return pledge.provider === 'manual' && METHOD_CHANGEABLE.has(pledge.status) && pledge.status !== 'pending'
}

export type WindowState = 'open' | 'upcoming' | 'closed' | 'off'

/**
 * Where the funding window stands. Whether it is open is the server's word (`open`); the dates
 * only tell a closed window that has not begun from one that is over, for the sentence shown.
 */
export function windowState(funding: Funding, now: number): WindowState {
  if (funding.open) return 'open'
  if (funding.opens_at && Date.parse(funding.opens_at) > now) return 'upcoming'
  if (funding.outcome || funding.days_left === null || funding.days_left === undefined) return funding.deadline ? 'closed' : 'off'
  return 'off'
}

export type TierState = 'available' | 'soldOut' | 'notYet' | 'ended'

/** Where a tier stands: sold out before anything else, then its availability window. */
export function tierState(tier: Tier, now: number): TierState {
  if (tier.remaining === 0) return 'soldOut'
  if (tier.available_now) return 'available'
  if (tier.available_from && Date.parse(tier.available_from) > now) return 'notYet'
  return 'ended'
}

export interface BarMark {
  key: string
  /** Where on the bar, 0 to 100. */
  at: number
  amountMinor: number
  title: string | null
}

export interface BarScale {
  /** Widths of the two layers, 0 to 100. */
  collected: number
  pledged: number
  /** The goal's mark, then each stretch goal's. */
  goal: BarMark
  stretch: BarMark[]
}

/**
 * The bar's scale reaches the last stretch goal (or the pledges, if they passed it), so every mark
 * fits; without stretch goals the goal is its end until the pledges pass it.
 */
export function barScale(funding: Funding): BarScale {
  const { totals, goal_minor: goal } = funding
  const lastStretch = funding.stretch_goals.at(-1)?.amount_minor ?? 0
  const end = Math.max(goal, lastStretch, totals.pledged_minor, 1)
  const at = (amount: number) => Math.min(100, Math.max(0, (amount / end) * 100))
  return {
    collected: at(totals.collected_minor),
    pledged: at(totals.pledged_minor),
    goal: { key: 'goal', at: at(goal), amountMinor: goal, title: null },
    stretch: funding.stretch_goals.map((stretch, index) => ({
      key: `stretch-${index}`,
      at: at(stretch.amount_minor),
      amountMinor: stretch.amount_minor,
      title: stretch.title,
    })),
  }
}
