// The desk's open reports: one card per reported entry or comment, the oldest first, each settled on
// its own or several at once (keep or hide the selected cards with one reason; one request per
// card, the refusals listed by card). A settled card leaves the list at once and focus moves on to
// the next one; the list then reloads. When another moderator was quicker (409), the desk says so
// and reloads.
import { useId, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { TextAreaField } from '../../forms/Field'
import { describeError } from '../../ui/describeError'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import type { Campaign } from '../campaigns/queries'
import { hasCode, useBulkResolve, useReports, type ReportAction, type Resolution } from './queries'
import { SubjectCard } from './SubjectCard'
import { entryIdOf, subjectsOf, type Subject } from './subjects'
import { useSubjectName } from './useSubjectName'

interface BulkItem extends Resolution {
  subject: Subject
}

interface BulkBarProps {
  chosen: readonly Subject[]
  running: boolean
  progress: { done: number; total: number }
  onRun: (action: Extract<ReportAction, 'keep' | 'hide'>, reason: string) => void
}

/** Keep or hide the selected cards with one reason; hiding needs one. Shows how far a run is. */
function BulkBar({ chosen, running, progress, onRun }: BulkBarProps) {
  const { t } = useTranslation('moderation')
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const box = useRef<HTMLDivElement>(null)

  function run(action: 'keep' | 'hide') {
    const text = reason.trim()
    if (action === 'hide' && text === '') {
      flushSync(() => setMissing(true))
      box.current?.querySelector('textarea')?.focus()
      return
    }
    onRun(action, text)
    setReason('')
  }

  if (chosen.length === 0 && !running) return null
  return (
    <form className="desk-bulk stack-sm" aria-label={t('bulk.label')} noValidate onSubmit={(event) => event.preventDefault()}>
      <p>
        <strong>{t('bulk.selected', { count: chosen.length })}</strong>
      </p>
      <div ref={box}>
        <TextAreaField
          label={t('bulk.reason')}
          rows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => {
            setMissing(false)
            setReason(event.target.value)
          }}
          errors={missing ? [t('bulk.reasonMissing')] : undefined}
        />
      </div>
      <div className="actions">
        <button type="button" disabled={running || chosen.length === 0} onClick={() => run('keep')}>
          {t('bulk.keep')}
        </button>
        <button type="button" className="danger" disabled={running || chosen.length === 0} onClick={() => run('hide')}>
          {t('bulk.hide')}
        </button>
      </div>
      {running && (
        <div className="upload-progress">
          <progress max={progress.total} value={progress.done} aria-label={t('bulk.progress', progress)} />
          <span>{t('bulk.progress', progress)}</span>
        </div>
      )}
    </form>
  )
}

export function ReportsDesk({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('moderation')
  const { t: tc } = useTranslation()
  const nameOf = useSubjectName()
  const reports = useReports(campaign.id, 'open')
  const bulk = useBulkResolve<BulkItem>()
  // The reports settled here: their cards leave the list before it reloads. By report, not by
  // subject: a new report on a kept entry opens it again.
  const [settled, setSettled] = useState<ReadonlySet<string>>(new Set())
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [news, setNews] = useState('')
  const [problems, setProblems] = useState<{ heading: string; lines: string[] } | null>(null)
  const [progress, setProgress] = useState({ done: 0, total: 0 })
  const headings = useRef(new Map<string, HTMLHeadingElement>())
  const status = useRef<HTMLParagraphElement>(null)
  const alert = useRef<HTMLDivElement>(null)
  const selectAllId = useId()

  const subjects = subjectsOf(reports.data?.pages.flatMap((page) => page.items) ?? [])
  const shown = subjects.filter((subject) => !subject.reports.every((report) => settled.has(report.id)))
  const chosen = shown.filter((subject) => selected.has(subject.key))
  const allChosen = shown.length > 0 && chosen.length === shown.length

  /** Takes `gone` off the list and says `message`; focus moves to the next card (or to the message). */
  function leave(gone: readonly Subject[], message: { news?: string; problems?: { heading: string; lines: string[] } }) {
    const keys = new Set(gone.map((subject) => subject.key))
    const index = shown.findIndex((subject) => keys.has(subject.key))
    const rest = shown.filter((subject) => !keys.has(subject.key))
    const next = rest[Math.min(Math.max(index, 0), rest.length - 1)]
    flushSync(() => {
      setSettled((current) => new Set([...current, ...gone.flatMap((subject) => subject.reports.map((report) => report.id))]))
      setSelected((current) => new Set([...current].filter((key) => !keys.has(key))))
      setNews(message.news ?? '')
      setProblems(message.problems ?? null)
    })
    if (message.problems) alert.current?.focus()
    else ((next && headings.current.get(next.key)) ?? status.current)?.focus()
  }

  function select(key: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current)
      if (on) next.add(key)
      else next.delete(key)
      return next
    })
  }

  function runBulk(action: 'keep' | 'hide', reason: string) {
    // What is settled is what was selected when the button was pressed.
    const items: BulkItem[] = chosen.map((subject) => ({
      subject,
      reportId: subject.reports[0].id,
      contributionId: entryIdOf(subject),
      body: reason === '' ? { action } : { action, reason },
    }))
    setNews('')
    setProblems(null)
    setProgress({ done: 0, total: items.length })
    bulk.mutate(
      { items, onDone: (done) => setProgress({ done, total: items.length }) },
      {
        onSuccess: (outcomes) => {
          const failed = outcomes.filter((outcome) => outcome.error !== null)
          const done = outcomes.filter((outcome) => outcome.error === null).map((outcome) => outcome.item.subject)
          // Settled by someone else: gone from the list all the same, and said so.
          const meanwhile = failed.filter((outcome) => hasCode(outcome.error, 'report.resolved')).map((outcome) => outcome.item.subject)
          const lines = failed.map((outcome) =>
            t('bulk.failure', {
              subject: nameOf(outcome.item.subject),
              message: hasCode(outcome.error, 'report.resolved') ? t('bulk.resolvedMeanwhile') : describeError(outcome.error, tc),
            }),
          )
          leave([...done, ...meanwhile], {
            news: done.length > 0 ? t('bulk.done', { count: done.length }) : '',
            problems: lines.length > 0 ? { heading: t('bulk.failed', { count: lines.length }), lines } : undefined,
          })
        },
      },
    )
  }

  return (
    <div className="stack">
      <p>{t('desk.intro')}</p>
      <p ref={status} role="status" tabIndex={-1} className="status-line focus-target">
        {news}
      </p>
      {problems && (
        <div ref={alert} role="alert" tabIndex={-1} className="alert focus-target">
          <p>{problems.heading}</p>
          {problems.lines.length > 0 && (
            <ul>
              {problems.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <QueryBoundary query={reports}>
        {() =>
          shown.length === 0 && !reports.hasNextPage ? (
            <EmptyState>
              <p>{t('desk.empty')}</p>
            </EmptyState>
          ) : (
            <>
              {shown.length > 0 && (
                <div className="desk-tools stack-sm">
                  <div className="field checkbox">
                    <input
                      id={selectAllId}
                      type="checkbox"
                      checked={allChosen}
                      onChange={(event) => setSelected(event.target.checked ? new Set(shown.map((subject) => subject.key)) : new Set())}
                    />
                    <label htmlFor={selectAllId}>{t('desk.selectAll')}</label>
                  </div>
                  <BulkBar chosen={chosen} running={bulk.isPending} progress={progress} onRun={runBulk} />
                </div>
              )}
              <ul className="desk-list">
                {shown.map((subject) => (
                  <li key={subject.key}>
                    <SubjectCard
                      subject={subject}
                      selected={selected.has(subject.key)}
                      onSelect={(on) => select(subject.key, on)}
                      busy={bulk.isPending}
                      onSettled={(gone, action, count) =>
                        leave([gone], { news: t(`desk.done_${action}`, { subject: nameOf(gone), count }) })
                      }
                      onSettledMeanwhile={(gone) =>
                        leave([gone], { problems: { heading: t('desk.resolvedMeanwhile', { subject: nameOf(gone) }), lines: [] } })
                      }
                      headingRef={(heading) => {
                        if (heading) headings.current.set(subject.key, heading)
                        else headings.current.delete(subject.key)
                      }}
                    />
                  </li>
                ))}
              </ul>
              <LoadMore hasMore={reports.hasNextPage} loading={reports.isFetchingNextPage} onLoadMore={() => void reports.fetchNextPage()} />
            </>
          )
        }
      </QueryBoundary>
    </div>
  )
}
