// The campaign's workers (managers), most approved answers first: their answers by review state,
// points, accuracy on gold tasks, and whether they are paused and why. A manager pauses one with
// a reason the worker reads, or lets them continue.
import { Fragment, useId, useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import { TextAreaField } from '../../forms/Field'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { useTaskMessages } from './problems'
import { useUpdateWorker, useWorkers, type WorkerStanding } from './queries'
import { RefusalAlert } from './RefusalAlert'
import { useAccuracyText } from './wording'

const COLUMNS = 8

interface PauseProps {
  campaignId: string
  worker: WorkerStanding
  onDone: (news: string) => void
  onCancel: () => void
}

function PauseForm({ campaignId, worker, onDone, onCancel }: PauseProps) {
  const { t } = useTranslation('microtasks')
  const update = useUpdateWorker(campaignId)
  const messages = useTaskMessages()
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const box = useRef<HTMLDivElement>(null)
  const ids = useId()
  const refused = update.error instanceof ApiError ? update.error.fieldErrors.filter((error) => error.field === 'reason') : []
  const errors = missing
    ? [t('workers.reasonRequired')]
    : refused.length > 0
      ? refused.map((error) => messages({ code: error.code, params: error.params ?? {}, field: error.field }) ?? error.message)
      : undefined

  function submit(event: FormEvent) {
    event.preventDefault()
    const text = reason.trim()
    if (text === '') {
      update.reset()
      flushSync(() => setMissing(true))
      box.current?.querySelector('textarea')?.focus()
      return
    }
    update.mutate(
      { userId: worker.user_id, body: { paused: true, reason: text } },
      { onSuccess: () => onDone(t('workers.pausedDone', { name: worker.display_name })) },
    )
  }

  return (
    <form onSubmit={submit} className="stack-sm" noValidate aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{t('workers.pauseHeading', { name: worker.display_name })}</h3>
      <div ref={box}>
        <TextAreaField
          label={t('workers.reason')}
          required
          rows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => {
            setMissing(false)
            update.reset()
            setReason(event.target.value)
          }}
          errors={errors}
        />
      </div>
      <div className="actions">
        <button type="submit" className="danger" disabled={update.isPending}>
          {update.isPending ? t('workers.pausing') : t('workers.pauseSubmit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('workers.cancel')}
        </button>
      </div>
      {update.isError && refused.length === 0 && <RefusalAlert error={update.error} />}
    </form>
  )
}

export function WorkerList({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const accuracy = useAccuracyText()
  const workers = useWorkers(campaignId)
  const resume = useUpdateWorker(campaignId)
  const [pausing, setPausing] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const buttons = useRef(new Map<string, HTMLButtonElement>())

  /** Closes the pause form, with focus back on the row's button. */
  function close(userId: string, news?: string) {
    flushSync(() => {
      setPausing(null)
      if (news) setMessage(news)
    })
    buttons.current.get(userId)?.focus()
  }

  const buttonRef = (userId: string) => (button: HTMLButtonElement | null) => {
    if (button) buttons.current.set(userId, button)
    else buttons.current.delete(userId)
  }

  return (
    <div className="stack-sm">
      <p role="status" className="status-line">
        {message}
      </p>
      {resume.isError && <RefusalAlert error={resume.error} />}
      <QueryBoundary query={workers}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items)
          if (items.length === 0) {
            return (
              <EmptyState>
                <p>{t('quality.noWorkers')}</p>
              </EmptyState>
            )
          }
          return (
            <>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('workers.heading')}>
                <table className="worker-table">
                  <caption className="visually-hidden">{t('workers.heading')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('workers.worker')}</th>
                      <th scope="col" className="num">
                        {t('workers.approved')}
                      </th>
                      <th scope="col" className="num">
                        {t('workers.rejected')}
                      </th>
                      <th scope="col" className="num">
                        {t('workers.pending')}
                      </th>
                      <th scope="col" className="num">
                        {t('workers.points')}
                      </th>
                      <th scope="col">{t('workers.accuracy')}</th>
                      <th scope="col">{t('workers.state')}</th>
                      <th scope="col">{t('workers.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((worker) => {
                      const rowId = `worker-${worker.user_id}`
                      return (
                        <Fragment key={worker.user_id}>
                          <tr>
                            <th scope="row" id={rowId}>
                              {worker.display_name}
                            </th>
                            <td className="num">{format.number(worker.approved)}</td>
                            <td className="num">{format.number(worker.rejected)}</td>
                            <td className="num">{format.number(worker.pending)}</td>
                            <td className="num">{format.number(worker.points)}</td>
                            <td>{accuracy(worker)}</td>
                            <td className="worker-state">
                              {worker.paused
                                ? worker.paused_reason
                                  ? t('workers.pausedBecause', { reason: worker.paused_reason })
                                  : t('workers.paused')
                                : t('workers.active')}
                            </td>
                            <td>
                              {worker.paused ? (
                                <button
                                  ref={buttonRef(worker.user_id)}
                                  type="button"
                                  aria-describedby={rowId}
                                  disabled={resume.isPending}
                                  onClick={() => {
                                    setMessage('')
                                    resume.mutate(
                                      { userId: worker.user_id, body: { paused: false, reason: null } },
                                      { onSuccess: () => setMessage(t('workers.resumed', { name: worker.display_name })) },
                                    )
                                  }}
                                >
                                  {t('workers.resume')}
                                </button>
                              ) : (
                                pausing !== worker.user_id && (
                                  <button
                                    ref={buttonRef(worker.user_id)}
                                    type="button"
                                    aria-describedby={rowId}
                                    onClick={() => {
                                      setMessage('')
                                      setPausing(worker.user_id)
                                    }}
                                  >
                                    {t('workers.pause')}
                                  </button>
                                )
                              )}
                            </td>
                          </tr>
                          {pausing === worker.user_id && (
                            <tr className="attempt-row">
                              <td colSpan={COLUMNS}>
                                <div className="attempt-box">
                                  <PauseForm
                                    campaignId={campaignId}
                                    worker={worker}
                                    onDone={(news) => close(worker.user_id, news)}
                                    onCancel={() => close(worker.user_id)}
                                  />
                                </div>
                              </td>
                            </tr>
                          )}
                        </Fragment>
                      )
                    })}
                  </tbody>
                </table>
              </div>
              {workers.hasNextPage && (
                <LoadMore hasMore auto={false} loading={workers.isFetchingNextPage} onLoadMore={() => void workers.fetchNextPage()} />
              )}
            </>
          )
        }}
      </QueryBoundary>
    </div>
  )
}
