// The changes a backer makes to their pledge in my pledges: amount and reward while the funding
// window is open, and the payment method until the money is in (a failed collection is tried
// again at once with the new one).
import { useId, useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { formatScaled } from '../../forms/decimal'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormat } from '../../i18n/format'
import { QueryBoundary } from '../../ui/QueryStates'
import { amountForTier, parseAmount, PLEDGE_FIELDS } from './amount'
import { PAYMENT_METHODS, type PaymentMethod } from './model'
import { PaymentMethodChoice, RewardChoice } from './PledgeFields'
import { useFundingFormProblem } from './problems'
import { useFunding, useUpdatePledge, type Funding, type Pledge } from './queries'

interface EditProps {
  pledge: Pledge
  /** After a saved change, with the sentence that says so. */
  onDone: (message: string) => void
  onClose: () => void
}

function ChangeForm({ pledge, funding, onDone, onClose }: EditProps & { funding: Funding }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const update = useUpdatePledge()
  const digits = funding.currency_digits
  const [tierId, setTierId] = useState(pledge.tier_id ?? '')
  const [amount, setAmount] = useState(() => formatScaled(pledge.amount_minor, digits))
  const [amountError, setAmountError] = useState<string | null>(null)
  const form = useRef<HTMLFormElement>(null)
  const ids = useId()
  const problem = useFundingFormProblem(update.error, PLEDGE_FIELDS, pledge.currency)
  useFocusFirstProblem(form, update.error)
  const tier = funding.tiers.find((candidate) => candidate.id === tierId)

  function chooseTier(id: string) {
    setTierId(id)
    const chosen = funding.tiers.find((candidate) => candidate.id === id)
    if (chosen) setAmount((current) => amountForTier(current, chosen.min_amount_minor, digits))
  }

  function refuseAmount(message: string) {
    update.reset()
    flushSync(() => setAmountError(message))
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    setAmountError(null)
    const parsed = parseAmount(amount, digits)
    if (parsed === null) {
      refuseAmount(digits === 0 ? t('pledge.amountInvalidWhole') : t('pledge.amountInvalid'))
      return
    }
    if (tier && parsed < tier.min_amount_minor) {
      refuseAmount(t('problem.belowMinimum', { minimum: format.money(tier.min_amount_minor, funding.currency) }))
      return
    }
    update.mutate(
      { id: pledge.id, body: { tier_id: tier?.id ?? null, amount_minor: parsed } },
      { onSuccess: () => onDone(t('mine.changed', { campaign: pledge.campaign_title })) },
    )
  }

  return (
    <form ref={form} onSubmit={submit} className="stack-sm pledge-edit" aria-labelledby={`${ids}-heading`} noValidate>
      <h3 id={`${ids}-heading`}>{t('mine.changeHeading')}</h3>
      <FormAlert problem={problem} />
      <RewardChoice
        tiers={funding.tiers}
        currency={funding.currency}
        value={tierId}
        onChange={chooseTier}
        errors={problem.fields.tier_id}
        keep={pledge.tier_id ? [pledge.tier_id, tierId] : [tierId]}
      />
      <TextField
        label={t('pledge.amount', { currency: funding.currency })}
        hint={tier ? t('pledge.amountHint', { minimum: format.money(tier.min_amount_minor, funding.currency) }) : t('pledge.amountHintFree')}
        required
        inputMode={digits === 0 ? 'numeric' : 'decimal'}
        autoComplete="off"
        value={amount}
        onChange={(event) => setAmount(event.target.value)}
        errors={amountError ? [amountError] : problem.fields.amount_minor}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t('mine.saving') : t('mine.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('mine.close')}
        </button>
      </div>
    </form>
  )
}

/** Amount and reward: the campaign's tiers (and its currency's digits) come with its funding. */
export function ChangePledgeForm(props: EditProps) {
  const funding = useFunding(props.pledge.campaign_id)
  return <QueryBoundary query={funding}>{(data) => <ChangeForm {...props} funding={data} />}</QueryBoundary>
}

export function PaymentMethodForm({ pledge, onDone, onClose }: EditProps) {
  const { t } = useTranslation('funding')
  const update = useUpdatePledge()
  const methods: readonly PaymentMethod[] = PAYMENT_METHODS[pledge.provider]
  const [method, setMethod] = useState<PaymentMethod>(() => methods.find((candidate) => candidate === pledge.payment_method) ?? methods[0])
  const form = useRef<HTMLFormElement>(null)
  const ids = useId()
  const problem = useFundingFormProblem(update.error, PLEDGE_FIELDS, pledge.currency)
  useFocusFirstProblem(form, update.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    update.mutate(
      { id: pledge.id, body: { payment_method: method } },
      { onSuccess: () => onDone(t('mine.methodChanged', { campaign: pledge.campaign_title })) },
    )
  }

  return (
    <form ref={form} onSubmit={submit} className="stack-sm pledge-edit" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>{t('mine.methodHeading')}</h3>
      <FormAlert problem={problem} />
      <PaymentMethodChoice provider={pledge.provider} value={method} onChange={setMethod} errors={problem.fields.payment_method} />
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t('mine.saving') : t('mine.methodSave')}
        </button>
        <button type="button" onClick={onClose}>
          {t('mine.close')}
        </button>
      </div>
    </form>
  )
}
