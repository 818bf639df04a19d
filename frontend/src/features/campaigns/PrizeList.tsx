import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import type { Campaign } from './queries'

export function PrizeList({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('campaigns')
  const format = useFormat()
  return (
    <section aria-labelledby="prizes-heading">
      <h2 id="prizes-heading">{t('prizes.heading')}</h2>
      {campaign.prize_tiers.length === 0 ? (
        <p className="muted">{t('prizes.none')}</p>
      ) : (
        <ul className="prizes">
          {campaign.prize_tiers.map((tier) => (
            <li key={`${tier.rank_from}-${tier.rank_to}`}>
              <span className="muted">
                {tier.rank_from === tier.rank_to
                  ? t('prizes.rank_single', { from: tier.rank_from })
                  : t('prizes.rank_range', { from: tier.rank_from, to: tier.rank_to })}
              </span>{' '}
              <strong>{tier.title}</strong>: {format.money(tier.amount_minor, tier.currency)}
              {tier.points ? ` ${t('prizes.points', { points: format.number(tier.points) })}` : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
