// A small notice for someone whose address is not confirmed yet: the way to a new link (the one
// mailed at sign-up may be lost or expired). Nothing on Schwarm waits for the confirmation, so it
// stays on the profile, and "Hide" puts it away for the rest of the visit (this browser tab).
import { useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Schemas } from '../../api/types'
import { ErrorAlert } from '../../ui/QueryStates'
import { isConfirmedAlready, useResendVerification } from '../auth/accountLinks'

const DISMISSED_KEY = 'schwarm.emailNoticeHidden'

/** Whether this user hid the notice in this tab (sessionStorage: it comes back on the next visit). */
function hiddenFor(userId: string): boolean {
  try {
    return sessionStorage.getItem(DISMISSED_KEY) === userId
  } catch {
    return false
  }
}

function hideFor(userId: string) {
  try {
    sessionStorage.setItem(DISMISSED_KEY, userId)
  } catch {
    // Without storage it stays hidden while the page is open: still what was asked.
  }
}

export function EmailVerificationNotice({ account }: { account: Schemas['MeResponse'] }) {
  const { t } = useTranslation('profile')
  const resend = useResendVerification()
  const [hidden, setHidden] = useState(() => hiddenFor(account.id))
  const outcome = useRef<HTMLParagraphElement>(null)
  // A 409: the address was confirmed meanwhile (another tab, another device). Say so once.
  const confirmedMeanwhile = isConfirmedAlready(resend.error)
  const answered = resend.isSuccess || confirmedMeanwhile

  // The button that had the focus makes way for the answer: the answer takes the focus.
  useLayoutEffect(() => {
    if (answered) outcome.current?.focus()
  }, [answered])

  if (hidden || (account.email_verified && !confirmedMeanwhile)) return null

  function hide() {
    hideFor(account.id)
    setHidden(true)
  }

  return (
    <section className="notice stack-sm" aria-label={t('verifyNotice.label')}>
      {answered ? (
        <p ref={outcome} role="status" tabIndex={-1}>
          {confirmedMeanwhile ? t('verifyNotice.confirmed') : t('verifyNotice.sent', { email: account.email })}
        </p>
      ) : (
        <p>{t('verifyNotice.text', { email: account.email })}</p>
      )}
      {resend.isError && !confirmedMeanwhile && <ErrorAlert error={resend.error} />}
      <div className="actions">
        {!answered && (
          <button type="button" disabled={resend.isPending} onClick={() => resend.mutate()}>
            {resend.isPending ? t('verifyNotice.resending') : t('verifyNotice.resend')}
          </button>
        )}
        <button type="button" className="link-button" onClick={hide}>
          {t('verifyNotice.dismiss')}
        </button>
      </div>
    </section>
  )
}
