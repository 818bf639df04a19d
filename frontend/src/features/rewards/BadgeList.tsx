// My badges: what each one is for, in which campaign and since when. The API derives them from
// the ledger and names campaigns by id, so each campaign's title is looked up (and cached).
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { EmptyState } from '../../ui/QueryStates'
import { useCampaign } from '../campaigns/queries'
import { BadgeIcon } from './BadgeIcon'
import type { Badge } from './queries'

function CampaignLink({ id }: { id: string }) {
  const { t } = useTranslation('rewards')
  const campaign = useCampaign(id)
  // The API takes a campaign's id wherever it takes its slug, so the link works before the title is in.
  return <Link to={`/c/${campaign.data?.slug ?? id}`}>{campaign.data?.title ?? t('badges.aCampaign')}</Link>
}

function BadgeCard({ badge }: { badge: Badge }) {
  const { t } = useTranslation('rewards')
  const format = useFormat()
  const headingId = useId()
  return (
    <article className="card badge-card stack-sm" aria-labelledby={headingId}>
      <BadgeIcon kind={badge.kind} />
      <h3 id={headingId}>{t(`badge.${badge.kind}.name`)}</h3>
      <p>{t(`badge.${badge.kind}.description`)}</p>
      {badge.campaign_id && (
        <p>
          {t('badges.inCampaign')} <CampaignLink id={badge.campaign_id} />
        </p>
      )}
      <p className="muted">{badge.earned_at ? t('badges.earnedOn', { date: format.date(badge.earned_at) }) : t('badges.holds')}</p>
    </article>
  )
}

export function BadgeList({ badges }: { badges: Badge[] }) {
  const { t } = useTranslation('rewards')
  if (badges.length === 0) {
    return (
      <EmptyState>
        <p>{t('badges.empty')}</p>
      </EmptyState>
    )
  }
  return (
    <ul className="badge-grid">
      {badges.map((badge) => (
        <li key={`${badge.kind}-${badge.campaign_id ?? ''}`}>
          <BadgeCard badge={badge} />
        </li>
      ))}
    </ul>
  )
}
