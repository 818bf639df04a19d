// The funding forms' own words for the refusals they expect (the API's `detail` is English, for
// developers), and where each lands. A 422 names its field; a 409 (a tier sold out meanwhile, a
// closed window) usually names none, so the codes that are about one input are put on it here:
// the backer reads "sold out" next to the reward they chose, not at the top of the form.
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import type { Schemas } from '../../api/types'
import type { CodeMessages, FormProblem, RefusalParams } from '../../forms/problem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useFormat } from '../../i18n/format'
import { describeError } from '../../ui/describeError'

type ErrorCode = Schemas['ErrorCode']

const numberParam = (params: RefusalParams, name: string) => (typeof params[name] === 'number' ? params[name] : undefined)

/** The input a refusal without a field is about, by its code. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, string>> = {
  'tier.sold_out': 'tier_id',
  'tier.unavailable': 'tier_id',
  'tier.unknown': 'tier_id',
  'pledge.below_minimum': 'amount_minor',
  'payment.method_invalid': 'payment_method',
  'payment.declined': 'payment_method',
  'funding.backer_goal_missing': 'backer_goal',
  'funding.backer_goal_unexpected': 'backer_goal',
  'funding.stretch_goal_order': 'stretch_goals',
  'funding.simulated_payments_off': 'provider',
  'currency.unknown': 'currency',
  'tier.limit_below_taken': 'quantity_limit',
  'tier.window_order': 'available_until',
}

/**
 * Words for every funding refusal; amounts in `params` are minor units of `currency`. Codes of
 * other areas keep the API's message (see `CodeMessages`).
 */
export function useFundingMessages(currency: string | null): CodeMessages {
  const { t } = useTranslation('funding')
  const format = useFormat()
  return ({ code, params, field }) => {
    switch (code) {
      case 'tier.sold_out':
        return t('problem.soldOut')
      case 'tier.unavailable':
        return t('problem.unavailable')
      case 'tier.unknown':
        return t('problem.unknownTier')
      case 'pledge.below_minimum': {
        const minimum = numberParam(params, 'minimum')
        return minimum !== undefined && currency
          ? t('problem.belowMinimum', { minimum: format.money(minimum, currency) })
          : t('problem.belowMinimumPlain')
      }
      case 'payment.method_invalid':
        return t('problem.methodInvalid')
      case 'payment.declined':
        return t('problem.declined')
      case 'pledge.exists':
        return t('problem.exists')
      case 'pledge.window_closed':
        return t('problem.windowClosed')
      case 'pledge.transition':
        return t('problem.transition')
      case 'funding.frozen':
        return t('problem.frozen')
      case 'funding.window_open':
        return t('problem.windowOpen')
      case 'funding.not_configured':
        return t('problem.notConfigured')
      case 'funding.wrong_kind':
        return t('problem.wrongKind')
      case 'tier.has_pledges':
        return t('problem.hasPledges')
      case 'tier.limit_below_taken': {
        const taken = numberParam(params, 'taken')
        return taken === undefined ? t('problem.limitBelowTakenPlain') : t('problem.limitBelowTaken', { taken })
      }
      case 'tier.window_order':
        return t('problem.tierWindowOrder')
      case 'currency.unknown':
        return t('problem.currencyUnknown')
      case 'funding.backer_goal_missing':
        return t('problem.backerGoalMissing')
      case 'funding.backer_goal_unexpected':
        return t('problem.backerGoalUnexpected')
      case 'funding.stretch_goal_order':
        return t('problem.stretchOrder')
      case 'funding.simulated_payments_off':
        return t('problem.simulatedOff')
      case 'payment.amount_mismatch':
        return t('problem.amountMismatch')
      case 'payment.not_manual':
        return t('problem.notManual')
      case 'field.range': {
        const min = numberParam(params, 'min')
        const max = numberParam(params, 'max')
        return min !== undefined && max !== undefined ? t('problem.range', { min, max }) : undefined
      }
      case 'field.format':
        return field === 'estimated_delivery' ? t('problem.monthFormat') : undefined
      default:
        return undefined
    }
  }
}

/**
 * `useFormProblem` for a funding form: as it, and a refusal without field errors whose code (or
 * `field`) is about an input the form shows lands on that input.
 */
export function useFundingFormProblem(error: unknown, hasField: (path: string) => boolean, currency: string | null): FormProblem {
  const { t } = useTranslation()
  const own = useFundingMessages(currency)
  // The API may put a refusal's values (`minimum`) on the problem rather than on its field error.
  const top = error instanceof ApiError ? error.problem : undefined
  const messages: CodeMessages = (refusal) =>
    own(Object.keys(refusal.params).length === 0 && top?.code === refusal.code ? { ...refusal, params: top.params ?? {} } : refusal)
  const problem = useFormProblem(error, hasField, messages)
  if (!(error instanceof ApiError) || error.fieldErrors.length > 0 || error.problem === undefined) return problem
  const field = error.problem.field ?? FIELD_OF_CODE[error.problem.code]
  if (field === undefined || !hasField(field)) return problem
  return { fields: { [field]: problem.general }, general: [t('form.fixFields')] }
}

/** One sentence for a failed funding action (delete, cancel, settle): own words for known codes. */
export function useRefusalText(currency: string | null): (error: unknown) => string {
  const { t } = useTranslation()
  const messages = useFundingMessages(currency)
  return (error) => {
    const problem = error instanceof ApiError ? error.problem : undefined
    const own = problem && messages({ code: problem.code, params: problem.params ?? {} })
    return own ?? describeError(error, t)
  }
}
