// The end of an infinitely scrolling list: it loads the next page when it scrolls into view, and
// is a button too, for keyboards, screen readers and browsers without IntersectionObserver.
// A list in the middle of a page turns the scrolling off (`auto={false}`): the reader scrolling
// past it to what follows should not make it grow.
import { useEffect, useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

interface LoadMoreProps {
  hasMore: boolean
  loading: boolean
  onLoadMore: () => void
  /** Load when the end scrolls into view (default); otherwise only on the button. */
  auto?: boolean
  /** The button's text, if not "Load more". */
  label?: string
}

export function LoadMore({ hasMore, loading, onLoadMore, auto = true, label }: LoadMoreProps) {
  const { t } = useTranslation()
  const sentinel = useRef<HTMLDivElement>(null)
  // The observer is set up once per state; it calls the latest callback through this ref.
  const load = useRef(onLoadMore)
  useLayoutEffect(() => {
    load.current = onLoadMore
  })

  useEffect(() => {
    const element = sentinel.current
    if (!auto || !hasMore || loading || element === null || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) load.current()
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [auto, hasMore, loading])

  if (!hasMore) return <p className="muted list-end">{t('state.end')}</p>
  return (
    <div ref={sentinel} className="load-more">
      <button type="button" onClick={onLoadMore} disabled={loading}>
        {loading ? t('state.loadingMore') : (label ?? t('state.loadMore'))}
      </button>
    </div>
  )
}
