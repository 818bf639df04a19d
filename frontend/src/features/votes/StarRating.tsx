// One to five stars as a radio group: native radios, so arrow keys move the choice, Tab leaves
// the group and screen readers announce "3 stars, 3 of 5".
import { useId } from 'react'
import { useTranslation } from 'react-i18next'

const STARS = [1, 2, 3, 4, 5] as const

export function StarRating({
  label,
  value,
  disabled,
  onChange,
}: {
  label: string
  value: number | undefined
  disabled?: boolean
  onChange: (value: number) => void
}) {
  const { t } = useTranslation('votes')
  const name = useId()
  return (
    <fieldset className="stars" disabled={disabled}>
      <legend className="visually-hidden">{label}</legend>
      {STARS.map((star) => (
        <span key={star} className="star">
          <input
            type="radio"
            id={`${name}-${star}`}
            name={name}
            value={star}
            checked={value === star}
            onChange={() => onChange(star)}
          />
          <label htmlFor={`${name}-${star}`} className={value !== undefined && star <= value ? 'lit' : undefined}>
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">{t('vote.star', { count: star })}</span>
          </label>
        </span>
      ))}
    </fieldset>
  )
}
