// One task in the runner: what it shows, the question, the lease's countdown with "More time",
// and "Send answer" / "Skip task". Keys work anywhere on the page outside a text field: 1–9 pick
// an option, Enter sends, S skips (Ctrl+Enter sends from the text area). What the form would
// refuse is said at the question before anything is sent.
import { useEffect, useId, useLayoutEffect, useRef, useState, type Ref } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import { useFormat } from '../../i18n/format'
import { useNow } from '../../ui/useNow'
import { answerOf, EMPTY_DRAFT, pickOption, type DraftProblem } from './answer'
import { AnswerInput } from './AnswerInput'
import { lowBelow } from './lease'
import { LeaseTimer } from './LeaseTimer'
import { useDraftProblemText, useTaskMessages } from './problems'
import { hasCode, type Claim } from './queries'
import { RefusalAlert } from './RefusalAlert'
import { leaseLeft, useExtendClaim, useReleaseClaim, useSubmitAnswer, type HeldClaim } from './runner'
import { TaskContent } from './TaskContent'

/** How a task left the runner: answered (the claim as answered), skipped, or lost (its time ran out). */
export type Outcome = { kind: 'answered'; claim: Claim } | { kind: 'skipped' } | { kind: 'lost' }

interface Props {
  campaignId: string
  held: HeldClaim
  onExtended: (held: HeldClaim) => void
  onDone: (outcome: Outcome) => void
  /** A sentence for the runner's status line. */
  onNews: (text: string) => void
  /** The task's heading: focus lands there when a new task arrives. */
  headingRef: Ref<HTMLHeadingElement>
}

/** Whether a key goes to a field the user types into (where digits, S and Enter mean themselves). */
function isTyping(target: HTMLElement | null): boolean {
  if (target === null) return false
  if (target instanceof HTMLInputElement) return target.type !== 'radio' && target.type !== 'checkbox'
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable
}

/** The refusals that mean the task is no longer mine to answer. */
const isLost = (error: unknown) => hasCode(error, 'claim.lease_expired') || hasCode(error, 'claim.transition')

export function RunnerTask({ campaignId, held, onExtended, onDone, onNews, headingRef }: Props) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const { claim } = held
  const form = claim.answer_form
  const [draft, setDraft] = useState(EMPTY_DRAFT)
  const [local, setLocal] = useState<DraftProblem | null>(null)
  const submit = useSubmitAnswer(campaignId)
  const release = useReleaseClaim(campaignId)
  const extend = useExtendClaim()
  const messages = useTaskMessages(form.kind)
  const draftProblemText = useDraftProblemText()
  const question = useRef<HTMLDivElement>(null)
  const headingId = useId()
  const left = leaseLeft(held, useNow(1000))
  const timeUp = left <= 0
  const lost = timeUp || isLost(submit.error)
  const busy = submit.isPending || release.isPending

  // One sentence a minute before the end, not one every second.
  const lowMs = lowBelow(claim)
  const low = left < lowMs && !timeUp
  const news = useRef(onNews)
  useLayoutEffect(() => {
    news.current = onNews
  })
  useEffect(() => {
    if (low) news.current(t('runner.oneMinute'))
  }, [low, t])

  // The API's word on the answer (a 422 naming `answer`) is said at the question, like a local check.
  const refused = submit.error instanceof ApiError ? submit.error.fieldErrors.filter((error) => error.field === 'answer') : []
  const answerErrors = local
    ? [draftProblemText(local)]
    : refused.length > 0
      ? refused.map((error) => messages({ code: error.code, params: error.params ?? {}, field: error.field }) ?? error.message)
      : undefined

  function focusQuestion() {
    question.current?.querySelector<HTMLElement>('input:not(:disabled), textarea, [role="group"][tabindex="0"]')?.focus()
  }

  // Focus goes to the question when a new refusal arrives, not on every render.
  const refusedNow = refused.length > 0
  useLayoutEffect(() => {
    if (refusedNow) question.current?.querySelector<HTMLElement>('input:not(:disabled), textarea, [role="group"][tabindex="0"]')?.focus()
  }, [refusedNow, submit.error])

  function change(next: typeof draft) {
    setLocal(null)
    setDraft(next)
  }

  function send() {
    if (busy || lost) return
    const checked = answerOf(form, draft)
    if ('problem' in checked) {
      submit.reset()
      flushSync(() => setLocal(checked.problem))
      focusQuestion()
      return
    }
    setLocal(null)
    submit.mutate({ claimId: claim.id, answer: checked.answer }, { onSuccess: (answered) => onDone({ kind: 'answered', claim: answered }) })
  }

  function skip() {
    if (busy) return
    if (lost) {
      onDone({ kind: 'lost' })
      return
    }
    release.mutate(claim.id, {
      onSuccess: () => onDone({ kind: 'skipped' }),
      // Already answered elsewhere or run out: there is nothing to give back, so on to the next one.
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) onDone({ kind: 'skipped' })
      },
    })
  }

  function moreTime() {
    extend.mutate(held, {
      onSuccess: (extended) => {
        onExtended(extended)
        onNews(t('runner.extended', { time: format.dateTime(extended.claim.lease_expires_at) }))
      },
    })
  }

  // The page's keys, read through a ref so the listener is added once and sees the latest draft:
  // set in a layout effect, so a key pressed right after a render (Enter after the option's key)
  // never meets the draft before it (Preact runs plain effects only after the paint).
  const keys = useRef<(event: KeyboardEvent) => void>(() => undefined)
  useLayoutEffect(() => {
    keys.current = (event) => {
      if (event.defaultPrevented || event.altKey || event.isComposing) return
      const target = event.target instanceof HTMLElement ? event.target : null
      // Keys in the site's header and footer (the language switch, the menu) are theirs.
      if (target !== null && target !== document.body && target.closest('#main') === null) return
      const typing = isTyping(target)
      if (event.key === 'Enter') {
        const inTextArea = target instanceof HTMLTextAreaElement
        if (inTextArea ? !(event.ctrlKey || event.metaKey) : typing || event.ctrlKey || event.metaKey || event.shiftKey) return
        // Buttons and links act on Enter themselves.
        if (target?.closest('button, a, summary')) return
        event.preventDefault()
        send()
        return
      }
      if (typing || event.ctrlKey || event.metaKey) return
      if (/^[1-9]$/.test(event.key)) {
        const next = pickOption(form, draft, Number(event.key) - 1)
        if (next !== draft) {
          event.preventDefault()
          change(next)
        }
      } else if (event.key === 's' || event.key === 'S') {
        event.preventDefault()
        skip()
      }
    }
  })
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keys.current(event)
    document.addEventListener('keydown', listener)
    return () => document.removeEventListener('keydown', listener)
  }, [])

  const keyHint =
    form.kind === 'single_choice' || form.kind === 'multiple_choice'
      ? t('runner.keysChoice')
      : form.kind === 'text'
        ? t('runner.keysText')
        : form.kind === 'number'
          ? t('runner.keysNumber')
          : t('runner.keysRectangle')
  const otherError = [submit.error, release.error, extend.error].find(
    (error) => error && !isLost(error) && !(error === submit.error && refused.length > 0),
  )

  return (
    <article className="card stack-sm runner-task" aria-labelledby={headingId}>
      <div className="runner-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('task.heading')}
        </h2>
        <LeaseTimer left={left} lowMs={lowMs} extending={extend.isPending} onExtend={moreTime} />
      </div>
      <TaskContent task={claim.task} showImage={form.kind !== 'rectangle'} />
      <form
        className="stack-sm"
        noValidate
        aria-labelledby={headingId}
        onSubmit={(event) => {
          event.preventDefault()
          send()
        }}
      >
        <div ref={question}>
          <AnswerInput
            form={form}
            draft={draft}
            onChange={change}
            imageUrl={claim.task.image_url}
            errors={answerErrors}
            disabled={lost}
            numbered
          />
        </div>
        {lost ? (
          <div className="notice stack-sm">
            <p>{timeUp ? t('runner.timeUp') : t('runner.lost')}</p>
            <button type="button" className="primary" onClick={() => onDone({ kind: 'lost' })}>
              {t('runner.next')}
            </button>
          </div>
        ) : (
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {submit.isPending ? t('runner.submitting') : t('runner.submit')}
            </button>
            <button type="button" disabled={busy} onClick={skip}>
              {release.isPending ? t('runner.skipping') : t('runner.skip')}
            </button>
          </div>
        )}
        <p className="hint keys-hint">{keyHint}</p>
      </form>
      {otherError && <RefusalAlert error={otherError} kind={form.kind} />}
    </article>
  )
}
