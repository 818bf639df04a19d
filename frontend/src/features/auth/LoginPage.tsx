import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router'
import { ApiError } from '../../api/errors'
import { TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { PageTitle } from '../../ui/PageTitle'
import { isAfterPasswordReset } from './accountLinks'
import { safeNext } from './safeNext'
import { useLogin } from './useAuthMutations'

export function LoginPage() {
  const { t } = useTranslation('auth')
  const [params] = useSearchParams()
  const navigate = useNavigate()
  // Sent here by the password reset: say that the new password is set (until a sign-in is tried).
  const afterReset = isAfterPasswordReset(useLocation().state)
  const login = useLogin()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const form = useRef<HTMLFormElement>(null)
  // Wrong email and wrong password answer alike (401); say it in the user's language.
  const wrongCredentials = login.error instanceof ApiError && login.error.status === 401
  const problem = useFormProblem(wrongCredentials ? null : login.error, fieldsIn(['email', 'password']))
  useFocusFirstProblem(form, login.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    login.mutate({ email, password }, { onSuccess: () => void navigate(safeNext(params.get('next')), { replace: true }) })
  }

  return (
    <div className="narrow">
      <PageTitle>{t('login.pageTitle')}</PageTitle>
      <h1>{t('login.heading')}</h1>
      <form ref={form} onSubmit={submit} className="stack">
        {afterReset && login.isIdle && (
          <p role="status" className="notice">
            {t('login.passwordReset')}
          </p>
        )}
        {wrongCredentials && (
          <div role="alert" className="alert" tabIndex={-1} data-form-alert>
            <p>{t('login.wrongCredentials')}</p>
          </div>
        )}
        <FormAlert problem={problem} />
        <TextField
          label={t('login.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          errors={problem.fields.email}
        />
        <TextField
          label={t('login.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          errors={problem.fields.password}
        />
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p>
        {/* The address typed so far goes along in the state, not the URL (which servers log). */}
        <Link to="/password-reset" state={email.trim() === '' ? undefined : { email: email.trim() }}>
          {t('login.forgot')}
        </Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to={`/register${params.size ? `?${params}` : ''}`}>{t('login.registerLink')}</Link>
      </p>
    </div>
  )
}
