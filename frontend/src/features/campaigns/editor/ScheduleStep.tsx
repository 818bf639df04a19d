import { useTranslation } from 'react-i18next'
import { TextField } from '../../../forms/Field'
import { SCHEDULE_FIELDS } from './draft'
import type { StepProps } from './StepProps'

// A crowdfunding campaign's submission window is its funding window; the API still wants voting
// dates (after the deadline), which mean nothing to it.
const FUNDING_LABELS: Partial<Record<(typeof SCHEDULE_FIELDS)[number], 'funding_open_at' | 'funding_close_at'>> = {
  submissions_open_at: 'funding_open_at',
  submissions_close_at: 'funding_close_at',
}

export function ScheduleStep({ draft, update, fieldErrors }: StepProps) {
  const { t } = useTranslation('campaignEditor')
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const funding = draft.kind === 'funding'
  return (
    <>
      <p className="hint">{t('schedule.intro', { zone })}</p>
      {fieldErrors.schedule && <p className="field-error">{fieldErrors.schedule.join(' ')}</p>}
      {SCHEDULE_FIELDS.map((field) => (
        <TextField
          key={field}
          label={t(`schedule.${(funding && FUNDING_LABELS[field]) || field}`)}
          hint={funding && field === 'voting_open_at' ? t('schedule.fundingVotingHint') : undefined}
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
