// Making a pledge: a reward (or none), the amount (prefilled with the reward's minimum), and a
// payment method the campaign's provider takes. The API decides; its refusals land where the
// backer acts: "sold out" on the reward, "below the minimum" on the amount, "declined" on the
// payment method.
import { useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../api/errors'
import { TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormat } from '../../i18n/format'
import { amountForTier, parseAmount, PLEDGE_FIELDS } from './amount'
import { PAYMENT_METHODS, type PaymentMethod } from './model'
import { PaymentMethodChoice, RewardChoice } from './PledgeFields'
import { useFundingFormProblem } from './problems'
import type { CreatePledge, Funding } from './queries'

interface PledgeFormProps {
  funding: Funding
  /** The mutation, owned by the section around the form: when the pledge succeeds, the refetched
   * "my pledges" may replace this form before a callback of its own could run, so the section
   * shows the thanks from the mutation's result. */
  create: CreatePledge
}

export function PledgeForm({ funding, create }: PledgeFormProps) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const digits = funding.currency_digits
  const [tierId, setTierId] = useState('')
  const [amount, setAmount] = useState('')
  const [method, setMethod] = useState<PaymentMethod>(PAYMENT_METHODS[funding.provider][0])
  const [amountError, setAmountError] = useState<string | null>(null)
  const form = useRef<HTMLFormElement>(null)
  const problem = useFundingFormProblem(create.error, PLEDGE_FIELDS, funding.currency)
  useFocusFirstProblem(form, create.error)

  const tier = funding.tiers.find((candidate) => candidate.id === tierId)
  const parsed = parseAmount(amount, digits)
  const exists = create.error instanceof ApiError && create.error.problem?.code === 'pledge.exists'

  function chooseTier(id: string) {
    setTierId(id)
    const chosen = funding.tiers.find((candidate) => candidate.id === id)
    if (chosen) setAmount((current) => amountForTier(current, chosen.min_amount_minor, digits))
  }

  /** A mistake the form can tell before asking: said on the amount, which takes focus at once. */
  function refuseAmount(message: string) {
    create.reset()
    flushSync(() => setAmountError(message))
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    setAmountError(null)
    if (parsed === null) {
      refuseAmount(digits === 0 ? t('pledge.amountInvalidWhole') : t('pledge.amountInvalid'))
      return
    }
    if (tier && parsed < tier.min_amount_minor) {
      refuseAmount(t('problem.belowMinimum', { minimum: format.money(tier.min_amount_minor, funding.currency) }))
      return
    }
    create.mutate({ tier_id: tier?.id ?? null, amount_minor: parsed, payment_method: method })
  }

  const amountErrors = amountError ? [amountError] : problem.fields.amount_minor
  return (
    <form ref={form} onSubmit={submit} className="stack pledge-form" aria-label={t('pledge.heading')} noValidate>
      <FormAlert problem={problem} />
      {exists && (
        <p>
          <Link to="/me/pledges">{t('pledge.myPledges')}</Link>
        </p>
      )}
      <RewardChoice
        tiers={funding.tiers}
        currency={funding.currency}
        value={tierId}
        onChange={chooseTier}
        errors={problem.fields.tier_id}
        // A reward refused meanwhile (sold out) stays chosen, focused and explained until another is picked.
        keep={[tierId]}
      />
      <TextField
        label={t('pledge.amount', { currency: funding.currency })}
        hint={
          tier
            ? t('pledge.amountHint', { minimum: format.money(tier.min_amount_minor, funding.currency) })
            : t('pledge.amountHintFree')
        }
        required
        inputMode={digits === 0 ? 'numeric' : 'decimal'}
        autoComplete="off"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        errors={amountErrors}
      />
      <PaymentMethodChoice provider={funding.provider} value={method} onChange={setMethod} errors={problem.fields.payment_method} />
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending
          ? t('pledge.submitting')
          : parsed !== null
            ? t('pledge.submit', { amount: format.money(parsed, funding.currency) })
            : t('pledge.submitPlain')}
      </button>
    </form>
  )
}
