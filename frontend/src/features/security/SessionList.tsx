// The devices the user is signed in on, most recently used first: what each is, since when and
// when it was last active, this one marked. Any other can be signed out at once (no question: a
// session is cheap to start again, and a stranger's is best gone fast), or all of them together.
import type { TFunction } from 'i18next'
import { useId, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ErrorAlert, QueryBoundary } from '../../ui/QueryStates'
import { describeDevice, type Device } from './device'
import { useEndOtherSessions, useEndSession, useSessions, type Session } from './queries'

function deviceName(device: Device, t: TFunction<'security'>): string {
  switch (device.kind) {
    case 'unknown':
      return t('device.unknown')
    case 'raw':
      return device.text
    case 'known':
      return device.browser !== null && device.os !== null
        ? t('device.browserOnOs', { browser: device.browser, os: device.os })
        : (device.browser ?? device.os ?? t('device.unknown'))
  }
}

export function SessionList() {
  const { t } = useTranslation('security')
  const format = useFormat()
  const sessions = useSessions()
  const end = useEndSession()
  const endOthers = useEndOtherSessions()
  const [said, setSaid] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)
  const othersHintId = useId()

  /** Says what happened, and moves focus off the button that is now gone to the list's heading. */
  function report(message: string) {
    flushSync(() => setSaid(message))
    heading.current?.focus()
  }

  function signOut(session: Session, device: string) {
    setSaid('')
    endOthers.reset()
    end.mutate(session.id, { onSuccess: () => report(t('sessions.signedOut', { device })) })
  }

  function signOutOthers() {
    setSaid('')
    end.reset()
    endOthers.mutate(undefined, {
      onSuccess: ({ signed_out }) => report(t('sessions.signedOutOthers', { count: signed_out })),
    })
  }

  const failed = end.error ?? endOthers.error
  return (
    <section aria-labelledby="sessions-heading" className="stack-sm">
      <h2 id="sessions-heading" ref={heading} tabIndex={-1} className="focus-target">
        {t('sessions.heading')}
      </h2>
      <p className="hint">{t('sessions.intro')}</p>
      <p role="status" className="status-line">
        {said}
      </p>
      {failed !== null && <ErrorAlert error={failed} />}
      <QueryBoundary query={sessions}>
        {(items) => {
          const others = items.some((session) => !session.current)
          return (
            <>
              <ul className="session-list" aria-labelledby="sessions-heading">
                {items.map((session) => {
                  const device = deviceName(describeDevice(session.user_agent), t)
                  return (
                    <li key={session.id} className={session.current ? 'session current' : 'session'}>
                      <div className="session-facts">
                        <h3>
                          {device}
                          {session.current && (
                            <>
                              {' '}
                              <span className="badge session-current">{t('sessions.current')}</span>
                            </>
                          )}
                        </h3>
                        <p className="muted">
                          {t('sessions.signedInSince', { date: format.date(session.created_at) })}
                          <br />
                          {t('sessions.lastActive', { date: format.dateTime(session.last_used_at) })}
                        </p>
                      </div>
                      {!session.current && (
                        <button
                          type="button"
                          aria-label={t('sessions.signOutDevice', { device })}
                          disabled={end.isPending && end.variables === session.id}
                          onClick={() => signOut(session, device)}
                        >
                          {t('sessions.signOut')}
                        </button>
                      )}
                    </li>
                  )
                })}
              </ul>
              {others ? (
                <div className="stack-sm">
                  <button
                    type="button"
                    className="danger"
                    aria-describedby={othersHintId}
                    disabled={endOthers.isPending}
                    onClick={signOutOthers}
                  >
                    {t('sessions.signOutOthers')}
                  </button>
                  <p id={othersHintId} className="hint">
                    {t('sessions.signOutOthersHint')}
                  </p>
                </div>
              ) : (
                <p className="muted">{t('sessions.onlyThis')}</p>
              )}
            </>
          )
        }}
      </QueryBoundary>
    </section>
  )
}
