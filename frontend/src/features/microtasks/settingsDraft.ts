// The question and rules as the settings form holds them (inputs hold text), to and from the API's
// shape. Numbers are checked here before sending, so a typo is said at its input at once; the
// API's 422 names the same paths (`answer_form.options[1].value`, `lease_minutes`).
import { parseDecimal } from './answer'
import type { AnswerForm, AnswerKind, RetirementRule, TaskSettings, TaskSettingsRequest, TaskStrategy } from './queries'

export const KINDS: readonly AnswerKind[] = ['single_choice', 'multiple_choice', 'text', 'number', 'rectangle']
export const STRATEGIES: readonly TaskStrategy[] = ['depth_first', 'breadth_first', 'random']
export const RETIREMENTS: readonly RetirementRule[] = ['count', 'consensus', 'never']
export const MAX_OPTIONS = 50

export interface OptionDraft {
  key: number
  value: string
  label: string
  /** Until its value is typed, an option's value follows its label. */
  valueTyped: boolean
}

export interface SettingsDraft {
  kind: AnswerKind
  question: string
  options: OptionDraft[]
  minChoices: string
  maxChoices: string
  maxLength: string
  min: string
  max: string
  integer: boolean
  tolerance: string
  strategy: TaskStrategy
  leaseMinutes: string
  reviewDelayHours: string
  retirement: RetirementRule
  consensusK: string
  goldRate: string
  minAccuracy: string
  goldMinAnswers: string
  rejectionGuard: string
}

let nextKey = 1
export function newOption(value = '', label = '', valueTyped = false): OptionDraft {
  return { key: nextKey++, value, label, valueTyped }
}

/** A value for an option from its label: "Black cat" -> "black-cat". */
export function valueOf(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
}

const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value))

export function draftOf(settings: TaskSettings | null): SettingsDraft {
  const form: AnswerForm | null = settings?.answer_form ?? null
  const choice = form?.kind === 'single_choice' || form?.kind === 'multiple_choice' ? form : null
  return {
    kind: form?.kind ?? 'single_choice',
    question: form?.question ?? '',
    options: choice ? choice.options.map((option) => newOption(option.value, option.label, true)) : [newOption(), newOption()],
    minChoices: form?.kind === 'multiple_choice' ? text(form.min_choices) : '',
    maxChoices: form?.kind === 'multiple_choice' ? text(form.max_choices) : '',
    maxLength: form?.kind === 'text' ? String(form.max_length) : '500',
    min: form?.kind === 'number' ? text(form.min) : '',
    max: form?.kind === 'number' ? text(form.max) : '',
    integer: form?.kind === 'number' ? (form.integer ?? false) : false,
    tolerance: form?.kind === 'number' ? text(form.tolerance ?? 0) : '0',
    strategy: settings?.strategy ?? 'depth_first',
    leaseMinutes: String(settings?.lease_minutes ?? 60),
    reviewDelayHours: String(settings?.review_delay_hours ?? 72),
    retirement: settings?.retirement ?? 'count',
    consensusK: text(settings?.consensus_k),
    goldRate: String(settings?.gold_rate_percent ?? 0),
    minAccuracy: text(settings?.min_accuracy_percent),
    goldMinAnswers: String(settings?.gold_min_answers ?? 3),
    rejectionGuard: String(settings?.rejection_guard_percent ?? 30),
  }
}

/** Messages for inputs whose text is not a number of the right kind, by request path. */
export type Invalid = Record<string, 'wholeNumber' | 'decimal'>

function formOf(draft: SettingsDraft, invalid: Invalid): AnswerForm {
  const whole = (path: string, value: string): number | null => {
    if (value.trim() === '') return null
    if (!/^\s*\d+\s*$/.test(value)) invalid[path] = 'wholeNumber'
    return Number(value)
  }
  const decimal = (path: string, value: string): number | null => {
    if (value.trim() === '') return null
    const parsed = parseDecimal(value)
    if (parsed === null) invalid[path] = 'decimal'
    return parsed
  }
  const question = draft.question.trim()
  const options = draft.options.map((option) => ({ value: option.value.trim(), label: option.label.trim() }))
  switch (draft.kind) {
    case 'single_choice':
      return { kind: 'single_choice', question, options }
    case 'multiple_choice':
      return {
        kind: 'multiple_choice',
        question,
        options,
        min_choices: whole('answer_form.min_choices', draft.minChoices),
        max_choices: whole('answer_form.max_choices', draft.maxChoices),
      }
    case 'text':
      if (draft.maxLength.trim() === '') invalid['answer_form.max_length'] = 'wholeNumber'
      return { kind: 'text', question, max_length: whole('answer_form.max_length', draft.maxLength) ?? 0 }
    case 'number':
      return {
        kind: 'number',
        question,
        min: decimal('answer_form.min', draft.min),
        max: decimal('answer_form.max', draft.max),
        integer: draft.integer,
        tolerance: decimal('answer_form.tolerance', draft.tolerance) ?? 0,
      }
    case 'rectangle':
      return { kind: 'rectangle', question }
  }
}

/** The request, or the inputs that are not numbers as they must be. */
export function requestOf(draft: SettingsDraft): { body: TaskSettingsRequest } | { invalid: Invalid } {
  const invalid: Invalid = {}
  const whole = (path: string, value: string, fallback: number): number => {
    if (!/^\s*\d+\s*$/.test(value)) {
      invalid[path] = 'wholeNumber'
      return fallback
    }
    return Number(value)
  }
  const optionalWhole = (path: string, value: string): number | null => (value.trim() === '' ? null : whole(path, value, 0))
  const answerForm = formOf(draft, invalid)
  const body: TaskSettingsRequest = {
    answer_form: answerForm,
    strategy: draft.strategy,
    lease_minutes: whole('lease_minutes', draft.leaseMinutes, 60),
    review_delay_hours: whole('review_delay_hours', draft.reviewDelayHours, 72),
    retirement: draft.retirement,
    consensus_k: draft.retirement === 'consensus' ? optionalWhole('consensus_k', draft.consensusK) : null,
    gold_rate_percent: whole('gold_rate_percent', draft.goldRate, 0),
    min_accuracy_percent: optionalWhole('min_accuracy_percent', draft.minAccuracy),
    gold_min_answers: whole('gold_min_answers', draft.goldMinAnswers, 3),
    rejection_guard_percent: whole('rejection_guard_percent', draft.rejectionGuard, 30),
  }
  return Object.keys(invalid).length > 0 ? { invalid } : { body }
}

/** The request fields the settings form shows an input for. */
const FIELDS =
  /^(answer_form(\.(question|options(\[\d+\](\.(value|label))?)?|min_choices|max_choices|max_length|min|max|integer|tolerance))?|strategy|lease_minutes|review_delay_hours|retirement|consensus_k|gold_rate_percent|min_accuracy_percent|gold_min_answers|rejection_guard_percent)$/
export const hasSettingsField = (path: string) => FIELDS.test(path)
