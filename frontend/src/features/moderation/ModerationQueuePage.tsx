// `/c/:slug/moderation`: what needs a moderator in one campaign, in three tabs (the chosen one in
// the address, `?view=reports|approval|resolved`, so a link or a reload opens it again): the open
// reports (the desk), the entries waiting for approval, and the settled reports.
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { TabPanel, Tabs } from '../../ui/Tabs'
import { CampaignSubpage } from '../campaigns/CampaignSubpage'
import type { Campaign } from '../campaigns/queries'
import { ModerationActions } from './ModerationActions'
import { useModerationQueue } from './queries'
import { ReportsDesk } from './ReportsDesk'
import { ResolvedReports } from './ResolvedReports'

const VIEWS = ['reports', 'approval', 'resolved'] as const
type View = (typeof VIEWS)[number]

function viewOf(value: string | null): View {
  return VIEWS.find((view) => view === value) ?? 'reports'
}

/** Entries that wait for a moderator before they are public (reported public entries are on the desk). */
function ApprovalQueue({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('moderation')
  const queue = useModerationQueue(campaign.id)
  return (
    <div className="stack">
      <p>{t('queue.approvalIntro')}</p>
      <QueryBoundary query={queue}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items).filter(({ contribution }) => contribution.status === 'submitted')
          if (items.length === 0 && !queue.hasNextPage) {
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
                      <span className="badge">{t(`status.${contribution.status}`, { ns: 'common' })}</span>
                      {report_count > 0 && ` ${t('queue.reports', { count: report_count })}`}
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
    </div>
  )
}

function Views({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('moderation')
  const [params, setParams] = useSearchParams()
  const view = viewOf(params.get('view'))
  return (
    <>
      <p className="lead">{t('queue.intro')}</p>
      <Tabs
        id="moderation"
        tabs={VIEWS}
        current={view}
        label={t('queue.tabs')}
        name={(tab) => t(`queue.tab_${tab}`)}
        onPick={(next) => setParams({ view: next }, { replace: true })}
      />
      <TabPanel id="moderation" tab={view}>
        {view === 'reports' && <ReportsDesk campaign={campaign} />}
        {view === 'approval' && <ApprovalQueue campaign={campaign} />}
        {view === 'resolved' && <ResolvedReports campaign={campaign} />}
      </TabPanel>
    </>
  )
}

/** `/c/:slug/moderation`: what needs a moderator in one campaign. */
export function ModerationQueuePage() {
  const { t } = useTranslation('moderation')
  return (
    <CampaignSubpage title={(campaign) => t('queue.pageTitle', { campaign: campaign.title })} heading={() => t('queue.heading')}>
      {(campaign) => <Views campaign={campaign} />}
    </CampaignSubpage>
  )
}
