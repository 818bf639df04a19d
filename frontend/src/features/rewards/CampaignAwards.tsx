// Awards on a campaign page. Managers, once voting has closed, finalize them from the ranking and
// move each one along its statuses (manage/, loaded only for them); everyone sees the winners once
// the campaign has closed (the API answers 403 before, and then there is nothing to show).
import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import type { Campaign } from '../campaigns/queries'
import { useMe } from '../auth/useMe'
import { canManage, useMyRole } from '../organizations/queries'
import { AwardList } from './AwardList'
import { useCampaignAwards } from './queries'

// The organisers' tools arrive only for those who manage the campaign.
const ManageAwards = lazy(async () => ({ default: (await import('./manage/ManageAwards')).ManageAwards }))

const VOTING_CLOSED = new Set<Campaign['phase']>(['judging', 'closed'])

export function CampaignAwards({ campaign }: { campaign: Campaign }) {
  const { role, isPending } = useMyRole(campaign.organization)
  if (!VOTING_CLOSED.has(campaign.phase)) return null
  if (canManage(role)) {
    return (
      <Suspense fallback={null}>
        <ManageAwards campaign={campaign} />
      </Suspense>
    )
  }
  if (isPending || campaign.phase !== 'closed') return null
  return <Winners campaign={campaign} />
}

function Winners({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('rewards')
  const me = useMe()
  const awards = useCampaignAwards(campaign.id)
  if (awards.error instanceof ApiError && awards.error.status === 403) return null
  return (
    <section aria-labelledby="winners-heading" className="awards">
      <h2 id="winners-heading">{t('winners.heading')}</h2>
      <QueryBoundary query={awards}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState>
              <p>{t('winners.empty')}</p>
            </EmptyState>
          ) : (
            <AwardList awards={list} myUserId={me.data?.id} />
          )
        }
      </QueryBoundary>
    </section>
  )
}
