import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { CampaignSubpage } from '../campaigns/CampaignSubpage'
import type { Campaign } from '../campaigns/queries'
import { ModerationActions } from './ModerationActions'
import { useModerationQueue } from './queries'
import { ReportedComments } from './ReportedComments'

function Queue({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('moderation')
  const queue = useModerationQueue(campaign.id)
  return (
    <QueryBoundary query={queue}>
      {(data) => {
        const items = data.pages.flatMap((page) => page.items)
        if (items.length === 0) {
          return (
            <EmptyState>
              <p>{t('queue.empty')}</p>
            </EmptyState>
          )
        }
        return (
          <>
            <ul className="queue">
              {items.map(({ contribution, report_count }) => (
                <li key={contribution.id} className="card">
                  <h2>
                    <Link to={`/contributions/${contribution.id}`}>{contribution.title}</Link>
                  </h2>
                  <p className="muted">
                    <span className="badge">{t(`status.${contribution.status}`, { ns: 'common' })}</span>{' '}
                    {report_count > 0 ? t('queue.reports', { count: report_count }) : t('queue.notReported')}
                  </p>
                  <ModerationActions contribution={contribution} />
                </li>
              ))}
            </ul>
            <LoadMore hasMore={queue.hasNextPage} loading={queue.isFetchingNextPage} onLoadMore={() => void queue.fetchNextPage()} />
          </>
        )
      }}
    </QueryBoundary>
  )
}

/** `/c/:slug/moderation`: what needs a moderator in one campaign. */
export function ModerationQueuePage() {
  const { t } = useTranslation('moderation')
  return (
    <CampaignSubpage title={(campaign) => t('queue.pageTitle', { campaign: campaign.title })} heading={() => t('queue.heading')}>
      {(campaign) => (
        <>
          <p className="lead">{t('queue.intro')}</p>
          <Queue campaign={campaign} />
          <ReportedComments campaignId={campaign.id} />
        </>
      )}
    </CampaignSubpage>
  )
}
