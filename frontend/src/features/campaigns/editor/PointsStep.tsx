import { useTranslation } from 'react-i18next'
import { TextField } from '../../../forms/Field'
import type { StepProps } from './StepProps'

const FIELDS = ['per_contribution', 'per_vote', 'per_referral'] as const

export function PointsStep({ draft, update, fieldErrors }: StepProps) {
  const { t } = useTranslation('campaignEditor')
  return (
    <>
      <p className="hint">{t('points.intro')}</p>
      {FIELDS.map((field) => (
        <TextField
          key={field}
          label={t(`points.${field}`)}
          type="number"
          min={0}
          max={10000}
          required
          value={draft.points[field]}
          onChange={(event) => update((current) => ({ ...current, points: { ...current.points, [field]: event.target.value } }))}
          errors={fieldErrors[`participation_points.${field}`]}
        />
      ))}
    </>
  )
}
