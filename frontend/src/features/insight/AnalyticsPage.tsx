// `/c/:slug/analytics` (owners and managers): whether the campaign reaches its community. The
// plain answers first, then the funnel, the sources against the 1% rule and the goal, the daily
// series, the projection, invitations and segments, and the CSV exports.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { registerLazyStrings } from '../../i18n'
import { QueryBoundary } from '../../ui/QueryStates'
import { CampaignSubpage } from '../campaigns/CampaignSubpage'
import type { Campaign } from '../campaigns/queries'
import { DailyChart } from './DailyChart'
import { ExportButtons } from './ExportButtons'
import { FunnelChart } from './FunnelChart'
import { ProjectionPanel } from './ProjectionPanel'
import { useAnalytics } from './queries'
import { ReferralsPanel } from './ReferralsPanel'
import { SegmentsTable } from './SegmentsTable'
import { SourcesChart } from './SourcesChart'
import { SummaryPanel } from './SummaryPanel'
import * as strings from './strings'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('insight', strings)

function Panel({ id, title, wide, children }: { id: string; title: string; wide?: boolean; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={wide ? 'card panel wide' : 'card panel'}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  )
}

function Insight({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('insight')
  const format = useFormat()
  const analytics = useAnalytics(campaign.id)
  return (
    <QueryBoundary query={analytics}>
      {(data) => (
        <>
          <div className="section-header">
            <p className="muted">{t('generatedAt', { date: format.dateTime(data.generated_at) })}</p>
            <button type="button" disabled={analytics.isFetching} onClick={() => void analytics.refetch()}>
              {analytics.isFetching ? t('refreshing') : t('refresh')}
            </button>
          </div>
          <div className="panels">
            <Panel id="summary-heading" title={t('summary.heading')} wide>
              <SummaryPanel analytics={data} />
            </Panel>
            <Panel id="funnel-heading" title={t('funnel.heading')}>
              <FunnelChart funnel={data.funnel} />
            </Panel>
            <Panel id="projection-heading" title={t('projection.heading')}>
              <ProjectionPanel projection={data.projection} />
            </Panel>
            <Panel id="sources-heading" title={t('sources.heading')} wide>
              <SourcesChart analytics={data} />
            </Panel>
            <Panel id="daily-heading" title={t('daily.heading')} wide>
              <DailyChart daily={data.daily} />
            </Panel>
            <Panel id="referrals-heading" title={t('referrals.heading')}>
              <ReferralsPanel referrals={data.referrals} />
            </Panel>
            <Panel id="segments-heading" title={t('segments.heading')}>
              <SegmentsTable
                segments={data.segments}
                minGroupSize={data.min_group_size}
                minGroupNetworks={data.min_group_networks}
                publishedAt={data.segments_published_at}
              />
            </Panel>
          </div>
        </>
      )}
    </QueryBoundary>
  )
}

export function AnalyticsPage() {
  const { t } = useTranslation('insight')
  return (
    <CampaignSubpage className="stack" title={(campaign) => t('pageTitle', { campaign: campaign.title })} heading={() => t('heading')}>
      {(campaign) => (
        <>
          <p className="lead narrow">{t('intro')}</p>
          <Insight campaign={campaign} />
          <section aria-labelledby="exports-heading" className="stack-sm">
            <h2 id="exports-heading">{t('exports.heading')}</h2>
            <p className="hint">{t('exports.intro')}</p>
            <ExportButtons campaign={campaign} />
          </section>
          <p>
            <Link to={`/c/${campaign.slug}/channels`}>{t('toChannels')}</Link>
          </p>
        </>
      )}
    </CampaignSubpage>
  )
}
