import { useTranslation } from 'react-i18next'
import { TextField } from '../../../forms/Field'
import { SCHEDULE_FIELDS } from './draft'
import type { StepProps } from './StepProps'

export function ScheduleStep({ draft, update, fieldErrors }: StepProps) {
  const { t } = useTranslation('campaignEditor')
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return (
    <>
      <p className="hint">{t('schedule.intro', { zone })}</p>
      {fieldErrors.schedule && <p className="field-error">{fieldErrors.schedule.join(' ')}</p>}
      {SCHEDULE_FIELDS.map((field) => (
        <TextField
          key={field}
          label={t(`schedule.${field}`)}
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
