// `/verify-email/:token`, where the confirmation link mailed at sign-up leads (public; the token is
// the credential, so it works signed out and on another device). It confirms at once, with one
// request: a second one, as React's strict mode would send from a repeated effect, would find the
// link used. Signed in, the account is asked for again, so the profile's notice goes. A link that
// no longer works says why, and how to get a new one.
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { registerLazyStrings } from '../../../i18n'
import { PageTitle } from '../../../ui/PageTitle'
import { ErrorAlert, Loading } from '../../../ui/QueryStates'
import { isConfirmedAlready, linkUnavailable, useResendVerification, useVerifyEmail } from '../accountLinks'
import { useMe } from '../useMe'
import { useSignedIn } from '../useSession'
import * as strings from './strings'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('recovery', strings)

/** For someone signed in whose link failed: confirmed already, or a new link on request. */
function NewLink() {
  const { t } = useTranslation('recovery')
  const me = useMe()
  const resend = useResendVerification()
  if (me.data === undefined) return null
  if (me.data.email_verified || isConfirmedAlready(resend.error)) return <p>{t('verify.confirmedAlready')}</p>
  if (resend.isSuccess) {
    return (
      <p role="status" className="notice">
        {t('verify.resent', { email: me.data.email })}
      </p>
    )
  }
  return (
    <>
      <p>
        <button type="button" className="primary" disabled={resend.isPending} onClick={() => resend.mutate()}>
          {resend.isPending ? t('verify.resending') : t('verify.resend')}
        </button>
      </p>
      {resend.isError && <ErrorAlert error={resend.error} />}
    </>
  )
}

export function VerifyEmailPage() {
  const { token = '' } = useParams()
  const { t } = useTranslation('recovery')
  const signedIn = useSignedIn()
  const verify = useVerifyEmail()
  const { mutate } = verify
  // Once per page, also when React runs the effect twice (development's strict mode).
  const sent = useRef(false)

  useEffect(() => {
    if (sent.current) return
    sent.current = true
    mutate(token)
  }, [token, mutate])

  const unavailable = linkUnavailable(verify.error)
  let body
  if (verify.isSuccess) {
    body = (
      <>
        <div role="status" className="notice">
          <p>{t('verify.done')}</p>
        </div>
        <p>
          {signedIn ? <Link to="/me">{t('verify.toProfile')}</Link> : <Link to="/login?next=%2Fme">{t('verify.signIn')}</Link>}
        </p>
      </>
    )
  } else if (unavailable) {
    body = (
      <>
        <div role="alert" className="alert">
          <p>{t(`verify.unavailable.${unavailable}`)}</p>
        </div>
        {signedIn ? (
          <NewLink />
        ) : (
          <p>
            <Link to="/login?next=%2Fme">{t('verify.signInToResend')}</Link>
          </p>
        )}
      </>
    )
  } else if (verify.isError) {
    body = <ErrorAlert error={verify.error} onRetry={() => mutate(token)} />
  } else {
    body = <Loading label={t('verify.working')} />
  }

  return (
    <div className="narrow stack">
      <PageTitle>{t('verify.pageTitle')}</PageTitle>
      <h1>{t('verify.heading')}</h1>
      {body}
    </div>
  )
}
