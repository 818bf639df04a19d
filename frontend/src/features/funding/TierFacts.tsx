// A reward tier as backers read it: its minimum, what remains (or that it is sold out, not yet or
// no longer available), how many chose it, its description and estimated delivery. The public
// list shows the tiers where no pledge can be made now; the pledge form shows the same facts
// beside each choice.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { useNow } from '../../ui/useNow'
import { tierState } from './model'
import type { Tier } from './queries'
import { formatMonth, useTierAvailability } from './tierText'

/** How often "not yet available" is judged again while a page stays open. */
export const TIER_CLOCK_MS = 60_000

/** The facts under a tier's name at `now`; `id` lets a choice be described by them. */
export function TierFacts({ tier, now, id }: { tier: Tier; now: number; id?: string }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const availability = useTierAvailability()
  const state = tierState(tier, now)
  return (
    <div id={id} className="tier-facts">
      <p className={state === 'available' ? 'tier-availability' : 'tier-availability unavailable'}>
        <strong>{availability(tier, now)}</strong>
        {' · '}
        {t('tiers.backers', { count: tier.taken, formatted: format.number(tier.taken) })}
      </p>
      {tier.description && <p className="tier-description">{tier.description}</p>}
      {tier.estimated_delivery && (
        <p className="hint">{t('tiers.delivery', { month: formatMonth(format.language, tier.estimated_delivery) })}</p>
      )}
    </div>
  )
}

/** The tiers as a list, where no choice can be made (signed out, window closed). */
export function TierList({ tiers, currency }: { tiers: readonly Tier[]; currency: string }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const now = useNow(TIER_CLOCK_MS)
  if (tiers.length === 0) return <p className="muted">{t('tiers.none')}</p>
  return (
    <ul className="tier-list">
      {tiers.map((tier) => (
        <li key={tier.id}>
          <article className="card stack-sm" aria-labelledby={`tier-${tier.id}`}>
            <h3 id={`tier-${tier.id}`}>
              {tier.title} <span className="tier-minimum">{t('tiers.from', { amount: format.money(tier.min_amount_minor, currency) })}</span>
            </h3>
            <TierFacts tier={tier} now={now} />
          </article>
        </li>
      ))}
    </ul>
  )
}
