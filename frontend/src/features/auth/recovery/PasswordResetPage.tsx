// `/password-reset/:token`, where the mailed link leads (public; the token is the credential): a
// new password, typed twice and checked here for its length and the match before anything is
// sent. The API then signs out every session, this browser's too, and the page goes on to sign in
// with a word that it worked. A link that no longer works says why, with the way to a new one.
import { useLayoutEffect, useRef, useState, type FormEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { endSession } from '../../../api/session'
import { TextField } from '../../../forms/Field'
import { FormAlert } from '../../../forms/FormAlert'
import { fieldsIn } from '../../../forms/problem'
import { useFocusFirstProblem } from '../../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../../forms/useFormProblem'
import { registerLazyStrings } from '../../../i18n'
import { PageTitle } from '../../../ui/PageTitle'
import { AFTER_PASSWORD_RESET, linkUnavailable, useConfirmPasswordReset } from '../accountLinks'
import * as strings from './strings'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('recovery', strings)

/** The API's bounds for a password (ConfirmPasswordResetRequest.password). */
const MIN_LENGTH = 10
const MAX_LENGTH = 1024

type ClientCheck = 'tooShort' | 'mismatch' | null

export function PasswordResetPage() {
  const { token = '' } = useParams()
  const { t } = useTranslation('recovery')
  const navigate = useNavigate()
  const confirm = useConfirmPasswordReset()
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [check, setCheck] = useState<ClientCheck>(null)
  const form = useRef<HTMLFormElement>(null)
  const refusal = useRef<HTMLDivElement>(null)
  const unavailable = linkUnavailable(confirm.error)
  const problem = useFormProblem(unavailable ? null : confirm.error, fieldsIn(['password']))
  useFocusFirstProblem(form, confirm.error)
  // The form goes when the link turns out not to work: the reason takes the focus it had.
  useLayoutEffect(() => {
    if (unavailable) refusal.current?.focus()
  }, [unavailable])

  const passwordErrors = check === 'tooShort' ? [t('reset.tooShort', { min: MIN_LENGTH })] : problem.fields.password
  const repeatErrors = check === 'mismatch' ? [t('reset.mismatch')] : undefined

  function submit(event: FormEvent) {
    event.preventDefault()
    const failed: ClientCheck = password.length < MIN_LENGTH ? 'tooShort' : password !== repeat ? 'mismatch' : null
    if (failed !== null) {
      // Said at the field and focused in this event, before anything is sent.
      confirm.reset()
      flushSync(() => setCheck(failed))
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
      return
    }
    confirm.mutate(
      { token, password },
      {
        onSuccess: () => {
          // The API ended every session of the account; this browser's tokens are void too.
          endSession()
          void navigate('/login', { replace: true, state: AFTER_PASSWORD_RESET })
        },
      },
    )
  }

  if (unavailable) {
    return (
      <div className="narrow stack">
        <PageTitle>{t('reset.pageTitle')}</PageTitle>
        <h1>{t('reset.heading')}</h1>
        <div ref={refusal} role="alert" className="alert" tabIndex={-1}>
          <p>{t(`reset.unavailable.${unavailable}`)}</p>
        </div>
        <p>
          <Link className="button primary" to="/password-reset">
            {t('reset.askAgain')}
          </Link>
        </p>
      </div>
    )
  }

  return (
    <div className="narrow stack">
      <PageTitle>{t('reset.pageTitle')}</PageTitle>
      <h1>{t('reset.heading')}</h1>
      <p>{t('reset.intro')}</p>
      <form ref={form} onSubmit={submit} className="stack">
        <FormAlert problem={problem} />
        <TextField
          label={t('reset.password')}
          hint={t('reset.passwordHint')}
          type="password"
          autoComplete="new-password"
          required
          maxLength={MAX_LENGTH}
          value={password}
          onChange={(event) => {
            setPassword(event.target.value)
            setCheck(null)
          }}
          errors={passwordErrors}
        />
        <TextField
          label={t('reset.repeat')}
          type="password"
          autoComplete="new-password"
          required
          maxLength={MAX_LENGTH}
          value={repeat}
          onChange={(event) => {
            setRepeat(event.target.value)
            setCheck(null)
          }}
          errors={repeatErrors}
        />
        <button type="submit" className="primary" disabled={confirm.isPending}>
          {confirm.isPending ? t('reset.submitting') : t('reset.submit')}
        </button>
      </form>
    </div>
  )
}
