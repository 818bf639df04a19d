// Changing the password: the current one to show it is you, and the new one (checked for its
// length here, before anything is sent). The API signs out every other device with it.
import { useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import { TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn, type CodeMessages, type RefusalParams } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useChangePassword } from './queries'

/** The API's bounds for a new password (ChangePasswordRequest.new_password). */
const MIN_LENGTH = 10
const MAX_LENGTH = 1024

const numberParam = (params: RefusalParams, name: string) => (typeof params[name] === 'number' ? params[name] : undefined)

export function ChangePasswordForm() {
  const { t } = useTranslation('security')
  const change = useChangePassword()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [tooShort, setTooShort] = useState(false)
  const form = useRef<HTMLFormElement>(null)

  const messages: CodeMessages = ({ code, params, field }) => {
    switch (code) {
      case 'password.incorrect':
        return t('password.incorrect')
      case 'password.is_email':
        return t('password.isEmail')
      case 'field.length':
        return field === 'new_password'
          ? t('password.length', { min: numberParam(params, 'min') ?? MIN_LENGTH, max: numberParam(params, 'max') ?? MAX_LENGTH })
          : undefined
      case 'rate_limited': {
        const seconds = numberParam(params, 'retry_after') ?? (change.error instanceof ApiError ? change.error.retryAfter : undefined)
        return seconds === undefined ? t('password.tooManyGeneric') : t('password.tooMany', { count: seconds })
      }
      default:
        return undefined
    }
  }
  const problem = useFormProblem(change.error, fieldsIn(['current_password', 'new_password']), messages)
  useFocusFirstProblem(form, change.error)
  const newPasswordErrors = tooShort ? [t('password.tooShort', { min: MIN_LENGTH })] : problem.fields.new_password

  function submit(event: FormEvent) {
    event.preventDefault()
    if (next.length < MIN_LENGTH) {
      change.reset()
      flushSync(() => setTooShort(true))
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent('')
          setNext('')
        },
      },
    )
  }

  return (
    <form ref={form} onSubmit={submit} className="stack" aria-labelledby="password-heading">
      <h2 id="password-heading">{t('password.heading')}</h2>
      <p className="hint">{t('password.intro')}</p>
      <FormAlert problem={problem} />
      <TextField
        label={t('password.current')}
        type="password"
        autoComplete="current-password"
        required
        maxLength={MAX_LENGTH}
        value={current}
        onChange={(event) => setCurrent(event.target.value)}
        errors={problem.fields.current_password}
      />
      <TextField
        label={t('password.new')}
        hint={t('password.newHint')}
        type="password"
        autoComplete="new-password"
        required
        maxLength={MAX_LENGTH}
        value={next}
        onChange={(event) => {
          setNext(event.target.value)
          setTooShort(false)
        }}
        errors={newPasswordErrors}
      />
      <button type="submit" className="primary" disabled={change.isPending}>
        {change.isPending ? t('password.submitting') : t('password.submit')}
      </button>
      {change.isSuccess && <p role="status">{t('password.changed')}</p>}
    </form>
  )
}
