import { useTranslation } from 'react-i18next'
import { CheckboxField, SelectField, TextField } from '../../../forms/Field'
import type { CampaignDraft } from './draft'
import type { StepProps } from './StepProps'

const METHODS = ['upvote', 'updown', 'stars', 'budget'] as const
const ELIGIBILITY = ['open', 'invite_only'] as const
const FLAGS = ['allow_self_vote', 'vote_during_submission', 'hide_tallies', 'require_approval', 'guaranteed_prize'] as const

type Rules = CampaignDraft['rules']

export function RulesStep({ draft, update, fieldErrors }: StepProps) {
  const { t } = useTranslation('campaignEditor')
  const rules = draft.rules
  const set = (change: Partial<Rules>) => update((current) => ({ ...current, rules: { ...current.rules, ...change } }))
  const errors = (field: keyof Rules) => fieldErrors[`rules.${field}`]
  return (
    <>
      <TextField
        label={t('rules.max_contributions_per_member')}
        type="number"
        min={1}
        max={100}
        required
        value={rules.max_contributions_per_member}
        onChange={(event) => set({ max_contributions_per_member: event.target.value })}
        errors={errors('max_contributions_per_member')}
      />
      <SelectField
        label={t('rules.voting_method')}
        value={rules.voting_method}
        onChange={(event) => {
          const method = METHODS.find((candidate) => candidate === event.target.value)
          if (method) set({ voting_method: method })
        }}
        errors={errors('voting_method')}
      >
        {METHODS.map((method) => (
          <option key={method} value={method}>
            {t(`rules.method_${method}`)}
          </option>
        ))}
      </SelectField>
      {rules.voting_method === 'budget' && (
        <TextField
          label={t('rules.vote_budget')}
          hint={t('rules.vote_budgetHint')}
          type="number"
          min={1}
          max={1000}
          required
          value={rules.vote_budget}
          onChange={(event) => set({ vote_budget: event.target.value })}
          errors={errors('vote_budget')}
        />
      )}
      {rules.voting_method !== 'budget' && errors('vote_budget') && (
        <p className="field-error">{errors('vote_budget')?.join(' ')}</p>
      )}
      {FLAGS.map((flag) => (
        <CheckboxField
          key={flag}
          label={t(`rules.${flag}`)}
          checked={rules[flag]}
          onChange={(event) => set({ [flag]: event.target.checked })}
          errors={errors(flag)}
        />
      ))}
      <TextField
        label={t('rules.jury_weight_percent')}
        type="number"
        min={0}
        max={100}
        required
        value={rules.jury_weight_percent}
        onChange={(event) => set({ jury_weight_percent: event.target.value })}
        errors={errors('jury_weight_percent')}
      />
      <TextField
        label={t('rules.remix_credit_percent')}
        hint={t('rules.remix_credit_percentHint')}
        type="number"
        min={0}
        max={50}
        required
        value={rules.remix_credit_percent}
        onChange={(event) => set({ remix_credit_percent: event.target.value })}
        errors={errors('remix_credit_percent')}
      />
      <fieldset>
        <legend>{t('rules.targets')}</legend>
        <p className="hint">{t('rules.targetsIntro')}</p>
        <TextField
          label={t('rules.participation_target_percent')}
          hint={t('rules.participation_target_percentHint')}
          type="number"
          inputMode="decimal"
          min={0.01}
          max={100}
          step="any"
          value={rules.participation_target_percent}
          onChange={(event) => set({ participation_target_percent: event.target.value })}
          errors={errors('participation_target_percent')}
        />
        <TextField
          label={t('rules.contribution_target')}
          hint={t('rules.contribution_targetHint')}
          type="number"
          min={1}
          max={1_000_000}
          step={1}
          value={rules.contribution_target}
          onChange={(event) => set({ contribution_target: event.target.value })}
          errors={errors('contribution_target')}
        />
      </fieldset>
      <SelectField
        label={t('rules.eligibility')}
        value={rules.eligibility}
        onChange={(event) => {
          const eligibility = ELIGIBILITY.find((candidate) => candidate === event.target.value)
          if (eligibility) set({ eligibility })
        }}
        errors={errors('eligibility')}
      >
        {ELIGIBILITY.map((option) => (
          <option key={option} value={option}>
            {t(`rules.eligibility_${option}`)}
          </option>
        ))}
      </SelectField>
    </>
  )
}
