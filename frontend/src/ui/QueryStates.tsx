// The loading, error and empty states every page shows while it waits for or fails to get data.
import type { InfiniteQueryObserverResult, QueryObserverResult } from '@tanstack/react-query'
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

/** A `useQuery` or `useInfiniteQuery` result. */
type AnyQueryResult<TData, TError> = QueryObserverResult<TData, TError> | InfiniteQueryObserverResult<TData, TError>

/**
 * A query's data once it is there: "Loading…" until then, or its error with a retry, and then
 * `children(data)` instead. For content that makes no sense without the data (a page, a table).
 */
export function QueryBoundary<TData, TError>({
  query,
  children,
}: {
  query: AnyQueryResult<TData, TError>
  children: (data: TData) => ReactNode
}) {
  if (query.isPending) return <Loading />
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
  return children(query.data)
}

/**
 * The same two states in a section that shows its data next to them (a list keeps what it has
 * loaded while a further page fails). `showError={false}` where the section tells a particular
 * error in its own words (a 403 that means "hidden until voting closes").
 */
export function QueryStatus({
  query,
  showError = true,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => Promise<unknown> }
  showError?: boolean
}) {
  return (
    <>
      {query.isPending && <Loading />}
      {query.isError && showError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
    </>
  )
}
