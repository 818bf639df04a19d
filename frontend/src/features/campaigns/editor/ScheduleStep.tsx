import { useTranslation } from 'react-i18next'
import { TextField } from '../../../forms/Field'
import { SCHEDULE_FIELDS } from './draft'
import type { StepProps } from './StepProps'

type Field = (typeof SCHEDULE_FIELDS)[number]

// A crowdfunding campaign's submission window is its funding window, a micro-task campaign's its
// work window; the API still wants voting dates (after the deadline), which mean nothing to them.
const FUNDING_LABELS: Partial<Record<Field, 'funding_open_at' | 'funding_close_at'>> = {
  submissions_open_at: 'funding_open_at',
  submissions_close_at: 'funding_close_at',
}
const WORK_LABELS: Partial<Record<Field, 'work_open_at' | 'work_close_at'>> = {
  submissions_open_at: 'work_open_at',
  submissions_close_at: 'work_close_at',
}

export function ScheduleStep({ draft, update, fieldErrors }: StepProps) {
  const { t } = useTranslation('campaignEditor')
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const funding = draft.kind === 'funding'
  const work = draft.kind === 'microtask'
  const labelOf = (field: Field) => (funding && FUNDING_LABELS[field]) || (work && WORK_LABELS[field]) || field
  const hintOf = (field: Field) =>
    field !== 'voting_open_at' ? undefined : funding ? t('schedule.fundingVotingHint') : work ? t('schedule.workVotingHint') : undefined
  return (
    <>
      <p className="hint">{t('schedule.intro', { zone })}</p>
      {fieldErrors.schedule && <p className="field-error">{fieldErrors.schedule.join(' ')}</p>}
      {SCHEDULE_FIELDS.map((field) => (
        <TextField
          key={field}
          label={t(`schedule.${labelOf(field)}`)}
          hint={hintOf(field)}
          type="datetime-local"
          value={draft.schedule[field]}
          onChange={(event) =>
            update((current) => ({ ...current, schedule: { ...current.schedule, [field]: event.target.value } }))
          }
          errors={fieldErrors[`schedule.${field}`]}
        />
      ))}
    </>
  )
}
