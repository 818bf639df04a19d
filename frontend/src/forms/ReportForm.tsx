// Reporting something to the moderators (a contribution, a comment): a button that opens a short
// form in place, and a thank-you once the report is in.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/errors'
import { TextAreaField } from './Field'
import { FormAlert } from './FormAlert'
import { fieldsIn } from './problem'
import { useFocusFirstProblem } from './useFocusFirstProblem'
import { useFormProblem } from './useFormProblem'

/** The report mutation (its variable is the reason), as `useMutation` returns it. */
export interface ReportMutation {
  mutate: (reason: string) => void
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

export function ReportForm({ report, heading, headingId, headingLevel, openLabel, alreadyReported, compact }: ReportFormProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const already = alreadyReported !== undefined && report.error instanceof ApiError && report.error.status === 409
  const problem = useFormProblem(already ? null : report.error, fieldsIn(['reason']))
  useFocusFirstProblem(form, report.error)

  useEffect(() => {
    if (open) form.current?.querySelector('textarea')?.focus()
  }, [open])

  if (report.isSuccess) return <p role="status">{t('report.sent')}</p>
  if (already) return <p role="status">{alreadyReported}</p>
  if (!open) {
    return (
      <button type="button" aria-label={openLabel} onClick={() => setOpen(true)}>
        {t('report.open')}
      </button>
    )
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    report.mutate(reason)
  }
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <form ref={form} onSubmit={submit} className={compact ? 'stack-sm report-form' : 'stack report-form'} aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      <FormAlert problem={problem} />
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
        <button type="button" onClick={() => setOpen(false)}>
          {t('report.cancel')}
        </button>
      </div>
    </form>
  )
}
