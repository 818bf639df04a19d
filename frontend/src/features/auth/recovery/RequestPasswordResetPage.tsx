// `/password-reset`: asks for a link to set a new password. The API answers alike whether or not
// an account has the address, and so does this page: it never tells who has an account.
import { useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { TextField } from '../../../forms/Field'
import { FormAlert } from '../../../forms/FormAlert'
import { fieldsIn } from '../../../forms/problem'
import { useFocusFirstProblem } from '../../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../../forms/useFormProblem'
import { registerLazyStrings } from '../../../i18n'
import { PageTitle } from '../../../ui/PageTitle'
import { useRequestPasswordReset } from '../accountLinks'
import * as strings from './strings'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('recovery', strings)

/** The address the sign-in form held, handed over in the link's state (never in the URL). */
function emailFrom(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('email' in state)) return ''
  return typeof state.email === 'string' ? state.email : ''
}

export function RequestPasswordResetPage() {
  const { t } = useTranslation('recovery')
  const location = useLocation()
  const request = useRequestPasswordReset()
  const [email, setEmail] = useState(() => emailFrom(location.state))
  const [sentTo, setSentTo] = useState<string | null>(null)
  const form = useRef<HTMLFormElement>(null)
  const confirmation = useRef<HTMLDivElement>(null)
  const problem = useFormProblem(request.error, fieldsIn(['email']))
  useFocusFirstProblem(form, request.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    const address = email.trim()
    request.mutate(
      { email: address },
      {
        onSuccess: () => {
          flushSync(() => setSentTo(address))
          confirmation.current?.focus()
        },
      },
    )
  }

  function askAgain() {
    request.reset()
    flushSync(() => setSentTo(null))
    form.current?.querySelector<HTMLElement>('input')?.focus()
  }

  return (
    <div className="narrow stack">
      <PageTitle>{t('request.pageTitle')}</PageTitle>
      <h1>{t('request.heading')}</h1>
      {sentTo === null ? (
        <>
          <p>{t('request.intro')}</p>
          <form ref={form} onSubmit={submit} className="stack">
            <FormAlert problem={problem} />
            <TextField
              label={t('request.email')}
              type="email"
              autoComplete="email"
              required
              maxLength={254}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              errors={problem.fields.email}
            />
            <button type="submit" className="primary" disabled={request.isPending}>
              {request.isPending ? t('request.submitting') : t('request.submit')}
            </button>
          </form>
        </>
      ) : (
        <div ref={confirmation} role="status" className="notice stack-sm" tabIndex={-1}>
          <p>{t('request.sent', { email: sentTo })}</p>
          <p className="hint">{t('request.sentHint')}</p>
          <p>
            <button type="button" onClick={askAgain}>
              {t('request.again')}
            </button>
          </p>
        </div>
      )}
      <p>
        <Link to="/login">{t('request.backToLogin')}</Link>
      </p>
    </div>
  )
}
