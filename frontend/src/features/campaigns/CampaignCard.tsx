import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { useServerNow } from '../../ui/useNow'
import { PhaseBadge } from './PhaseBadge'
import { prizeTotal } from './prizes'
import type { Campaign } from './queries'
import { hasOneWindow, nextBoundary } from './schedule'

/**
 * A campaign in a list: its cover, the brand behind it, its phase, what the prizes add up to and
 * how long until its next deadline; `children` go at the end (e.g. the organiser's links under a draft).
 */
export function CampaignCard({ campaign, children }: { campaign: Campaign; children?: ReactNode }) {
  const { t } = useTranslation('campaigns')
  const format = useFormat()
  const prizes = prizeTotal(campaign.prize_tiers)
  return (
    <article className={campaign.phase === 'draft' ? 'card campaign-card draft' : 'card campaign-card'}>
      {campaign.cover_url && (
        <img
          className="card-image"
          src={campaign.cover_url}
          alt={t('image.cover', { ns: 'media', title: campaign.title })}
          loading="lazy"
          decoding="async"
          width={640}
          height={360}
        />
      )}
      <h3>
        <Link to={`/c/${campaign.slug}`}>{campaign.title}</Link>
      </h3>
      <p className="muted">
        <PhaseBadge phase={campaign.phase} kind={campaign.kind} /> {t(`kind.${campaign.kind}`, { ns: 'common' })} ·{' '}
        {t('card.by', { organization: campaign.organization_name || campaign.organization })}
      </p>
      {(prizes || campaign.schedule) && (
        <ul className="card-facts">
          {prizes && <li className="card-prize">{t('card.prizes', { amount: format.money(prizes.amountMinor, prizes.currency) })}</li>}
          {campaign.schedule && <Deadline campaign={campaign} />}
        </ul>
      )}
      {campaign.summary && <p>{campaign.summary}</p>}
      {children}
    </article>
  )
}

/** The next boundary counted down ("Entries close in 3 days"), on the server's clock. */
function Deadline({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('campaigns')
  const format = useFormat()
  const now = useServerNow(30_000)
  if (!campaign.schedule) return null
  const next = nextBoundary(campaign.schedule, now, campaign.kind)
  const when = next && format.in(next.at, now)
  if (!next || !when) return null
  const boundary =
    next.boundary === 'submissionsClose' && hasOneWindow(campaign.kind) ? (campaign.kind === 'funding' ? 'fundingClose' : 'workClose') : next.boundary
  return (
    <li className="card-deadline">
      <time dateTime={new Date(next.at).toISOString()}>{t(`card.deadline.${boundary}`, { when })}</time>
    </li>
  )
}
