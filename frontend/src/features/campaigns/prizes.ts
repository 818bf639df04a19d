// What a campaign's prizes add up to: each tier's amount once per rank it covers, in the tiers'
// currency (the API keeps every tier in the currency of the first).
import type { Campaign } from './queries'

export function prizeTotal(tiers: Campaign['prize_tiers']): { amountMinor: number; currency: string } | null {
  if (tiers.length === 0) return null
  const amountMinor = tiers.reduce((sum, tier) => sum + tier.amount_minor * Math.max(0, tier.rank_to - tier.rank_from + 1), 0)
  return amountMinor > 0 ? { amountMinor, currency: tiers[0].currency } : null
}
