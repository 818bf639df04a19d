// The desk's history: settled reports, the latest settlement first, each with what was decided,
// by whom, when and why, the subject as it stands now and the reports it settled. The same cards,
// for one entry, show on the entry's page (`EntryReports`).
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import type { Campaign } from '../campaigns/queries'
import { useReports } from './queries'
import { ReportList, SubjectFacts, SubjectPreview, SubjectTitle } from './SubjectParts'
import { settlementsOf, type Settlement } from './subjects'
import { useSettlerName } from './useSettlerName'
import { useSubjectName } from './useSubjectName'

/** What was decided, by whom and when, and the moderator's reason. */
export function SettlementFacts({ settlement, settler }: { settlement: Settlement; settler: string | null }) {
  const { t } = useTranslation('moderation')
  const format = useFormat()
  const outcome = t(`resolved.outcome_${settlement.resolution}`)
  const date = format.dateTime(settlement.resolvedAt)
  return (
    <div className="desk-outcome">
      <p>
        <strong>{settler ? t('resolved.whenBy', { outcome, name: settler, date }) : t('resolved.when', { outcome, date })}</strong>
      </p>
      {settlement.reason && <p className="report-reason">{t('resolved.reason', { reason: settlement.reason })}</p>}
    </div>
  )
}

function SettlementCard({ settlement, settler, level }: { settlement: Settlement; settler: string | null; level: 2 | 3 }) {
  const { t } = useTranslation('moderation')
  const name = useSubjectName()(settlement)
  const headingId = useId()
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <article className="card desk-card" aria-labelledby={headingId}>
      <Heading id={headingId}>
        <SubjectTitle subject={settlement} />
      </Heading>
      <SubjectFacts subject={settlement} />
      <SettlementFacts settlement={settlement} settler={settler} />
      <SubjectPreview subject={settlement} />
      <ReportList reports={settlement.reports} label={t('desk.reportsOn', { subject: name })} />
    </article>
  )
}

export function ResolvedReports({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('moderation')
  const reports = useReports(campaign.id, 'resolved')
  const settlerName = useSettlerName(campaign.organization)
  return (
    <div className="stack">
      <p>{t('resolved.intro')}</p>
      <QueryBoundary query={reports}>
        {(data) => {
          const settlements = settlementsOf(data.pages.flatMap((page) => page.items))
          if (settlements.length === 0) {
            return (
              <EmptyState>
                <p>{t('resolved.empty')}</p>
              </EmptyState>
            )
          }
          return (
            <>
              <ul className="desk-list">
                {settlements.map((settlement) => (
                  <li key={settlement.key}>
                    <SettlementCard settlement={settlement} settler={settlerName(settlement.resolvedBy)} level={2} />
                  </li>
                ))}
              </ul>
              <LoadMore hasMore={reports.hasNextPage} loading={reports.isFetchingNextPage} onLoadMore={() => void reports.fetchNextPage()} />
            </>
          )
        }}
      </QueryBoundary>
    </div>
  )
}
