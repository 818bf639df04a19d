// How a reward tier is named and where it stands, in the UI's language: "Early bird, from
// €25.00", "38 of 50 left", "Sold out", "Available from …".
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { tierState } from './model'
import type { Tier } from './queries'

/** `2027-03` as "March 2027" / "März 2027". */
export function formatMonth(language: string, month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return month
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date)
}

/** What remains of a tier at `now`, or why it cannot be chosen. */
export function useTierAvailability(): (tier: Tier, now: number) => string {
  const { t } = useTranslation('funding')
  const format = useFormat()
  return (tier, now) => {
    switch (tierState(tier, now)) {
      case 'soldOut':
        return t('tiers.soldOut')
      case 'notYet':
        return t('tiers.notYet', { date: tier.available_from ? format.dateTime(tier.available_from) : '' })
      case 'ended':
        return t('tiers.ended')
      case 'available': {
        const limit = tier.quantity_limit
        const left =
          limit !== null && limit !== undefined && tier.remaining !== null && tier.remaining !== undefined
            ? t('tiers.remaining', { remaining: format.number(tier.remaining), limit: format.number(limit) })
            : t('tiers.unlimited')
        return tier.available_until ? `${left} · ${t('tiers.until', { date: format.dateTime(tier.available_until) })}` : left
      }
    }
  }
}

/** "Early bird, from €25.00": a tier's name where it is chosen. */
export function useTierLabel(currency: string): (tier: Tier) => string {
  const { t } = useTranslation('funding')
  const format = useFormat()
  return (tier) => t('tiers.label', { title: tier.title, amount: format.money(tier.min_amount_minor, currency) })
}
