// What a pledge's state means for its backer, and what to do: pay by when, why a payment failed.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import type { Pledge, PledgeStatus } from './queries'

/** States in which the backer still has to pay, so a grace window is a deadline for them. */
const AWAITING_MONEY = new Set<PledgeStatus>(['pending', 'collecting', 'errored'])

export function usePledgeExplanation(): (pledge: Pledge) => string[] {
  const { t } = useTranslation('funding')
  const format = useFormat()
  return (pledge) => {
    const lines: string[] = []
    switch (pledge.status) {
      case 'collecting':
        lines.push(
          pledge.provider === 'manual'
            ? t('explain.collectingManual', { amount: format.money(pledge.amount_minor, pledge.currency) })
            : t('explain.collecting'),
        )
        break
      case 'collected':
        lines.push(pledge.collected_at ? t('explain.collected', { date: format.date(pledge.collected_at) }) : t('explain.collectedNoDate'))
        break
      default:
        lines.push(t(`explain.${pledge.status}`))
    }
    if (pledge.status === 'errored' && pledge.failure) lines.push(t('explain.failure', { failure: pledge.failure }))
    if (pledge.grace_until && AWAITING_MONEY.has(pledge.status)) {
      const date = format.dateTime(pledge.grace_until)
      lines.push(pledge.status === 'collecting' ? t('explain.payBy', { date }) : t('explain.fixBy', { date }))
    }
    return lines
  }
}
