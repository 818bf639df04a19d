import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, ErrorAlert, Loading } from '../../ui/QueryStates'
import { useCampaign, type Campaign } from '../campaigns/queries'
import { ModerationActions } from './ModerationActions'
import { useModerationQueue } from './queries'
import { ReportedComments } from './ReportedComments'

function Queue({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('moderation')
  const queue = useModerationQueue(campaign.id)
  const items = queue.data?.pages.flatMap((page) => page.items) ?? []
  if (queue.isPending) return <Loading />
  if (queue.isError) return <ErrorAlert error={queue.error} onRetry={() => void queue.refetch()} />
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
}

/** `/c/:slug/moderation`: what needs a moderator in one campaign. */
export function ModerationQueuePage() {
  const { slug = '' } = useParams()
  const { t } = useTranslation('moderation')
  const campaign = useCampaign(slug)
  if (campaign.isPending) return <Loading />
  if (campaign.isError) return <ErrorAlert error={campaign.error} onRetry={() => void campaign.refetch()} />
  return (
    <>
      <title>{t('queue.pageTitle', { campaign: campaign.data.title })}</title>
      <p>
        <Link to={`/c/${campaign.data.slug}`}>← {campaign.data.title}</Link>
      </p>
      <h1>{t('queue.heading')}</h1>
      <p className="lead">{t('queue.intro')}</p>
      <Queue campaign={campaign.data} />
      <ReportedComments campaignId={campaign.data.id} />
    </>
  )
}
