// The end of an infinitely scrolling list: it loads the next page when it scrolls into view, and
// is a button too, for keyboards, screen readers and browsers without IntersectionObserver.
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

interface LoadMoreProps {
  hasMore: boolean
  loading: boolean
  onLoadMore: () => void
}

export function LoadMore({ hasMore, loading, onLoadMore }: LoadMoreProps) {
  const { t } = useTranslation()
  const sentinel = useRef<HTMLDivElement>(null)
  // The observer is set up once per state; it calls the latest callback through this ref.
  const load = useRef(onLoadMore)
  useEffect(() => {
    load.current = onLoadMore
  })

  useEffect(() => {
    const element = sentinel.current
    if (!hasMore || loading || element === null || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) load.current()
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [hasMore, loading])

  if (!hasMore) return <p className="muted list-end">{t('state.end')}</p>
  return (
    <div ref={sentinel} className="load-more">
      <button type="button" onClick={onLoadMore} disabled={loading}>
        {loading ? t('state.loadingMore') : t('state.loadMore')}
      </button>
    </div>
  )
}
