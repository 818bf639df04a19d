// Answers as the campaign's form shapes them: what the inputs hold while someone answers (one
// draft for every kind), the JSON sent (an option's value, a list of values, a text, a number, or
// a rectangle as fractions 0..1 of the image), and the checks the API makes, made first here so
// that a worker learns at once what is missing.
import type { AnswerForm, ChoiceOption } from './queries'

/** A rectangle on an image, as fractions 0..1 of its width and height from its top left corner. */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface AnswerDraft {
  /** single choice */
  choice: string | null
  /** multiple choice, in the order picked */
  choices: readonly string[]
  /** text, and a number as typed */
  text: string
  rect: Rect | null
}

export const EMPTY_DRAFT: AnswerDraft = { choice: null, choices: [], text: '', rect: null }

/** Why a draft cannot be sent yet: the key of its message and the values it needs. */
export type DraftProblem =
  | { key: 'pickOne' }
  | { key: 'pickBetween'; min: number; max: number }
  | { key: 'writeText' }
  | { key: 'tooLong'; max: number }
  | { key: 'number' }
  | { key: 'wholeNumber' }
  | { key: 'numberAtLeast'; min: number }
  | { key: 'numberAtMost'; max: number }
  | { key: 'numberBetween'; min: number; max: number }
  | { key: 'drawBox' }

type MultipleChoice = Extract<AnswerForm, { kind: 'multiple_choice' }>
type NumberForm = Extract<AnswerForm, { kind: 'number' }>

/** How many options a multiple-choice answer picks: at least 1 and at most all, unless the form says. */
export function choiceBounds(form: MultipleChoice): { min: number; max: number } {
  return { min: form.min_choices ?? 1, max: form.max_choices ?? form.options.length }
}

/** A decimal as typed in either language ("2.5", "2,5"), or `null`. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(',', '.')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : null
}

function numberProblem(form: NumberForm, value: number | null): DraftProblem | null {
  if (value === null) return { key: 'number' }
  if (form.integer && !Number.isInteger(value)) return { key: 'wholeNumber' }
  const min = form.min ?? null
  const max = form.max ?? null
  if ((min !== null && value < min) || (max !== null && value > max)) {
    if (min !== null && max !== null) return { key: 'numberBetween', min, max }
    return min !== null ? { key: 'numberAtLeast', min } : { key: 'numberAtMost', max: max ?? 0 }
  }
  return null
}

const FRACTION_DIGITS = 10_000

/** Four decimals are a tenth of a pixel of a 1000-pixel image; the box stays inside the image. */
export function roundRect(rect: Rect): Rect {
  const round = (value: number) => Math.round(value * FRACTION_DIGITS) / FRACTION_DIGITS
  const x = round(Math.min(Math.max(rect.x, 0), 1))
  const y = round(Math.min(Math.max(rect.y, 0), 1))
  return { x, y, width: Math.min(round(rect.width), round(1 - x)), height: Math.min(round(rect.height), round(1 - y)) }
}

/** The answer to send for a draft, or what is missing. */
export function answerOf(form: AnswerForm, draft: AnswerDraft): { answer: unknown } | { problem: DraftProblem } {
  switch (form.kind) {
    case 'single_choice':
      return draft.choice === null ? { problem: { key: 'pickOne' } } : { answer: draft.choice }
    case 'multiple_choice': {
      const { min, max } = choiceBounds(form)
      // In the form's order, whatever order they were picked in.
      const values = form.options.map((option) => option.value).filter((value) => draft.choices.includes(value))
      return values.length < min || values.length > max ? { problem: { key: 'pickBetween', min, max } } : { answer: values }
    }
    case 'text': {
      const text = draft.text.trim()
      if (text === '') return { problem: { key: 'writeText' } }
      return [...text].length > form.max_length ? { problem: { key: 'tooLong', max: form.max_length } } : { answer: text }
    }
    case 'number': {
      const value = parseDecimal(draft.text)
      const problem = numberProblem(form, value)
      return problem ? { problem } : { answer: value }
    }
    case 'rectangle': {
      const rect = draft.rect && roundRect(draft.rect)
      return rect && rect.width > 0 && rect.height > 0 ? { answer: rect } : { problem: { key: 'drawBox' } }
    }
  }
}

/** A draft with option `index` (0-based) picked: chosen in a single choice, toggled in a multiple one. */
export function pickOption(form: AnswerForm, draft: AnswerDraft, index: number): AnswerDraft {
  if (form.kind !== 'single_choice' && form.kind !== 'multiple_choice') return draft
  const option = form.options[index]
  if (option === undefined) return draft
  if (form.kind === 'single_choice') return { ...draft, choice: option.value }
  const picked = draft.choices.includes(option.value)
  return { ...draft, choices: picked ? draft.choices.filter((value) => value !== option.value) : [...draft.choices, option.value] }
}

export function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false
  const parts = ['x', 'y', 'width', 'height'] as const
  return parts.every((part) => part in value && typeof (value as Record<string, unknown>)[part] === 'number')
}

/** The label of an option by its value (the value itself for one the form no longer has). */
export function labelOf(options: readonly ChoiceOption[], value: unknown): string {
  const text = String(value)
  return options.find((option) => option.value === text)?.label ?? text
}
