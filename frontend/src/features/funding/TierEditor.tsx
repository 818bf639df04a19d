// The organisers' rewards: each tier with what is taken of it, to edit or delete (a tier backers
// chose cannot be deleted: the API says so, and how to close it instead), and the form to add one.
import { useId, useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { TextAreaField, TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { formatScaled, parseScaled } from '../../forms/decimal'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { EmptyState } from '../../ui/QueryStates'
import { useNow } from '../../ui/useNow'
import { fromLocalInput, toLocalInput } from '../campaigns/editor/draft'
import { useFundingFormProblem } from './problems'
import { useCreateTier, useDeleteTier, useUpdateTier, type CreateTierRequest, type Funding, type Tier } from './queries'
import { RefusalAlert } from './RefusalAlert'
import { TIER_CLOCK_MS, TierFacts } from './TierFacts'

const FIELDS = /^(title|description|min_amount_minor|quantity_limit|available_from|available_until|estimated_delivery)$/
const hasField = (path: string) => FIELDS.test(path)

interface TierDraft {
  title: string
  description: string
  minAmount: string
  quantityLimit: string
  availableFrom: string
  availableUntil: string
  delivery: string
}

function draftOf(tier: Tier | undefined, digits: number): TierDraft {
  return {
    title: tier?.title ?? '',
    description: tier?.description ?? '',
    minAmount: tier ? formatScaled(tier.min_amount_minor, digits) : '',
    quantityLimit: tier?.quantity_limit ? String(tier.quantity_limit) : '',
    availableFrom: tier?.available_from ? toLocalInput(tier.available_from) : '',
    availableUntil: tier?.available_until ? toLocalInput(tier.available_until) : '',
    delivery: tier?.estimated_delivery ?? '',
  }
}

interface TierFormProps {
  campaignId: string
  funding: Funding
  /** The tier to edit; none adds one. */
  tier?: Tier
  onDone: (message: string) => void
  onCancel?: () => void
}

function TierForm({ campaignId, funding, tier, onDone, onCancel }: TierFormProps) {
  const { t } = useTranslation('funding')
  const create = useCreateTier(campaignId)
  const update = useUpdateTier(campaignId)
  const mutation = tier ? update : create
  const digits = funding.currency_digits
  const [draft, setDraft] = useState(() => draftOf(tier, digits))
  const [amountError, setAmountError] = useState<string | null>(null)
  const form = useRef<HTMLFormElement>(null)
  const ids = useId()
  const problem = useFundingFormProblem(mutation.error, hasField, funding.currency)
  useFocusFirstProblem(form, mutation.error)

  const set = (changes: Partial<TierDraft>) => setDraft((current) => ({ ...current, ...changes }))

  function submit(event: FormEvent) {
    event.preventDefault()
    const minimum = parseScaled(draft.minAmount, digits)
    if (minimum === null || minimum < 1) {
      mutation.reset()
      flushSync(() => setAmountError(digits === 0 ? t('pledge.amountInvalidWhole') : t('pledge.amountInvalid')))
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    setAmountError(null)
    const limit = draft.quantityLimit.trim()
    const body: CreateTierRequest = {
      title: draft.title.trim(),
      description: draft.description.trim(),
      min_amount_minor: minimum,
      quantity_limit: limit === '' ? null : Number(limit),
      available_from: draft.availableFrom === '' ? null : fromLocalInput(draft.availableFrom),
      available_until: draft.availableUntil === '' ? null : fromLocalInput(draft.availableUntil),
      estimated_delivery: draft.delivery.trim() === '' ? null : draft.delivery.trim(),
    }
    if (tier) {
      update.mutate({ id: tier.id, body }, { onSuccess: (saved) => onDone(t('dashboard.tiers.updated', { title: saved.title })) })
    } else {
      create.mutate(body, {
        onSuccess: (saved) => {
          setDraft(draftOf(undefined, digits))
          create.reset()
          onDone(t('dashboard.tiers.created', { title: saved.title }))
        },
      })
    }
  }

  return (
    <form ref={form} onSubmit={submit} className="stack-sm tier-form" aria-labelledby={`${ids}-heading`} noValidate>
      <h3 id={`${ids}-heading`}>{tier ? t('dashboard.tiers.editHeading', { title: tier.title }) : t('dashboard.tiers.newHeading')}</h3>
      <FormAlert problem={problem} />
      <div className="row">
        <TextField
          label={t('dashboard.tiers.title')}
          required
          maxLength={120}
          value={draft.title}
          onChange={(event) => set({ title: event.target.value })}
          errors={problem.fields.title}
        />
        <TextField
          label={t('dashboard.tiers.minAmount', { currency: funding.currency })}
          required
          inputMode={digits === 0 ? 'numeric' : 'decimal'}
          autoComplete="off"
          value={draft.minAmount}
          onChange={(event) => set({ minAmount: event.target.value })}
          errors={amountError ? [amountError] : problem.fields.min_amount_minor}
        />
        <TextField
          label={t('dashboard.tiers.quantityLimit')}
          hint={t('dashboard.tiers.quantityLimitHint')}
          type="number"
          min={1}
          value={draft.quantityLimit}
          onChange={(event) => set({ quantityLimit: event.target.value })}
          errors={problem.fields.quantity_limit}
        />
      </div>
      <TextAreaField
        label={t('dashboard.tiers.description')}
        maxLength={2000}
        rows={3}
        value={draft.description}
        onChange={(event) => set({ description: event.target.value })}
        errors={problem.fields.description}
      />
      <div className="row">
        <TextField
          label={t('dashboard.tiers.availableFrom')}
          hint={t('dashboard.tiers.availabilityHint')}
          type="datetime-local"
          value={draft.availableFrom}
          onChange={(event) => set({ availableFrom: event.target.value })}
          errors={problem.fields.available_from}
        />
        <TextField
          label={t('dashboard.tiers.availableUntil')}
          hint={t('dashboard.tiers.availabilityHint')}
          type="datetime-local"
          value={draft.availableUntil}
          onChange={(event) => set({ availableUntil: event.target.value })}
          errors={problem.fields.available_until}
        />
        <TextField
          label={t('dashboard.tiers.delivery')}
          hint={t('dashboard.tiers.deliveryHint')}
          type="month"
          placeholder="2027-03"
          pattern="[0-9]{4}-[0-9]{2}"
          value={draft.delivery}
          onChange={(event) => set({ delivery: event.target.value })}
          errors={problem.fields.estimated_delivery}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {tier
            ? mutation.isPending
              ? t('dashboard.tiers.saving')
              : t('dashboard.tiers.save')
            : mutation.isPending
              ? t('dashboard.tiers.adding')
              : t('dashboard.tiers.add')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('dashboard.tiers.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}

interface TierRowProps {
  campaignId: string
  funding: Funding
  tier: Tier
  onMessage: (message: string) => void
}

function TierRow({ campaignId, funding, tier, onMessage }: TierRowProps) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const remove = useDeleteTier(campaignId, () => onMessage(t('dashboard.tiers.deleted', { title: tier.title })))
  const now = useNow(TIER_CLOCK_MS)
  const [editing, setEditing] = useState(false)
  const edit = useRef<HTMLButtonElement>(null)
  const headingId = `tier-edit-${tier.id}`

  function closeEditor(message?: string) {
    flushSync(() => setEditing(false))
    edit.current?.focus()
    if (message) onMessage(message)
  }

  if (editing) {
    return (
      <div className="card">
        <TierForm campaignId={campaignId} funding={funding} tier={tier} onDone={closeEditor} onCancel={() => closeEditor()} />
      </div>
    )
  }
  return (
    <article className="card stack-sm" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {tier.title}{' '}
        <span className="tier-minimum">{t('tiers.from', { amount: format.money(tier.min_amount_minor, funding.currency) })}</span>
      </h3>
      <TierFacts tier={tier} now={now} />
      <div className="actions" role="group" aria-label={t('dashboard.tiers.actionsOf', { title: tier.title })}>
        <button ref={edit} type="button" onClick={() => setEditing(true)}>
          {t('dashboard.tiers.edit')}
        </button>
        <ConfirmButton
          label={t('dashboard.tiers.delete')}
          action={t('dashboard.tiers.deleteAction')}
          question={t('dashboard.tiers.deleteQuestion')}
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate(tier.id)}
        />
      </div>
      {remove.isError && <RefusalAlert error={remove.error} currency={funding.currency} />}
    </article>
  )
}

export function TierEditor({ campaignId, funding }: { campaignId: string; funding: Funding }) {
  const { t } = useTranslation('funding')
  const [message, setMessage] = useState('')
  return (
    <div className="stack-sm">
      <p role="status" className="status-line">
        {message}
      </p>
      {funding.tiers.length === 0 ? (
        <EmptyState>
          <p>{t('dashboard.tiers.empty')}</p>
        </EmptyState>
      ) : (
        <ul className="tier-list">
          {funding.tiers.map((tier) => (
            <li key={tier.id}>
              <TierRow campaignId={campaignId} funding={funding} tier={tier} onMessage={setMessage} />
            </li>
          ))}
        </ul>
      )}
      <div className="card">
        <TierForm campaignId={campaignId} funding={funding} onDone={setMessage} />
      </div>
    </div>
  )
}
