// The loading, error and empty states every page shows while it waits for or fails to get data.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { describeError } from './describeError'

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation()
  return (
    <p role="status" className="muted">
      {label ?? t('state.loading')}
    </p>
  )
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation()
  return (
    <div role="alert" className="alert">
      <p>{describeError(error, t)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  )
}

/** What a list shows when it has nothing: say so, and offer the next step. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>
}
