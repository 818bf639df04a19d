// The choices a pledge is made of, shared by the pledge form and the changes in my pledges: the
// reward (or none), each with what remains of it, and the payment method the campaign's provider
// takes. The simulated provider says plainly that no money moves, and names its outcomes humanly.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useNow } from '../../ui/useNow'
import { PAYMENT_METHODS, tierState, type PaymentMethod } from './model'
import type { PaymentProvider, Tier } from './queries'
import { TIER_CLOCK_MS, TierFacts } from './TierFacts'
import { useTierLabel } from './tierText'

interface RewardChoiceProps {
  tiers: readonly Tier[]
  currency: string
  /** The chosen tier's id; '' for no reward. */
  value: string
  onChange: (tierId: string) => void
  errors?: string[]
  /**
   * Tiers that may stay chosen whatever their state: the one the pledge already has (its slot is
   * the backer's), and the one chosen when the API refused it (it stays focused and explained).
   */
  keep?: readonly string[]
}

export function RewardChoice({ tiers, currency, value, onChange, errors, keep }: RewardChoiceProps) {
  const { t } = useTranslation('funding')
  const ids = useId()
  const label = useTierLabel(currency)
  const now = useNow(TIER_CLOCK_MS)
  const errorId = errors?.length ? `${ids}-error` : undefined
  const option = (tierId: string, text: string, describedBy: string, disabled: boolean) => {
    const id = `${ids}-${tierId || 'none'}`
    const checked = value === tierId
    return (
      <div key={id} className="field checkbox reward-option">
        <input
          id={id}
          type="radio"
          name={`${ids}-reward`}
          checked={checked}
          disabled={disabled}
          onChange={() => onChange(tierId)}
          // The chosen reward is the one refused: focus lands on it.
          aria-invalid={(errorId !== undefined && checked) || undefined}
          aria-describedby={[describedBy, errorId].filter(Boolean).join(' ')}
        />
        <label htmlFor={id}>{text}</label>
        {tierId === '' ? (
          <p id={describedBy} className="hint">
            {t('pledge.noRewardHint')}
          </p>
        ) : null}
      </div>
    )
  }
  return (
    <fieldset className="reward-choice">
      <legend>{t('pledge.reward')}</legend>
      {option('', t('pledge.noReward'), `${ids}-none-hint`, false)}
      {tiers.map((tier) => {
        const factsId = `${ids}-${tier.id}-facts`
        const closed = tierState(tier, now) !== 'available' && !keep?.includes(tier.id)
        return (
          <div key={tier.id} className="reward-tier">
            {option(tier.id, label(tier), factsId, closed)}
            <TierFacts tier={tier} now={now} id={factsId} />
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

interface PaymentMethodChoiceProps {
  provider: PaymentProvider
  value: string
  onChange: (method: PaymentMethod) => void
  errors?: string[]
}

export function PaymentMethodChoice({ provider, value, onChange, errors }: PaymentMethodChoiceProps) {
  const { t } = useTranslation('funding')
  const ids = useId()
  const noteId = `${ids}-note`
  const errorId = errors?.length ? `${ids}-error` : undefined
  return (
    <fieldset className="payment-choice" aria-describedby={noteId}>
      <legend>{t('pledge.method')}</legend>
      {provider === 'simulated' ? (
        <p id={noteId} className="notice demo-note">
          <strong>{t('pledge.demoNote')}</strong>
        </p>
      ) : (
        <p id={noteId} className="hint">
          {t('pledge.manualNote')}
        </p>
      )}
      {PAYMENT_METHODS[provider].map((method) => {
        const id = `${ids}-${method}`
        const checked = value === method
        return (
          <div key={method} className="field checkbox">
            <input
              id={id}
              type="radio"
              name={`${ids}-method`}
              checked={checked}
              onChange={() => onChange(method)}
              aria-invalid={(errorId !== undefined && checked) || undefined}
              aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(' ')}
            />
            <label htmlFor={id}>{t(`method.${method}`)}</label>
            <p id={`${id}-hint`} className="hint">
              {t(`method.${method}Hint`)}
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
