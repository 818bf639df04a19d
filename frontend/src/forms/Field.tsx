// Labelled inputs that show their validation messages: the label is tied to the input, the
// messages are announced with it (aria-describedby) and mark it invalid (aria-invalid).
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'

interface FieldFrameProps {
  label: string
  hint?: ReactNode
  errors?: string[]
  required?: boolean
}

function useFieldIds(errors: string[] | undefined, hint: ReactNode) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = errors?.length ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return { id, hintId, errorId, describedBy, invalid: errorId !== undefined }
}

function Frame({
  ids,
  label,
  hint,
  errors,
  required,
  children,
}: FieldFrameProps & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className={ids.invalid ? 'field invalid' : 'field'}>
      <label htmlFor={ids.id}>
        {label}
        {required && <span className="muted"> ({t('form.required')})</span>}
      </label>
      {children}
      {hint && (
        <p id={ids.hintId} className="hint">
          {hint}
        </p>
      )}
      {ids.errorId && (
        <p id={ids.errorId} className="field-error">
          {errors?.join(' ')}
        </p>
      )}
    </div>
  )
}

type InputProps = FieldFrameProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>

export function TextField({ label, hint, errors, required, ...input }: InputProps) {
  const ids = useFieldIds(errors, hint)
  return (
    <Frame ids={ids} label={label} hint={hint} errors={errors} required={required}>
      <input
        id={ids.id}
        required={required}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
    </Frame>
  )
}

type TextAreaProps = FieldFrameProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>

export function TextAreaField({ label, hint, errors, required, ...textarea }: TextAreaProps) {
  const ids = useFieldIds(errors, hint)
  return (
    <Frame ids={ids} label={label} hint={hint} errors={errors} required={required}>
      <textarea
        id={ids.id}
        required={required}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        rows={6}
        {...textarea}
      />
    </Frame>
  )
}

type SelectProps = FieldFrameProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>

export function SelectField({ label, hint, errors, required, children, ...select }: SelectProps) {
  const ids = useFieldIds(errors, hint)
  return (
    <Frame ids={ids} label={label} hint={hint} errors={errors} required={required}>
      <select
        id={ids.id}
        required={required}
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        {...select}
      >
        {children}
      </select>
    </Frame>
  )
}

type CheckboxProps = Omit<FieldFrameProps, 'required'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>

export function CheckboxField({ label, hint, errors, ...input }: CheckboxProps) {
  const ids = useFieldIds(errors, hint)
  return (
    <div className={ids.invalid ? 'field checkbox invalid' : 'field checkbox'}>
      <input
        id={ids.id}
        type="checkbox"
        aria-invalid={ids.invalid || undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
      <label htmlFor={ids.id}>{label}</label>
      {hint && (
        <p id={ids.hintId} className="hint">
          {hint}
        </p>
      )}
      {ids.errorId && (
        <p id={ids.errorId} className="field-error">
          {errors?.join(' ')}
        </p>
      )}
    </div>
  )
}
