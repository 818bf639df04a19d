// Creates a token: a name, the scopes it may use, and when it expires; with a scope that writes,
// also the user's password (the API mints a token that can act for them only for them, not for
// whoever finds an open session). The answer, with the secret, goes straight to `onCreated` and is
// then dropped from the mutation, so the page alone holds the secret.
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { SelectField, TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { errorsAt, type CodeMessages } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useCreateToken, type CreatedToken } from './queries'
import { isWriteScope, SCOPES, scopeLabelKey, type Scope } from './scopes'

const FIELDS = /^(name|scopes(\[\d+\])?|expires_in_days|password)$/
/** Expiry choices in days; `''` is "never". */
const EXPIRY_DAYS = ['7', '30', '90', '365', ''] as const
const DEFAULT_EXPIRY = '90'

export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const { t } = useTranslation('tokens')
  const create = useCreateToken()
  const [name, setName] = useState('')
  const [scopes, setScopes] = useState<ReadonlySet<Scope>>(new Set())
  const [expiry, setExpiry] = useState<string>(DEFAULT_EXPIRY)
  const [noScope, setNoScope] = useState(false)
  const [password, setPassword] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const scopesErrorId = useId()
  const needsPassword = [...scopes].some(isWriteScope)
  const messages: CodeMessages = ({ code, field }) => {
    if (field !== 'password') return undefined
    if (code === 'password.incorrect') return t('create.passwordIncorrect')
    if (code === 'field.required') return t('create.passwordRequired')
    return undefined
  }
  const problem = useFormProblem(create.error, (path) => FIELDS.test(path), messages)
  useFocusFirstProblem(form, create.error)

  const scopeErrors = [...(noScope ? [t('create.scopesRequired')] : []), ...(errorsAt(problem.fields, 'scopes') ?? [])]

  function toggle(scope: Scope, on: boolean) {
    const next = new Set(scopes)
    if (on) next.add(scope)
    else next.delete(scope)
    setScopes(next)
    if (next.size > 0) setNoScope(false)
    // The question goes with the last scope that writes, and so does the answer.
    if (![...next].some(isWriteScope)) setPassword('')
  }

  function submit(event: FormEvent) {
    event.preventDefault()
    if (scopes.size === 0) {
      setNoScope(true)
      form.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus()
      return
    }
    create.mutate(
      {
        name: name.trim(),
        // In the API's order, whatever order they were ticked in.
        scopes: SCOPES.filter((scope) => scopes.has(scope)),
        expires_in_days: expiry === '' ? null : Number(expiry),
        // Only with a scope that writes: nobody else needs to see it.
        ...(needsPassword && { password }),
      },
      {
        onSuccess: (created) => {
          setName('')
          setScopes(new Set())
          setExpiry(DEFAULT_EXPIRY)
          setPassword('')
          onCreated(created)
          create.reset()
        },
      },
    )
  }

  return (
    <form ref={form} onSubmit={submit} className="stack" aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">{t('create.heading')}</h2>
      <FormAlert problem={problem} />
      <TextField
        label={t('create.name')}
        hint={t('create.nameHint')}
        required
        maxLength={100}
        autoComplete="off"
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={problem.fields.name}
      />
      <fieldset aria-describedby={`${scopesErrorId}-hint`}>
        <legend>
          {t('create.scopes')} <span className="muted">({t('form.required', { ns: 'common' })})</span>
        </legend>
        <p id={`${scopesErrorId}-hint`} className="hint">
          {t('create.scopesHint')}
        </p>
        <div className="scope-grid">
          {SCOPES.map((scope) => {
            const id = `${scopesErrorId}-${scope}`
            return (
              <div key={scope} className="field checkbox">
                <input
                  id={id}
                  type="checkbox"
                  checked={scopes.has(scope)}
                  onChange={(event) => toggle(scope, event.target.checked)}
                  aria-invalid={scopeErrors.length > 0 || undefined}
                  aria-describedby={scopeErrors.length > 0 ? `${id}-code ${scopesErrorId}` : `${id}-code`}
                />
                <label htmlFor={id}>{t(scopeLabelKey(scope))}</label>
                <p id={`${id}-code`} className="hint">
                  <code>{scope}</code>
                </p>
              </div>
            )
          })}
        </div>
        {scopeErrors.length > 0 && (
          <p id={scopesErrorId} className="field-error">
            {scopeErrors.join(' ')}
          </p>
        )}
      </fieldset>
      {needsPassword && (
        <TextField
          label={t('create.password')}
          hint={t('create.passwordHint')}
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          errors={problem.fields.password}
        />
      )}
      <SelectField
        label={t('create.expiry')}
        hint={t('create.expiryHint')}
        value={expiry}
        onChange={(event) => setExpiry(event.target.value)}
        errors={problem.fields.expires_in_days}
      >
        {EXPIRY_DAYS.map((days) => (
          <option key={days} value={days}>
            {days === '' ? t('create.expiryNever') : t('create.expiryDays', { count: Number(days) })}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? t('create.submitting') : t('create.submit')}
      </button>
    </form>
  )
}
