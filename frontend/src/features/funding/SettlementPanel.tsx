// The settlement after the deadline: a dry run tells what a run would do without changing
// anything; a run collects, starts grace windows, drops what stays unpaid, refunds or releases,
// and decides the outcome. Both show the API's report in plain words.
import { useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { useSettle, type Funding, type SettleReport } from './queries'
import { RefusalAlert } from './RefusalAlert'

const COUNTS = ['collected', 'errored', 'awaitingTransfer', 'dropped', 'reminded', 'refunded', 'released'] as const
const FIELD: Record<(typeof COUNTS)[number], keyof SettleReport> = {
  collected: 'collected',
  errored: 'errored',
  awaitingTransfer: 'awaiting_transfer',
  dropped: 'dropped',
  reminded: 'reminded',
  refunded: 'refunded',
  released: 'released',
}

function ReportView({ report }: { report: SettleReport }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  return (
    <div className="stack-sm settle-report">
      <p>
        <strong>{report.dry_run ? t('dashboard.settle.reportDry') : t('dashboard.settle.reportDone')}</strong>
      </p>
      <dl className="stats">
        {COUNTS.map((count) => (
          <div key={count}>
            <dt>{t(`dashboard.settle.${count}`)}</dt>
            <dd>{format.number(Number(report[FIELD[count]]))}</dd>
          </div>
        ))}
        <div>
          <dt>{t('dashboard.settle.outcome')}</dt>
          <dd>{report.decided ? t(`dashboard.settle.outcome_${report.decided}`) : t('dashboard.settle.undecided')}</dd>
        </div>
      </dl>
      {report.more && <p className="notice">{t('dashboard.settle.more')}</p>}
    </div>
  )
}

export function SettlementPanel({ campaignId, funding }: { campaignId: string; funding: Funding }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const settle = useSettle(campaignId)
  const [report, setReport] = useState<SettleReport | null>(null)
  const result = useRef<HTMLDivElement>(null)

  function run(dryRun: boolean) {
    setReport(null)
    settle.mutate(dryRun, {
      onSuccess: (answer) => {
        // The report is read first: focus moves to it with the answer.
        flushSync(() => setReport(answer.report))
        result.current?.focus()
      },
    })
  }

  return (
    <div className="stack-sm">
      <p className="hint">{t('dashboard.settle.intro')}</p>
      {funding.deadline && <p>{t('dashboard.settle.deadline', { date: format.dateTime(funding.deadline) })}</p>}
      {funding.outcome && funding.decided_at && (
        <p className="notice">
          {t('dashboard.settle.decided', {
            date: format.dateTime(funding.decided_at),
            outcome: t(`dashboard.settle.outcome_${funding.outcome}`),
          })}
        </p>
      )}
      <div className="actions">
        <button type="button" disabled={settle.isPending} onClick={() => run(true)}>
          {settle.isPending && settle.variables ? t('dashboard.settle.dryRunning') : t('dashboard.settle.dryRun')}
        </button>
        <ConfirmButton
          label={settle.isPending && settle.variables === false ? t('dashboard.settle.running') : t('dashboard.settle.run')}
          action={t('dashboard.settle.runAction')}
          question={t('dashboard.settle.runQuestion')}
          busy={settle.isPending}
          onConfirm={() => run(false)}
        />
      </div>
      <div ref={result} tabIndex={-1} className="focus-target">
        {report && <ReportView report={report} />}
      </div>
      {settle.isError && <RefusalAlert error={settle.error} currency={funding.currency} />}
    </div>
  )
}
