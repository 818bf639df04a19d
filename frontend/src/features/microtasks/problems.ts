// Micro-tasking's own words for the refusals it expects (the API's `detail` is English, for
// developers), by `code`, with the `params` and `field` they come with. An answer that does not
// fit the form is said in the terms of its kind (options, characters, a range), so the words take
// the form's kind where the caller knows it.
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import type { CodeMessages, FormProblem, RefusalParams } from '../../forms/problem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useFormat } from '../../i18n/format'
import { describeError } from '../../ui/describeError'
import type { DraftProblem } from './answer'
import type { AnswerKind } from './queries'

const numberParam = (params: RefusalParams, name: string) => (typeof params[name] === 'number' ? params[name] : undefined)
const textParam = (params: RefusalParams, name: string) =>
  typeof params[name] === 'string' && params[name] !== '' ? params[name] : undefined

/** `tasks[41].redundancy` -> `redundancy`: the field of an imported row. */
export function rowField(field: string): string {
  return field.replace(/^tasks\[\d+\]\.?/, '')
}

/** Words for every micro-tasking refusal; `kind` is the answer form's, where an answer is refused. */
export function useTaskMessages(kind?: AnswerKind): CodeMessages {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const decimal = (value: number) => format.decimal(value, 6)
  const when = (params: RefusalParams, name: string) => {
    const value = textParam(params, name)
    return value === undefined || Number.isNaN(Date.parse(value)) ? undefined : format.dateTime(value)
  }
  return ({ code, params, field = '' }) => {
    const min = numberParam(params, 'min')
    const max = numberParam(params, 'max')
    switch (code) {
      case 'answer.invalid':
        if (Array.isArray(params.options)) return t('problem.answerOptions')
        if (kind === 'multiple_choice' && min !== undefined && max !== undefined) return t('problem.answerChoices', { min, max })
        if (kind === 'text' && max !== undefined) return t('problem.answerText', { max })
        if (kind === 'number' && min !== undefined && max !== undefined)
          return t('problem.answerNumberRange', { min: decimal(min), max: decimal(max) })
        if (kind === 'number' && min !== undefined) return t('problem.answerNumberMin', { min: decimal(min) })
        if (kind === 'number' && max !== undefined) return t('problem.answerNumberMax', { max: decimal(max) })
        return t('problem.answerInvalid')
      case 'answer_form.duplicate_option':
        return t('problem.duplicateOption')
      case 'answer_form.range':
        if (field.endsWith('max_choices') || field.endsWith('min_choices')) return t('problem.choicesRange')
        if (field.endsWith('max') || field.endsWith('min')) return t('problem.numberRange')
        return t('problem.formRange')
      case 'answer_form.incompatible': {
        const tasks = numberParam(params, 'tasks')
        return tasks === undefined ? t('problem.formIncompatiblePlain') : t('problem.formIncompatible', { count: tasks })
      }
      case 'task_settings.consensus_k_missing':
        return t('problem.consensusKMissing')
      case 'task.payload_empty':
        return t('problem.payloadEmpty')
      case 'task.image_required':
        return t('problem.imageRequired')
      case 'task.image_unknown':
        return t('problem.imageUnknown')
      case 'import.unreadable': {
        const row = numberParam(params, 'row')
        return row === undefined || row === 0 ? t('problem.importHeader') : t('problem.importRow', { row })
      }
      case 'review.reason_required':
        return t('problem.reasonRequired')
      case 'tasks.wrong_kind':
        return t('problem.wrongKind')
      case 'tasks.not_configured':
        return t('problem.notConfigured')
      case 'tasks.form_frozen':
        return t('problem.formFrozen')
      case 'task.window_closed':
        return t('problem.windowClosed')
      case 'task.full':
        return t('problem.full')
      case 'task.retired':
        return t('problem.retired')
      case 'claim.exists':
        return t('problem.claimExists')
      case 'claim.limit':
        return max === undefined ? t('problem.claimLimitPlain') : t('problem.claimLimit', { max })
      case 'claim.check_due':
        return t('problem.checkDue')
      case 'claim.transition':
        return t('problem.transition')
      case 'claim.lease_expired':
        return t('problem.leaseExpired')
      case 'claim.lease_limit': {
        const until = when(params, 'until')
        return until ? t('problem.leaseLimit', { until }) : t('problem.leaseLimitPlain')
      }
      case 'review.overturn_window_passed': {
        const until = when(params, 'until')
        return until ? t('problem.overturnPassed', { until }) : t('problem.overturnPassedPlain')
      }
      case 'review.confirmation_required': {
        const rejected = numberParam(params, 'rejected')
        const reviews = numberParam(params, 'reviews')
        const threshold = numberParam(params, 'threshold_percent')
        return rejected !== undefined && reviews !== undefined && threshold !== undefined
          ? t('problem.confirmation', { rejected, reviews, threshold })
          : t('problem.confirmationPlain')
      }
      case 'worker.paused': {
        const reason = textParam(params, 'reason')
        return reason ? t('problem.paused', { reason }) : t('problem.pausedPlain')
      }
      case 'review.own_answer':
        return t('problem.ownAnswer')
      case 'campaign.invite_only':
        return t('problem.inviteOnly')
      case 'campaign.ended':
        return t('problem.ended')
      case 'field.range':
        if (min !== undefined && max !== undefined) return t('problem.range', { min: decimal(min), max: decimal(max) })
        if (min !== undefined) return t('problem.rangeMin', { min: decimal(min) })
        return max === undefined ? undefined : t('problem.rangeMax', { max: decimal(max) })
      case 'field.length':
        if (field.endsWith('options') && min !== undefined && max !== undefined) return t('problem.optionCount', { min, max })
        return max === undefined ? undefined : t('problem.length', { max })
      case 'field.format': {
        const name = rowField(field)
        if (/options\[\d+\]\.value$/.test(name)) return t('problem.valueFormat')
        if (name.endsWith('link')) return t('problem.linkFormat')
        if (/^(redundancy|reward_points|priority)$/.test(name)) return t('problem.wholeNumber')
        return undefined
      }
      case 'field.required':
      case 'field.blank':
        return t('problem.required')
      default:
        return undefined
    }
  }
}

/** `useFormProblem` with micro-tasking's words. */
export function useTaskFormProblem(error: unknown, hasField: (path: string) => boolean, kind?: AnswerKind): FormProblem {
  return useFormProblem(error, hasField, useTaskMessages(kind))
}

/** One sentence for a failed action (claim, review, pause), in the UI's language where the code is known. */
export function useRefusalText(kind?: AnswerKind): (error: unknown) => string {
  const { t } = useTranslation()
  const messages = useTaskMessages(kind)
  return (error) => {
    const problem = error instanceof ApiError ? error.problem : undefined
    const fieldError = error instanceof ApiError ? error.fieldErrors[0] : undefined
    const own =
      (fieldError && messages({ code: fieldError.code, params: fieldError.params ?? {}, field: fieldError.field })) ??
      (problem && messages({ code: problem.code, params: problem.params ?? {}, field: problem.field ?? undefined }))
    return own ?? describeError(error, t)
  }
}

/** What an answer still lacks (see `answerOf`), in words. */
export function useDraftProblemText(): (problem: DraftProblem) => string {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  return (problem) => {
    switch (problem.key) {
      case 'pickBetween':
        return problem.min === problem.max ? t('answer.pickExactly', problem) : t('answer.pickBetween', problem)
      case 'numberAtLeast':
        return t('answer.numberAtLeast', { min: format.decimal(problem.min, 6) })
      case 'numberAtMost':
        return t('answer.numberAtMost', { max: format.decimal(problem.max, 6) })
      case 'numberBetween':
        return t('answer.numberBetween', { min: format.decimal(problem.min, 6), max: format.decimal(problem.max, 6) })
      case 'tooLong':
        return t('answer.tooLong', { max: format.number(problem.max) })
      default:
        return t(`answer.${problem.key}`)
    }
  }
}
