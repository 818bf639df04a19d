// On an entry's page, for its moderators: the reports on it, the open ones (with the way to the
// desk, where they are settled) and the settled ones with what was decided and why.
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { QueryStatus } from '../../ui/QueryStates'
import type { Campaign } from '../campaigns/queries'
import { useReports } from './queries'
import { SettlementFacts } from './ResolvedReports'
import { ReportList } from './SubjectParts'
import { settlementsOf } from './subjects'
import { useSettlerName } from './useSettlerName'

export function EntryReports({ campaign, contributionId }: { campaign: Campaign; contributionId: string }) {
  const { t } = useTranslation('moderation')
  const open = useReports(campaign.id, 'open', contributionId)
  const resolved = useReports(campaign.id, 'resolved', contributionId)
  const settlerName = useSettlerName(campaign.organization)
  const openReports = open.data?.pages.flatMap((page) => page.items) ?? []
  const settlements = settlementsOf(resolved.data?.pages.flatMap((page) => page.items) ?? [])
  const none = open.isSuccess && resolved.isSuccess && openReports.length === 0 && settlements.length === 0
  return (
    <section aria-labelledby="entry-reports-heading" className="stack-sm">
      <h2 id="entry-reports-heading">{t('entry.heading')}</h2>
      <QueryStatus query={open} />
      <QueryStatus query={resolved} />
      {none && <p className="muted">{t('entry.empty')}</p>}
      {openReports.length > 0 && (
        <>
          <h3>{t('entry.openHeading')}</h3>
          <ReportList reports={openReports} label={t('entry.openHeading')} />
          <p>
            <Link to={`/c/${campaign.slug}/moderation`}>{t('entry.toDesk')}</Link>
          </p>
        </>
      )}
      {settlements.length > 0 && (
        <>
          <h3>{t('entry.settledHeading')}</h3>
          <ul className="desk-list">
            {settlements.map((settlement) => (
              <li key={settlement.key} className="card stack-sm">
                <SettlementFacts settlement={settlement} settler={settlerName(settlement.resolvedBy)} />
                <ReportList reports={settlement.reports} label={t('entry.settledHeading')} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
