// Reporting a contribution to the moderators: a button that opens a short form in place.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { TextAreaField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useReportContribution } from './queries'

export function ReportForm({ contributionId }: { contributionId: string }) {
  const { t } = useTranslation('contributions')
  const report = useReportContribution(contributionId)
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(report.error, fieldsIn(['reason']))
  useFocusFirstProblem(form, report.error)

  useEffect(() => {
    if (open) form.current?.querySelector('textarea')?.focus()
  }, [open])

  if (report.isSuccess) return <p role="status">{t('report.sent')}</p>
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('report.open')}
      </button>
    )
  }
  function submit(event: FormEvent) {
    event.preventDefault()
    report.mutate(reason)
  }
  return (
    <form ref={form} onSubmit={submit} className="stack report-form" aria-labelledby="report-heading">
      <h2 id="report-heading">{t('report.heading')}</h2>
      <FormAlert problem={problem} />
      <TextAreaField
        label={t('report.reason')}
        required
        maxLength={1000}
        rows={3}
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
