import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PhaseBadge } from './PhaseBadge'
import type { Campaign } from './queries'

/** A campaign in a list; `children` go at the end (e.g. the organiser's links under a draft). */
export function CampaignCard({ campaign, children }: { campaign: Campaign; children?: ReactNode }) {
  const { t } = useTranslation('campaigns')
  return (
    <article className={campaign.phase === 'draft' ? 'card draft' : 'card'}>
      {campaign.cover_url && (
        <img className="card-image" src={campaign.cover_url} alt={t('image.cover', { ns: 'media', title: campaign.title })} loading="lazy" />
      )}
      <h3>
        <Link to={`/c/${campaign.slug}`}>{campaign.title}</Link>
      </h3>
      <p className="muted">
        <PhaseBadge phase={campaign.phase} kind={campaign.kind} /> {t(`kind.${campaign.kind}`, { ns: 'common' })} ·{' '}
        {t('card.by', { organization: campaign.organization })}
      </p>
      {campaign.summary && <p>{campaign.summary}</p>}
      {children}
    </article>
  )
}
