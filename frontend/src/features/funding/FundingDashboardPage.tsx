// `/c/:slug/funding` (a funding campaign's owners and managers; loaded lazily): the progress as
// backers see it, the goal and rules (frozen at the first pledge), the rewards, the money by
// state, reward, channel and day, the backers with their payments, and the settlement.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert, Loading } from '../../ui/QueryStates'
import { CampaignSubpage } from '../campaigns/CampaignSubpage'
import type { Campaign } from '../campaigns/queries'
import { canManage, useMyRole } from '../organizations/queries'
import { BackerList } from './BackerList'
import { FundingProgress } from './FundingProgress'
import { FundingReportPanel } from './FundingReportPanel'
import { FundingSettingsForm } from './FundingSettingsForm'
import { isNotConfigured, useFunding } from './queries'
import { SettlementPanel } from './SettlementPanel'
import { TierEditor } from './TierEditor'

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card stack-sm">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  )
}

function Dashboard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('funding')
  const funding = useFunding(campaign.id)
  if (funding.isPending) return <Loading />
  const notConfigured = funding.isError && isNotConfigured(funding.error)
  if (funding.isError && !notConfigured) return <ErrorAlert error={funding.error} onRetry={() => void funding.refetch()} />
  const data = funding.data ?? null
  return (
    <>
      {data && (
        <Panel id="funding-progress-heading" title={t('progress.heading')}>
          <FundingProgress funding={data} />
        </Panel>
      )}
      <Panel id="funding-settings-heading" title={t('dashboard.settings.heading')}>
        <FundingSettingsForm campaignId={campaign.id} funding={data} />
      </Panel>
      <Panel id="funding-tiers-heading" title={t('dashboard.tiers.heading')}>
        {data ? <TierEditor campaignId={campaign.id} funding={data} /> : <p className="muted">{t('dashboard.needsGoal')}</p>}
      </Panel>
      {data && (
        <>
          <Panel id="funding-money-heading" title={t('dashboard.report.heading')}>
            <FundingReportPanel campaignId={campaign.id} />
          </Panel>
          <Panel id="funding-backers-heading" title={t('dashboard.backers.heading')}>
            <BackerList campaign={campaign} />
          </Panel>
          <Panel id="funding-settle-heading" title={t('dashboard.settle.heading')}>
            <SettlementPanel campaignId={campaign.id} funding={data} />
          </Panel>
        </>
      )}
    </>
  )
}

function ForManagers({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('funding')
  const { role, isPending } = useMyRole(campaign.organization)
  if (campaign.kind !== 'funding') return <p className="notice">{t('dashboard.wrongKind')}</p>
  // Only managers may change funding or see backers: anyone else is told so without asking the API.
  if (isPending) return <Loading />
  if (!canManage(role)) return <p className="notice">{t('dashboard.notAllowed')}</p>
  return <Dashboard campaign={campaign} />
}

export function FundingDashboardPage() {
  const { t } = useTranslation('funding')
  return (
    <CampaignSubpage
      className="stack funding-dashboard"
      title={(campaign) => t('dashboard.pageTitle', { campaign: campaign.title })}
      heading={() => t('dashboard.heading')}
    >
      {(campaign) => (
        <>
          <p className="lead narrow">{t('dashboard.intro')}</p>
          <ForManagers campaign={campaign} />
        </>
      )}
    </CampaignSubpage>
  )
}
