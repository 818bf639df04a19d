// Quality and progress (managers): tasks and answers by state, the pace of the last 24 hours and
// whether the wanted answers come in before the work window closes, the leaderboard, the workers
// (pause and resume), and the results as CSV.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ErrorAlert, QueryBoundary } from '../../ui/QueryStates'
import type { Campaign } from '../campaigns/queries'
import { useResultsExport, useTaskProgress, type TaskProgress } from './queries'
import { useAccuracyText } from './wording'
import { WorkerList } from './WorkerList'

function Figures({ figures }: { figures: [label: string, value: string][] }) {
  return (
    <dl className="stats">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

function Projection({ progress }: { progress: TaskProgress }) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const closes = progress.closes_at ? format.dateTime(progress.closes_at) : null
  if (progress.answers_wanted === 0) return <p>{t('quality.done')}</p>
  if (!progress.projected_completion_at) return <p>{[t('quality.noPace'), closes && t('quality.closes', { date: closes })].filter(Boolean).join(' ')}</p>
  const projection = t('quality.projection', { date: format.dateTime(progress.projected_completion_at) })
  if (closes === null || progress.on_track === null || progress.on_track === undefined) return <p>{projection}</p>
  return (
    <p className={progress.on_track ? 'projection on-track' : 'notice projection off-track'}>
      {projection} {progress.on_track ? t('quality.onTrack', { date: closes }) : t('quality.offTrack', { date: closes })}
    </p>
  )
}

function ProgressView({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const accuracy = useAccuracyText()
  const progress = useTaskProgress(campaignId)
  const n = (value: number) => format.number(value)
  return (
    <QueryBoundary query={progress}>
      {(data) => (
        <div className="stack-sm">
          <div className="section-header">
            <h3>{t('quality.tasksHeading')}</h3>
            <button type="button" disabled={progress.isFetching} onClick={() => void progress.refetch()}>
              {t('quality.refresh')}
            </button>
          </div>
          <Figures
            figures={[
              [t('quality.total'), n(data.tasks.total)],
              [t('quality.open'), n(data.tasks.open)],
              [t('quality.inProgress'), n(data.tasks.in_progress)],
              [t('quality.completed'), n(data.tasks.completed)],
              [t('quality.retired'), n(data.tasks.retired)],
              [t('quality.gold'), n(data.tasks.gold)],
            ]}
          />
          <h3>{t('quality.answersHeading')}</h3>
          <Figures
            figures={[
              [t('quality.activeLeases'), n(data.answers.active_leases)],
              [t('quality.pendingReview'), n(data.answers.pending_review)],
              [t('quality.approved'), n(data.answers.approved)],
              [t('quality.rejected'), n(data.answers.rejected)],
              [t('quality.expiredLeases'), n(data.answers.expired_leases)],
              [t('quality.releasedLeases'), n(data.answers.released_leases)],
            ]}
          />
          <h3>{t('quality.paceHeading')}</h3>
          <Figures
            figures={[
              [t('quality.lastHour'), n(data.answers_last_hour)],
              [t('quality.perHour'), format.decimal(data.answers_per_hour, 1)],
              [t('quality.wanted'), n(data.answers_wanted)],
              [t('quality.workers'), n(data.workers)],
              [t('quality.pausedWorkers'), n(data.paused_workers)],
            ]}
          />
          <Projection progress={data} />
          <h3>{t('quality.leaderboard')}</h3>
          {data.leaderboard.length === 0 ? (
            <p className="muted">{t('quality.noWorkers')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('quality.leaderboard')}>
              <table className="leaderboard-table">
                <caption className="visually-hidden">{t('quality.leaderboard')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('workers.worker')}</th>
                    <th scope="col" className="num">
                      {t('workers.approved')}
                    </th>
                    <th scope="col" className="num">
                      {t('workers.points')}
                    </th>
                    <th scope="col">{t('workers.accuracy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.leaderboard.map((worker) => (
                    <tr key={worker.user_id}>
                      <th scope="row">{worker.display_name}</th>
                      <td className="num">{n(worker.approved)}</td>
                      <td className="num">{n(worker.points)}</td>
                      <td>{accuracy(worker)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </QueryBoundary>
  )
}

function ExportButton({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('microtasks')
  const download = useResultsExport(campaign)
  return (
    <div className="stack-sm">
      <p className="hint">{t('quality.exportHint')}</p>
      <button type="button" disabled={download.isPending} onClick={() => download.mutate()}>
        {download.isPending ? t('quality.exporting') : t('quality.export')}
      </button>
      <p role="status" className="status-line hint">
        {download.isSuccess ? t('quality.exported', { filename: download.data }) : ''}
      </p>
      {download.isError && <ErrorAlert error={download.error} />}
    </div>
  )
}

export function QualityTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('microtasks')
  return (
    <div className="stack">
      <section aria-labelledby="quality-progress-heading" className="card stack-sm">
        <h2 id="quality-progress-heading">{t('quality.progressHeading')}</h2>
        <ProgressView campaignId={campaign.id} />
        <ExportButton campaign={campaign} />
      </section>
      <section aria-labelledby="quality-workers-heading" className="card stack-sm">
        <h2 id="quality-workers-heading">{t('workers.heading')}</h2>
        <WorkerList campaignId={campaign.id} />
      </section>
    </div>
  )
}
