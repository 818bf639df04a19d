// The question every task asks (its kind, the words, the options or limits) and the rules: which
// task comes next, the time per task, the review delay, retirement, gold tasks and the accuracy
// bar, the rejection guard. Once answers are in, the question is fixed (shown, not editable); the
// rules still change. A 422 puts each message next to its input.
import { useId, useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { CheckboxField, TextAreaField, TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { errorsAt } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useTaskFormProblem } from './problems'
import { useSaveTaskSettings, type TaskSettings } from './queries'
import {
  draftOf,
  hasSettingsField,
  KINDS,
  MAX_OPTIONS,
  newOption,
  requestOf,
  RETIREMENTS,
  STRATEGIES,
  valueOf,
  type Invalid,
  type OptionDraft,
  type SettingsDraft,
} from './settingsDraft'

export function TaskSettingsForm({ campaignId, settings }: { campaignId: string; settings: TaskSettings | null }) {
  const { t } = useTranslation('microtasks')
  const save = useSaveTaskSettings(campaignId)
  const [draft, setDraft] = useState(() => draftOf(settings))
  const [local, setLocal] = useState<Invalid>({})
  const form = useRef<HTMLFormElement>(null)
  const ids = useId()
  const problem = useTaskFormProblem(save.error, hasSettingsField, draft.kind)
  useFocusFirstProblem(form, save.error)
  const frozen = settings?.form_frozen ?? false
  const choice = draft.kind === 'single_choice' || draft.kind === 'multiple_choice'

  /** Messages for one input: a number that is not one, or the API's (for it and the paths inside it). */
  const errorsFor = (path: string) => (local[path] ? [t(`settings.${local[path]}`)] : errorsAt(problem.fields, path))
  /** Messages for a path itself only (the option list, not each option's). */
  const exactErrors = (path: string) => problem.fields[path]

  function change(changes: Partial<SettingsDraft>) {
    save.reset()
    setDraft((current) => ({ ...current, ...changes }))
  }

  function changeOption(key: number, changes: Partial<OptionDraft>) {
    change({ options: draft.options.map((option) => (option.key === key ? { ...option, ...changes } : option)) })
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    const checked = requestOf(draft)
    if ('invalid' in checked) {
      save.reset()
      flushSync(() => setLocal(checked.invalid))
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    setLocal({})
    // A fixed question is sent as it is stored: the API refuses any change to it.
    save.mutate(frozen && settings ? { ...checked.body, answer_form: settings.answer_form } : checked.body)
  }

  const radios = <T extends string>(name: string, values: readonly T[], current: T, pick: (value: T) => void, label: (value: T) => string, hint: (value: T) => string) =>
    values.map((value) => {
      const id = `${ids}-${name}-${value}`
      return (
        <div key={value} className="field checkbox">
          <input id={id} type="radio" name={`${ids}-${name}`} checked={current === value} onChange={() => pick(value)} aria-describedby={`${id}-hint`} />
          <label htmlFor={id}>{label(value)}</label>
          <p id={`${id}-hint`} className="hint">
            {hint(value)}
          </p>
        </div>
      )
    })

  const listErrors = exactErrors('answer_form.options')
  return (
    <form ref={form} onSubmit={submit} className="stack task-settings" noValidate aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="visually-hidden">
        {t('settings.heading')}
      </h2>
      {settings === null && <p className="notice">{t('settings.notConfigured')}</p>}
      {frozen && <p className="notice">{t('settings.frozen')}</p>}
      <FormAlert problem={problem} />
      <fieldset disabled={frozen} className="stack-sm">
        <legend>{t('settings.questionLegend')}</legend>
        <fieldset className="choice-list">
          <legend>{t('settings.kind')}</legend>
          {radios(
            'kind',
            KINDS,
            draft.kind,
            (kind) => change({ kind }),
            (kind) => t(`kind.${kind}`),
            (kind) => t(`kind.${kind}Hint`),
          )}
        </fieldset>
        <TextAreaField
          label={t('settings.questionText')}
          hint={t('settings.questionHint')}
          required
          rows={2}
          maxLength={500}
          value={draft.question}
          onChange={(event) => change({ question: event.target.value })}
          errors={errorsFor('answer_form.question')}
        />
        {choice && (
          <fieldset className="stack-sm option-editor" aria-describedby={`${ids}-options-hint`}>
            <legend>{t('settings.options')}</legend>
            <p id={`${ids}-options-hint`} className="hint">
              {t('settings.optionsHint')}
            </p>
            {listErrors && <p className="field-error">{listErrors.join(' ')}</p>}
            {draft.options.map((option, index) => {
              const number = index + 1
              return (
                <fieldset key={option.key} className="option-row">
                  <legend>{t('settings.optionLegend', { number })}</legend>
                  <div className="row">
                    <TextField
                      label={t('settings.optionLabel')}
                      required
                      maxLength={200}
                      value={option.label}
                      onChange={(event) =>
                        changeOption(option.key, option.valueTyped ? { label: event.target.value } : { label: event.target.value, value: valueOf(event.target.value) })
                      }
                      errors={errorsFor(`answer_form.options[${index}].label`)}
                    />
                    <TextField
                      label={t('settings.optionValue')}
                      required
                      maxLength={40}
                      autoComplete="off"
                      spellCheck={false}
                      value={option.value}
                      onChange={(event) => changeOption(option.key, { value: event.target.value, valueTyped: true })}
                      errors={errorsFor(`answer_form.options[${index}].value`)}
                    />
                  </div>
                  <button
                    type="button"
                    disabled={draft.options.length <= 2}
                    onClick={() => change({ options: draft.options.filter((other) => other.key !== option.key) })}
                  >
                    {t('settings.removeOption', { number })}
                  </button>
                </fieldset>
              )
            })}
            {draft.options.length < MAX_OPTIONS && (
              <button type="button" onClick={() => change({ options: [...draft.options, newOption()] })}>
                {t('settings.addOption')}
              </button>
            )}
          </fieldset>
        )}
        {draft.kind === 'multiple_choice' && (
          <div className="row">
            <TextField
              label={t('settings.minChoices')}
              hint={t('settings.minChoicesHint')}
              type="number"
              min={0}
              max={MAX_OPTIONS}
              value={draft.minChoices}
              onChange={(event) => change({ minChoices: event.target.value })}
              errors={errorsFor('answer_form.min_choices')}
            />
            <TextField
              label={t('settings.maxChoices')}
              hint={t('settings.maxChoicesHint')}
              type="number"
              min={1}
              max={MAX_OPTIONS}
              value={draft.maxChoices}
              onChange={(event) => change({ maxChoices: event.target.value })}
              errors={errorsFor('answer_form.max_choices')}
            />
          </div>
        )}
        {draft.kind === 'text' && (
          <TextField
            label={t('settings.maxLength')}
            hint={t('settings.maxLengthHint')}
            required
            type="number"
            min={1}
            max={5000}
            value={draft.maxLength}
            onChange={(event) => change({ maxLength: event.target.value })}
            errors={errorsFor('answer_form.max_length')}
          />
        )}
        {draft.kind === 'number' && (
          <>
            <div className="row">
              <TextField
                label={t('settings.min')}
                hint={t('settings.boundHint')}
                inputMode="decimal"
                autoComplete="off"
                value={draft.min}
                onChange={(event) => change({ min: event.target.value })}
                errors={errorsFor('answer_form.min')}
              />
              <TextField
                label={t('settings.max')}
                hint={t('settings.boundHint')}
                inputMode="decimal"
                autoComplete="off"
                value={draft.max}
                onChange={(event) => change({ max: event.target.value })}
                errors={errorsFor('answer_form.max')}
              />
              <TextField
                label={t('settings.tolerance')}
                hint={t('settings.toleranceHint')}
                inputMode="decimal"
                autoComplete="off"
                value={draft.tolerance}
                onChange={(event) => change({ tolerance: event.target.value })}
                errors={errorsFor('answer_form.tolerance')}
              />
            </div>
            <CheckboxField
              label={t('settings.integer')}
              checked={draft.integer}
              onChange={(event) => change({ integer: event.target.checked })}
              errors={errorsFor('answer_form.integer')}
            />
          </>
        )}
      </fieldset>
      <fieldset className="stack-sm">
        <legend>{t('settings.rules')}</legend>
        <fieldset className="choice-list">
          <legend>{t('settings.strategy')}</legend>
          {radios(
            'strategy',
            STRATEGIES,
            draft.strategy,
            (strategy) => change({ strategy }),
            (strategy) => t(`settings.strategy_${strategy}`),
            (strategy) => t(`settings.strategy_${strategy}Hint`),
          )}
        </fieldset>
        <div className="row">
          <TextField
            label={t('settings.leaseMinutes')}
            hint={t('settings.leaseMinutesHint')}
            required
            type="number"
            min={1}
            max={1440}
            value={draft.leaseMinutes}
            onChange={(event) => change({ leaseMinutes: event.target.value })}
            errors={errorsFor('lease_minutes')}
          />
          <TextField
            label={t('settings.reviewDelayHours')}
            hint={t('settings.reviewDelayHoursHint')}
            required
            type="number"
            min={1}
            max={720}
            value={draft.reviewDelayHours}
            onChange={(event) => change({ reviewDelayHours: event.target.value })}
            errors={errorsFor('review_delay_hours')}
          />
        </div>
        <fieldset className="choice-list">
          <legend>{t('settings.retirement')}</legend>
          {radios(
            'retirement',
            RETIREMENTS,
            draft.retirement,
            (retirement) => change({ retirement }),
            (retirement) => t(`settings.retirement_${retirement}`),
            (retirement) => t(`settings.retirement_${retirement}Hint`),
          )}
          {errorsFor('retirement') && <p className="field-error">{errorsFor('retirement')?.join(' ')}</p>}
        </fieldset>
        {draft.retirement === 'consensus' && (
          <TextField
            label={t('settings.consensusK')}
            hint={t('settings.consensusKHint')}
            required
            type="number"
            min={2}
            max={100}
            value={draft.consensusK}
            onChange={(event) => change({ consensusK: event.target.value })}
            errors={errorsFor('consensus_k')}
          />
        )}
        <div className="row">
          <TextField
            label={t('settings.goldRate')}
            hint={t('settings.goldRateHint')}
            required
            type="number"
            min={0}
            max={50}
            value={draft.goldRate}
            onChange={(event) => change({ goldRate: event.target.value })}
            errors={errorsFor('gold_rate_percent')}
          />
          <TextField
            label={t('settings.minAccuracy')}
            hint={t('settings.minAccuracyHint')}
            type="number"
            min={1}
            max={100}
            value={draft.minAccuracy}
            onChange={(event) => change({ minAccuracy: event.target.value })}
            errors={errorsFor('min_accuracy_percent')}
          />
          <TextField
            label={t('settings.goldMinAnswers')}
            hint={t('settings.goldMinAnswersHint')}
            required
            type="number"
            min={1}
            max={100}
            value={draft.goldMinAnswers}
            onChange={(event) => change({ goldMinAnswers: event.target.value })}
            errors={errorsFor('gold_min_answers')}
          />
          <TextField
            label={t('settings.rejectionGuard')}
            hint={t('settings.rejectionGuardHint')}
            required
            type="number"
            min={1}
            max={100}
            value={draft.rejectionGuard}
            onChange={(event) => change({ rejectionGuard: event.target.value })}
            errors={errorsFor('rejection_guard_percent')}
          />
        </div>
      </fieldset>
      <button type="submit" className="primary" disabled={save.isPending}>
        {save.isPending ? t('settings.saving') : t('settings.save')}
      </button>
      <p role="status" className="status-line">
        {save.isSuccess ? t('settings.saved') : ''}
      </p>
    </form>
  )
}
