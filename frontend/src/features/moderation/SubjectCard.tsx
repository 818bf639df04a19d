// One card of the desk: a reported entry or comment with its preview and all its open reports, and
// the moderator's decision on it (keep, hide, reject), which settles every report at once. Hiding
// and rejecting ask for the reason the authors will read; keeping takes an optional note.
import { useId, useRef, useState, type FormEvent, type Ref } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { TextAreaField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { hasCode, useResolveReport, type ReportAction } from './queries'
import { ReportList, SubjectFacts, SubjectPreview, SubjectTitle } from './SubjectParts'
import { actionsFor, entryIdOf, type Subject } from './subjects'
import { useSubjectName } from './useSubjectName'

const REASON = fieldsIn(['reason'])

interface SubjectCardProps {
  subject: Subject
  selected: boolean
  onSelect: (selected: boolean) => void
  /** Settled here: `count` reports were closed. */
  onSettled: (subject: Subject, action: ReportAction, count: number) => void
  /** Another moderator settled it first (the API answered 409 `report.resolved`). */
  onSettledMeanwhile: (subject: Subject) => void
  headingRef?: Ref<HTMLHeadingElement>
  /** A bulk decision is under way: single decisions wait. */
  busy: boolean
}

/** The label of the reason's box and what a missing reason says, by action and kind of subject. */
function reasonWords(action: ReportAction, targetType: Subject['targetType']) {
  if (action === 'keep') return { label: 'desk.reasonOptional', missing: 'desk.reasonMissing' } as const
  if (targetType === 'comment') return { label: 'desk.reasonForRecord', missing: 'desk.reasonMissingComment' } as const
  return { label: 'desk.reasonForAuthors', missing: 'desk.reasonMissing' } as const
}

export function SubjectCard({ subject, selected, onSelect, onSettled, onSettledMeanwhile, headingRef, busy }: SubjectCardProps) {
  const { t } = useTranslation('moderation')
  const name = useSubjectName()(subject)
  const resolve = useResolveReport(
    (result, { body }) => onSettled(subject, body.action, result.resolved_reports),
    () => onSettledMeanwhile(subject),
  )
  const [acting, setActing] = useState<ReportAction | null>(null)
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const buttons = useRef(new Map<ReportAction, HTMLButtonElement>())
  const headingId = useId()
  // A 409 `report.resolved` is told by the desk (this card leaves the list with it).
  const shownError = hasCode(resolve.error, 'report.resolved') ? null : resolve.error
  const problem = useFormProblem(shownError, REASON)
  useFocusFirstProblem(form, shownError)
  const actions = actionsFor(subject)

  function focusReason() {
    form.current?.querySelector('textarea')?.focus()
  }

  function open(action: ReportAction) {
    resolve.reset()
    flushSync(() => {
      setActing(action)
      setMissing(false)
    })
    focusReason()
  }

  function close() {
    const was = acting
    resolve.reset()
    flushSync(() => {
      setActing(null)
      setMissing(false)
    })
    if (was) buttons.current.get(was)?.focus()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (acting === null) return
    const action = acting
    const text = reason.trim()
    if (action !== 'keep' && text === '') {
      resolve.reset()
      flushSync(() => setMissing(true))
      focusReason()
      return
    }
    resolve.mutate({
      reportId: subject.reports[0].id,
      contributionId: entryIdOf(subject),
      body: text === '' ? { action } : { action, reason: text },
    })
  }

  const words = acting && reasonWords(acting, subject.targetType)
  const explanation =
    acting === 'keep' ? t('desk.explain_keep')
    : acting === 'hide' && subject.targetType === 'comment' ? t('desk.explain_hide_comment')
    : acting === 'hide' ? t('desk.explain_hide_contribution')
    : acting === 'reject' ? t('desk.explain_reject_contribution')
    : ''

  return (
    <article className="card desk-card" aria-labelledby={headingId}>
      <div className="desk-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          <SubjectTitle subject={subject} />
        </h2>
        <span className="field checkbox desk-select">
          <input id={`${headingId}-select`} type="checkbox" checked={selected} onChange={(event) => onSelect(event.target.checked)} />
          <label htmlFor={`${headingId}-select`}>
            {t('desk.select')} <span className="visually-hidden">{name}</span>
          </label>
        </span>
      </div>
      <SubjectFacts subject={subject}>
        <strong>{t('desk.openReports', { count: subject.openCount })}</strong>
      </SubjectFacts>
      <SubjectPreview subject={subject} />
      <ReportList reports={subject.reports} label={t('desk.reportsOn', { subject: name })} />
      <div className="actions" role="group" aria-label={t('desk.decide', { subject: name })}>
        {actions.map((action) => (
          <button
            key={action}
            ref={(button) => {
              if (button) buttons.current.set(action, button)
              else buttons.current.delete(action)
            }}
            type="button"
            className={action === 'keep' ? undefined : 'danger'}
            aria-pressed={acting === action}
            aria-describedby={headingId}
            disabled={resolve.isPending || busy}
            onClick={() => (acting === action ? close() : open(action))}
          >
            {t(`desk.action_${action}`)}
          </button>
        ))}
      </div>
      {acting && words && (
        <form
          ref={form}
          className="stack-sm desk-decision"
          noValidate
          aria-label={`${t(`desk.action_${acting}`)}: ${name}`}
          onSubmit={submit}
        >
          <FormAlert problem={problem} />
          <TextAreaField
            label={t(words.label)}
            hint={explanation}
            required={acting !== 'keep'}
            rows={2}
            maxLength={1000}
            value={reason}
            onChange={(event) => {
              setMissing(false)
              setReason(event.target.value)
            }}
            errors={missing ? [t(words.missing)] : problem.fields.reason}
          />
          <div className="actions">
            <button
              type="submit"
              className={acting === 'keep' ? 'primary' : 'danger'}
              disabled={resolve.isPending || busy}
              aria-describedby={headingId}
            >
              {resolve.isPending ? t('desk.saving') : t(`desk.submit_${acting}`)}
            </button>
            <button type="button" onClick={close}>
              {t('desk.cancel')}
            </button>
          </div>
        </form>
      )}
    </article>
  )
}
