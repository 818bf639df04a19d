import { useTranslation } from 'react-i18next'
import { TextField } from '../../../forms/Field'
import { newTier, type TierDraft } from './draft'
import type { StepProps } from './StepProps'

const TIER_FIELDS = ['rank_from', 'rank_to', 'title', 'amount', 'currency', 'points'] as const
/** The request field each input fills (`amount` is sent as `amount_minor`). */
const WIRE_NAME: Record<(typeof TIER_FIELDS)[number], string> = {
  rank_from: 'rank_from',
  rank_to: 'rank_to',
  title: 'title',
  amount: 'amount_minor',
  currency: 'currency',
  points: 'points',
}

export function PrizesStep({ draft, update, fieldErrors }: StepProps) {
  const { t } = useTranslation('campaignEditor')
  const setTier = (key: number, change: Partial<TierDraft>) =>
    update((current) => ({ ...current, tiers: current.tiers.map((tier) => (tier.key === key ? { ...tier, ...change } : tier)) }))
  const remove = (key: number) => update((current) => ({ ...current, tiers: current.tiers.filter((tier) => tier.key !== key) }))
  const add = () => update((current) => ({ ...current, tiers: [...current.tiers, newTier(current.tiers[0]?.currency)] }))

  return (
    <>
      <p className="hint">{t('prizes.intro')}</p>
      {fieldErrors.prize_tiers && <p className="field-error">{fieldErrors.prize_tiers.join(' ')}</p>}
      {draft.tiers.length === 0 && <p className="muted">{t('prizes.none')}</p>}
      {draft.tiers.map((tier, index) => {
        const number = index + 1
        return (
          <fieldset key={tier.key} className="tier">
            <legend>{t('prizes.tier', { number })}</legend>
            <div className="row">
              {TIER_FIELDS.map((field) => (
                <TextField
                  key={field}
                  label={t(`prizes.${field}`)}
                  hint={field === 'currency' ? t('prizes.currencyHint') : undefined}
                  required={field !== 'points'}
                  type={field === 'title' || field === 'currency' ? 'text' : 'number'}
                  min={field === 'rank_from' || field === 'rank_to' ? 1 : 0}
                  step={field === 'amount' ? 'any' : undefined}
                  maxLength={field === 'currency' ? 3 : field === 'title' ? 100 : undefined}
                  value={tier[field]}
                  onChange={(event) => setTier(tier.key, { [field]: event.target.value })}
                  errors={fieldErrors[`prize_tiers[${index}].${WIRE_NAME[field]}`]}
                />
              ))}
            </div>
            <button type="button" onClick={() => remove(tier.key)}>
              {t('prizes.remove', { number })}
            </button>
          </fieldset>
        )
      })}
      <button type="button" onClick={add}>
        {t('prizes.add')}
      </button>
    </>
  )
}
