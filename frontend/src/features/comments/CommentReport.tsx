// Reporting a comment: a button that opens a short form in place. Each person reports a comment
// once; a second report (409) is not an error to them, so it reads as a confirmation.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import { TextAreaField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useReportComment, type Comment } from './queries'

export function CommentReport({ comment }: { comment: Comment }) {
  const { t } = useTranslation('comments')
  const report = useReportComment(comment.id)
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const opener = useRef<HTMLButtonElement>(null)
  const alreadyReported = report.error instanceof ApiError && report.error.status === 409
  const problem = useFormProblem(alreadyReported ? null : report.error, fieldsIn(['reason']))
  useFocusFirstProblem(form, report.error)

  useEffect(() => {
    if (open) form.current?.querySelector('textarea')?.focus()
  }, [open])

  if (report.isSuccess) return <p role="status">{t('report.sent')}</p>
  if (alreadyReported) return <p role="status">{t('report.already')}</p>
  if (!open) {
    return (
      <button
        ref={opener}
        type="button"
        aria-label={t('actions.reportComment', { name: comment.author_display_name })}
        onClick={() => setOpen(true)}
      >
        {t('actions.report')}
      </button>
    )
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    report.mutate(reason)
  }
  const headingId = `report-${comment.id}`
  return (
    <form ref={form} onSubmit={submit} className="stack-sm report-form" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('report.heading')}</h3>
      <FormAlert problem={problem} />
      <TextAreaField
        label={t('report.reason')}
        required
        maxLength={1000}
        rows={2}
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
