import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { forgetVia, rememberedVia, storedVisitorId } from '../../api/visitor'
import { TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { currentLanguage } from '../../i18n'
import { PageTitle } from '../../ui/PageTitle'
import { safeNext } from './safeNext'
import { useRegister } from './useAuthMutations'

export function RegisterPage() {
  const { t } = useTranslation('auth')
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const register = useRegister()
  const [displayName, setDisplayName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(register.error, fieldsIn(['display_name', 'email', 'password']))
  useFocusFirstProblem(form, register.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    // The invitation link this browser first came through, and the visitor id its visits were
    // counted under, so that the sign-up is credited to them.
    const via = rememberedVia()
    const visitor = storedVisitorId()
    register.mutate(
      {
        display_name: displayName,
        email,
        password,
        locale: currentLanguage(),
        ...(via !== null && { via }),
        ...(visitor !== null && { visitor_id: visitor }),
      },
      {
        onSuccess: () => {
          forgetVia()
          void navigate(safeNext(params.get('next')), { replace: true })
        },
      },
    )
  }

  return (
    <div className="narrow">
      <PageTitle>{t('register.pageTitle')}</PageTitle>
      <h1>{t('register.heading')}</h1>
      <form ref={form} onSubmit={submit} className="stack">
        <FormAlert problem={problem} />
        <TextField
          label={t('register.displayName')}
          hint={t('register.displayNameHint')}
          autoComplete="nickname"
          required
          maxLength={80}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          errors={problem.fields.display_name}
        />
        <TextField
          label={t('register.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          errors={problem.fields.email}
        />
        <TextField
          label={t('register.password')}
          hint={t('register.passwordHint')}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          errors={problem.fields.password}
        />
        <button type="submit" className="primary" disabled={register.isPending}>
          {register.isPending ? t('register.submitting') : t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <Link to={`/login${params.size ? `?${params}` : ''}`}>{t('register.loginLink')}</Link>
      </p>
    </div>
  )
}
