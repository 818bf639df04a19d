import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/errors'
import { PageTitle } from '../../ui/PageTitle'
import { useHealth } from './useHealth'

function ApiStatus() {
  const { t } = useTranslation('status')
  const health = useHealth()

  if (health.isPending) return <p role="status">{t('loading')}</p>
  if (health.isError) {
    const { error } = health
    let message = t('unreachable')
    if (error instanceof ApiError) {
      const { problem, status } = error
      if (!problem) message = t('httpError', { status })
      else if (problem.detail) message = t('problem', { title: problem.title, detail: problem.detail, status })
      else message = t('problemNoDetail', { title: problem.title, status })
    }
    return (
      <div role="alert" className="alert">
        <p>{message}</p>
        <button type="button" onClick={() => void health.refetch()} disabled={health.isFetching}>
          {t('retry')}
        </button>
      </div>
    )
  }
  return <p role="status">{t('healthy', { status: health.data.status, version: health.data.version })}</p>
}

/** Whether the API is up, and which version answers: for support and operators. */
export function StatusPage() {
  const { t } = useTranslation('status')
  return (
    <>
      <PageTitle>{t('pageTitle')}</PageTitle>
      <h1>{t('heading')}</h1>
      <ApiStatus />
    </>
  )
}
