// `/unsubscribe?token=...`: where an email's unsubscribe link leads. Public (the signed token
// names the person and the category): it switches that mail off at once and says what it did.
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { ApiError } from '../../api/errors'
import { PageTitle } from '../../ui/PageTitle'
import { ErrorAlert, Loading } from '../../ui/QueryStates'
import { categoryKeys } from './categories'
import { SETTINGS_ANCHOR } from './NotificationSettingsSection'
import { useUnsubscribe } from './queries'

/** The API's answers for a token it does not accept (forged, cut short, or its account gone). */
const isInvalidLink = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 422)

export function UnsubscribePage() {
  const { t } = useTranslation('notifications')
  const [params] = useSearchParams()
  const token = params.get('token')?.trim() ?? ''
  const unsubscribe = useUnsubscribe()
  const { mutate } = unsubscribe
  // Once per page, also when React runs the effect twice (development's strict mode).
  const sent = useRef(false)

  useEffect(() => {
    if (token === '' || sent.current) return
    sent.current = true
    mutate(token)
  }, [token, mutate])

  const settingsLink = (
    <p>
      <Link to={`/me#${SETTINGS_ANCHOR}`}>{t('unsubscribe.settingsLink')}</Link>
    </p>
  )

  let body
  if (token === '' || isInvalidLink(unsubscribe.error)) {
    body = (
      <div role="alert" className="notice stack-sm">
        <p>{t('unsubscribe.invalid')}</p>
        <p>{t('unsubscribe.invalidHint')}</p>
      </div>
    )
  } else if (unsubscribe.isError) {
    body = <ErrorAlert error={unsubscribe.error} onRetry={() => mutate(token)} />
  } else if (unsubscribe.isSuccess) {
    const category = unsubscribe.data.category
    body = (
      <div role="status" className="notice stack-sm">
        <p>
          {category
            ? t('unsubscribe.doneCategory', { category: t(categoryKeys(category).label) })
            : t('unsubscribe.doneAll')}
        </p>
        <p>{t('unsubscribe.inboxStays')}</p>
      </div>
    )
  } else {
    body = <Loading label={t('unsubscribe.working')} />
  }

  return (
    <div className="narrow stack">
      <PageTitle>{t('unsubscribe.pageTitle')}</PageTitle>
      <h1>{t('unsubscribe.heading')}</h1>
      {body}
      {settingsLink}
    </div>
  )
}
