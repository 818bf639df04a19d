// The goal and rules of a campaign's funding (managers): goal and currency, the model (with the
// number of backers for the backer goal), the payment provider, the grace window and stretch
// goals. Inputs hold text; money is turned into minor units on save. Once a backer has pledged,
// everything is frozen and the form only shows it.
import { useId, useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { formatScaled, parseScaled } from '../../forms/decimal'
import { errorsAt } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { minorDigitsOf } from '../../i18n/format'
import { useFundingFormProblem } from './problems'
import { useSaveFundingSettings, type Funding, type FundingModel, type FundingSettingsRequest, type PaymentProvider } from './queries'

const MODELS: readonly FundingModel[] = ['all_or_nothing', 'keep_it_all', 'backer_threshold']
const PROVIDERS: readonly PaymentProvider[] = ['manual', 'simulated']
const MAX_STRETCH_GOALS = 10
const DEFAULT_GRACE_DAYS = 7

const FIELDS = /^(goal_minor|currency|model|backer_goal|provider|grace_days|stretch_goals(\[\d+\](\.(amount_minor|title))?)?)$/
const hasField = (path: string) => FIELDS.test(path)

interface StretchDraft {
  key: number
  amount: string
  title: string
}

interface SettingsDraft {
  goal: string
  currency: string
  model: FundingModel
  backerGoal: string
  provider: PaymentProvider
  graceDays: string
  stretch: StretchDraft[]
}

let nextKey = 1

function draftOf(funding: Funding | null): SettingsDraft {
  if (funding === null) {
    return { goal: '', currency: 'EUR', model: 'all_or_nothing', backerGoal: '', provider: 'manual', graceDays: String(DEFAULT_GRACE_DAYS), stretch: [] }
  }
  const digits = funding.currency_digits
  return {
    goal: formatScaled(funding.goal_minor, digits),
    currency: funding.currency,
    model: funding.model,
    backerGoal: funding.backer_goal ? String(funding.backer_goal) : '',
    provider: funding.provider,
    graceDays: String(funding.grace_days),
    stretch: funding.stretch_goals.map((goal) => ({ key: nextKey++, amount: formatScaled(goal.amount_minor, digits), title: goal.title })),
  }
}

/** A whole number from an input, or `null`. */
function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null
}

export function FundingSettingsForm({ campaignId, funding }: { campaignId: string; funding: Funding | null }) {
  const { t } = useTranslation('funding')
  const save = useSaveFundingSettings(campaignId)
  const [draft, setDraft] = useState(() => draftOf(funding))
  const [local, setLocal] = useState<Record<string, string[]>>({})
  const form = useRef<HTMLFormElement>(null)
  const ids = useId()
  const problem = useFundingFormProblem(save.error, hasField, draft.currency)
  useFocusFirstProblem(form, save.error)
  const frozen = funding?.frozen ?? false
  const currency = draft.currency.trim().toUpperCase()
  const digits = minorDigitsOf(currency)
  const errorsFor = (path: string) => local[path] ?? errorsAt(problem.fields, path)

  function change(changes: Partial<SettingsDraft>) {
    save.reset()
    setDraft((current) => ({ ...current, ...changes }))
  }

  function changeStretch(key: number, changes: Partial<StretchDraft>) {
    change({ stretch: draft.stretch.map((goal) => (goal.key === key ? { ...goal, ...changes } : goal)) })
  }

  /** The request, or the inputs that cannot be sent as they are. */
  function request(): { body: FundingSettingsRequest } | { invalid: Record<string, string[]> } {
    const invalid: Record<string, string[]> = {}
    const amountInvalid = digits === 0 ? t('pledge.amountInvalidWhole') : t('pledge.amountInvalid')
    const goal = parseScaled(draft.goal, digits)
    if (goal === null || goal < 1) invalid.goal_minor = [amountInvalid]
    const graceDays = wholeNumber(draft.graceDays)
    if (graceDays === null || graceDays > 30) invalid.grace_days = [t('problem.range', { min: 0, max: 30 })]
    const backerGoal = wholeNumber(draft.backerGoal)
    if (draft.model === 'backer_threshold' && (backerGoal === null || backerGoal < 1)) invalid.backer_goal = [t('problem.backerGoalMissing')]
    const stretch = draft.stretch.map((goal, index) => {
      const amount = parseScaled(goal.amount, digits)
      if (amount === null || amount < 1) invalid[`stretch_goals[${index}].amount_minor`] = [amountInvalid]
      return { amount_minor: amount ?? 0, title: goal.title.trim() }
    })
    if (Object.keys(invalid).length > 0) return { invalid }
    return {
      body: {
        goal_minor: goal ?? 0,
        currency,
        model: draft.model,
        backer_goal: draft.model === 'backer_threshold' ? backerGoal : null,
        provider: draft.provider,
        grace_days: graceDays ?? DEFAULT_GRACE_DAYS,
        stretch_goals: stretch,
      },
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = request()
    if ('invalid' in checked) {
      save.reset()
      flushSync(() => setLocal(checked.invalid))
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    setLocal({})
    save.mutate(checked.body)
  }

  const radio = <T extends string>(name: string, value: T, checked: boolean, onPick: (value: T) => void, label: string, hint: string) => {
    const id = `${ids}-${name}-${value}`
    return (
      <div key={value} className="field checkbox">
        <input id={id} type="radio" name={`${ids}-${name}`} checked={checked} onChange={() => onPick(value)} aria-describedby={`${id}-hint`} />
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      </div>
    )
  }

  const stretchErrors = local.stretch_goals ?? problem.fields.stretch_goals
  return (
    <form ref={form} onSubmit={submit} className="stack-sm" noValidate>
      {frozen && <p className="notice">{t('dashboard.settings.frozen')}</p>}
      {funding === null && <p className="notice">{t('dashboard.settings.notConfigured')}</p>}
      <FormAlert problem={problem} />
      <fieldset disabled={frozen} className="plain-fieldset stack-sm">
        <div className="row">
          <TextField
            label={t('dashboard.settings.goal')}
            hint={t('dashboard.settings.goalHint', { currency })}
            required
            inputMode={digits === 0 ? 'numeric' : 'decimal'}
            autoComplete="off"
            value={draft.goal}
            onChange={(event) => change({ goal: event.target.value })}
            errors={errorsFor('goal_minor')}
          />
          <TextField
            label={t('dashboard.settings.currency')}
            hint={t('dashboard.settings.currencyHint')}
            required
            maxLength={3}
            autoComplete="off"
            spellCheck={false}
            value={draft.currency}
            onChange={(event) => change({ currency: event.target.value.toUpperCase() })}
            errors={errorsFor('currency')}
          />
        </div>
        <fieldset className="choice-list">
          <legend>{t('dashboard.settings.model')}</legend>
          {MODELS.map((model) =>
            radio('model', model, draft.model === model, (picked) => change({ model: picked }), t(`model.${model}`), t(`model.${model}Hint`)),
          )}
          {errorsFor('model') && <p className="field-error">{errorsFor('model')?.join(' ')}</p>}
        </fieldset>
        {draft.model === 'backer_threshold' && (
          <TextField
            label={t('dashboard.settings.backerGoal')}
            hint={t('dashboard.settings.backerGoalHint')}
            required
            type="number"
            min={1}
            max={1_000_000}
            value={draft.backerGoal}
            onChange={(event) => change({ backerGoal: event.target.value })}
            errors={errorsFor('backer_goal')}
          />
        )}
        <fieldset className="choice-list">
          <legend>{t('dashboard.settings.provider')}</legend>
          {PROVIDERS.map((provider) =>
            radio(
              'provider',
              provider,
              draft.provider === provider,
              (picked) => change({ provider: picked }),
              t(`dashboard.settings.provider_${provider}`),
              t(`dashboard.settings.provider_${provider}Hint`),
            ),
          )}
          {errorsFor('provider') && <p className="field-error">{errorsFor('provider')?.join(' ')}</p>}
        </fieldset>
        <TextField
          label={t('dashboard.settings.graceDays')}
          hint={t('dashboard.settings.graceDaysHint')}
          required
          type="number"
          min={0}
          max={30}
          value={draft.graceDays}
          onChange={(event) => change({ graceDays: event.target.value })}
          errors={errorsFor('grace_days')}
        />
        <fieldset className="stack-sm">
          <legend>{t('dashboard.settings.stretch')}</legend>
          <p className="hint">{t('dashboard.settings.stretchHint')}</p>
          {stretchErrors && <p className="field-error">{stretchErrors.join(' ')}</p>}
          {draft.stretch.map((goal, index) => {
            const number = index + 1
            return (
              <fieldset key={goal.key} className="stretch-goal">
                <legend>{t('dashboard.settings.stretchLegend', { number })}</legend>
                <div className="row">
                  <TextField
                    label={t('dashboard.settings.stretchAmount', { currency })}
                    required
                    inputMode={digits === 0 ? 'numeric' : 'decimal'}
                    autoComplete="off"
                    value={goal.amount}
                    onChange={(event) => changeStretch(goal.key, { amount: event.target.value })}
                    errors={errorsFor(`stretch_goals[${index}].amount_minor`)}
                  />
                  <TextField
                    label={t('dashboard.settings.stretchTitle')}
                    required
                    maxLength={120}
                    value={goal.title}
                    onChange={(event) => changeStretch(goal.key, { title: event.target.value })}
                    errors={errorsFor(`stretch_goals[${index}].title`)}
                  />
                </div>
                <button type="button" onClick={() => change({ stretch: draft.stretch.filter((other) => other.key !== goal.key) })}>
                  {t('dashboard.settings.removeStretch', { number })}
                </button>
              </fieldset>
            )
          })}
          {draft.stretch.length < MAX_STRETCH_GOALS && (
            <button type="button" onClick={() => change({ stretch: [...draft.stretch, { key: nextKey++, amount: '', title: '' }] })}>
              {t('dashboard.settings.addStretch')}
            </button>
          )}
        </fieldset>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? t('dashboard.settings.saving') : t('dashboard.settings.save')}
        </button>
      </fieldset>
      <p role="status" className="status-line">
        {save.isSuccess ? t('dashboard.settings.saved') : ''}
      </p>
    </form>
  )
}
