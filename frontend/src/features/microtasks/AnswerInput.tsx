// The campaign's question as inputs of its kind: radio buttons (single choice), checkboxes with
// how many to pick (multiple choice), a text area with its limit, a number field with its range,
// or a rectangle drawn on the task's image. The runner numbers the options for its 1–9 keys; the
// organisers' gold-answer field reuses the same inputs.
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { TextAreaField, TextField } from '../../forms/Field'
import { useFormat } from '../../i18n/format'
import { choiceBounds, type AnswerDraft } from './answer'
import type { AnswerForm } from './queries'
import { RectangleInput } from './RectangleInput'

interface Props {
  form: AnswerForm
  draft: AnswerDraft
  onChange: (draft: AnswerDraft) => void
  /** The task's image, which a rectangle is drawn on. */
  imageUrl?: string | null
  errors?: string[]
  disabled?: boolean
  /** Show each option's number (the runner's keys 1–9). */
  numbered?: boolean
  /** The inputs' name, if not the question (the gold answer of a new task). */
  label?: string
}

function OptionNumber({ index }: { index: number }) {
  // Decoration: the hint says what the numbers do; the option's name stays its label.
  return index < 9 ? (
    <kbd className="option-key" aria-hidden="true">
      {index + 1}
    </kbd>
  ) : null
}

export function AnswerInput({ form, draft, onChange, imageUrl, errors, disabled, numbered, label }: Props) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const id = useId()
  const name = label ?? form.question
  const errorId = errors?.length ? `${id}-error` : undefined
  const error = errorId && (
    <p id={errorId} className="field-error">
      {errors?.join(' ')}
    </p>
  )

  switch (form.kind) {
    case 'single_choice':
    case 'multiple_choice': {
      const multiple = form.kind === 'multiple_choice'
      const bounds = multiple ? choiceBounds(form) : null
      const hintId = bounds ? `${id}-hint` : undefined
      return (
        <fieldset className="answer-choices" aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}>
          <legend>{name}</legend>
          {bounds && (
            <p id={hintId} className="hint">
              {bounds.min === bounds.max ? t('answer.choiceHintExactly', bounds) : t('answer.choiceHint', bounds)}
            </p>
          )}
          {form.options.map((option, index) => {
            const inputId = `${id}-${index}`
            const checked = multiple ? draft.choices.includes(option.value) : draft.choice === option.value
            return (
              <div key={option.value} className="field checkbox choice-option">
                <input
                  id={inputId}
                  type={multiple ? 'checkbox' : 'radio'}
                  name={`${id}-choice`}
                  value={option.value}
                  checked={checked}
                  disabled={disabled}
                  aria-invalid={errorId ? true : undefined}
                  onChange={(event) =>
                    onChange(
                      multiple
                        ? {
                            ...draft,
                            choices: event.target.checked
                              ? [...draft.choices, option.value]
                              : draft.choices.filter((value) => value !== option.value),
                          }
                        : { ...draft, choice: option.value },
                    )
                  }
                />
                <label htmlFor={inputId}>
                  {numbered && <OptionNumber index={index} />}
                  {option.label}
                </label>
              </div>
            )
          })}
          {error}
        </fieldset>
      )
    }
    case 'text': {
      const left = form.max_length - [...draft.text].length
      return (
        <TextAreaField
          label={name}
          hint={t('answer.textHint', { max: format.number(form.max_length), left: format.number(Math.max(left, 0)) })}
          rows={form.max_length > 200 ? 6 : 3}
          maxLength={form.max_length}
          value={draft.text}
          disabled={disabled}
          onChange={(event) => onChange({ ...draft, text: event.target.value })}
          errors={errors}
        />
      )
    }
    case 'number': {
      const min = form.min ?? null
      const max = form.max ?? null
      const kind = form.integer ? t('answer.numberHintWhole') : t('answer.numberHintAny')
      const range =
        min !== null && max !== null
          ? t('answer.numberRange', { min: format.decimal(min, 6), max: format.decimal(max, 6) })
          : min !== null
            ? t('answer.numberMin', { min: format.decimal(min, 6) })
            : max !== null
              ? t('answer.numberMax', { max: format.decimal(max, 6) })
              : ''
      return (
        <TextField
          label={name}
          hint={`${kind} ${range}`.trim()}
          // Text rather than type="number": a comma is a decimal separator in German, and a
          // number field would drop "2,5" silently in some browsers.
          inputMode={form.integer && (min === null || min >= 0) ? 'numeric' : 'decimal'}
          autoComplete="off"
          value={draft.text}
          disabled={disabled}
          onChange={(event) => onChange({ ...draft, text: event.target.value })}
          errors={errors}
        />
      )
    }
    case 'rectangle':
      return (
        <fieldset className="answer-rectangle">
          <legend>{name}</legend>
          {imageUrl ? (
            <RectangleInput
              imageUrl={imageUrl}
              question={name}
              value={draft.rect}
              onChange={(rect) => onChange({ ...draft, rect })}
              errorId={errorId}
              disabled={disabled}
            />
          ) : (
            <p className="notice">{t('tasks.goldNeedsImage')}</p>
          )}
          {error}
        </fieldset>
      )
  }
}
