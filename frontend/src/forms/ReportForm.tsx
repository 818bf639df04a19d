// Reporting something to the moderators (a contribution, a comment): a button that opens a short
// form in place (what kind of problem it is, each kind explained, and the reporter's own words),
// and a thank-you once the report is in.
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/errors'
import type { Schemas } from '../api/types'
import { TextAreaField } from './Field'
import { FormAlert } from './FormAlert'
import { fieldsIn } from './problem'
import { useFocusFirstProblem } from './useFocusFirstProblem'
import { useFormProblem } from './useFormProblem'

export type ReportCategory = Schemas['ReportCategory']

/** The kinds of problem, in the order the form offers them (`other` last: the catch-all). */
const REPORT_CATEGORIES: readonly ReportCategory[] = ['spam', 'offensive', 'copyright', 'off_brief', 'other']

/** What a report sends: the kind of problem and the reporter's words. */
export interface ReportBody {
  category: ReportCategory
  reason: string
}

/** The report mutation (its variable is the report), as `useMutation` returns it. */
export interface ReportMutation {
  mutate: (report: ReportBody) => void
  isPending: boolean
  isSuccess: boolean
  error: unknown
}

interface ReportFormProps {
  report: ReportMutation
  /** The form's heading ("Report this comment"), its id and level in the page's outline. */
  heading: string
  headingId: string
  headingLevel: 2 | 3
  /** The open button's accessible name, where "Report" alone would not say what is reported. */
  openLabel?: string
  /**
   * Said instead of an error when this person has reported it before (the API answers 409): to
   * them it is done, not failed. Without it a 409 shows like any other error.
   */
  alreadyReported?: string
  /** Less room, for something small in a list (a comment). */
  compact?: boolean
}

const FIELDS = fieldsIn(['category', 'reason'])

/** The five kinds as radio buttons, each with its explanation; the first takes focus when the form opens. */
function CategoryChoice({
  value,
  onPick,
  errors,
  firstRadio,
}: {
  value: ReportCategory | null
  onPick: (category: ReportCategory) => void
  errors: string[] | undefined
  firstRadio: RefObject<HTMLInputElement | null>
}) {
  const { t } = useTranslation()
  const ids = useId()
  const errorId = errors?.length ? `${ids}-error` : undefined
  return (
    <fieldset className="choice-list report-categories" aria-describedby={errorId}>
      <legend>
        {t('report.category')} <span className="muted">({t('form.required')})</span>
      </legend>
      {REPORT_CATEGORIES.map((category, index) => {
        const id = `${ids}-${category}`
        return (
          <div key={category} className="field checkbox">
            <input
              ref={index === 0 ? firstRadio : undefined}
              id={id}
              type="radio"
              name={`${ids}-category`}
              value={category}
              checked={value === category}
              onChange={() => onPick(category)}
              aria-invalid={errorId !== undefined || undefined}
              aria-describedby={`${id}-hint`}
            />
            <label htmlFor={id}>{t(`report.categories.${category}`)}</label>
            <p id={`${id}-hint`} className="hint">
              {t(`report.categoryHints.${category}`)}
            </p>
          </div>
        )
      })}
      {errorId && (
        <p id={errorId} className="field-error">
          {errors?.join(' ')}
        </p>
      )}
    </fieldset>
  )
}

export function ReportForm({ report, heading, headingId, headingLevel, openLabel, alreadyReported, compact }: ReportFormProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [category, setCategory] = useState<ReportCategory | null>(null)
  const [categoryMissing, setCategoryMissing] = useState(false)
  const [reason, setReason] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const firstRadio = useRef<HTMLInputElement>(null)
  const opener = useRef<HTMLButtonElement>(null)
  const already = alreadyReported !== undefined && report.error instanceof ApiError && report.error.status === 409
  const problem = useFormProblem(already ? null : report.error, FIELDS)
  useFocusFirstProblem(form, report.error)

  if (report.isSuccess) return <p role="status">{t('report.sent')}</p>
  if (already) return <p role="status">{alreadyReported}</p>
  if (!open) {
    return (
      <button
        ref={opener}
        type="button"
        aria-label={openLabel}
        onClick={() => {
          // The form replaces the button: the kind of problem, its first question, takes focus.
          flushSync(() => setOpen(true))
          firstRadio.current?.focus()
        }}
      >
        {t('report.open')}
      </button>
    )
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    if (category === null) {
      flushSync(() => setCategoryMissing(true))
      firstRadio.current?.focus()
      return
    }
    report.mutate({ category, reason })
  }
  function cancel() {
    flushSync(() => setOpen(false))
    opener.current?.focus()
  }
  const categoryErrors = categoryMissing ? [t('report.categoryMissing')] : problem.fields.category
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <form ref={form} onSubmit={submit} className={compact ? 'stack-sm report-form' : 'stack report-form'} aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      <FormAlert problem={problem} />
      <CategoryChoice
        value={category}
        onPick={(picked) => {
          setCategory(picked)
          setCategoryMissing(false)
        }}
        errors={categoryErrors}
        firstRadio={firstRadio}
      />
      <TextAreaField
        label={t('report.reason')}
        required
        maxLength={1000}
        rows={compact ? 2 : 3}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        errors={problem.fields.reason}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={report.isPending}>
          {t('report.submit')}
        </button>
        <button type="button" onClick={cancel}>
          {t('report.cancel')}
        </button>
      </div>
    </form>
  )
}
