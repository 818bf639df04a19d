// The review tab: the answers waiting for review (oldest first), each approved or rejected on its
// own or approved together after a confirmation (one request at a time, stopping at the first
// refusal), and the rejected answers, which can be overturned within 30 days. A reviewed answer
// leaves the list at once, and focus moves on to the next one.
import { useId, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { useMe } from '../auth/useMe'
import type { Campaign } from '../campaigns/queries'
import { useMyRole } from '../organizations/queries'
import { useRefusalText } from './problems'
import { useBulkApprove, useCampaignClaims, type Claim } from './queries'
import { RejectedItem, ReviewItem } from './ReviewItem'

type Shown = 'submitted' | 'rejected'

/** The list's answers without those reviewed here, and how a review moves focus to the next one. */
function useReviewedList(items: readonly Claim[]) {
  const [handled, setHandled] = useState<ReadonlySet<string>>(new Set())
  const [news, setNews] = useState('')
  const headings = useRef(new Map<string, HTMLHeadingElement>())
  const status = useRef<HTMLParagraphElement>(null)
  const shown = items.filter((claim) => !handled.has(claim.id))

  function reviewed(ids: readonly string[], message: string) {
    const index = shown.findIndex((claim) => ids.includes(claim.id))
    const rest = shown.filter((claim) => !ids.includes(claim.id))
    const next = rest[Math.min(Math.max(index, 0), rest.length - 1)]
    flushSync(() => {
      setHandled((current) => new Set([...current, ...ids]))
      setNews(message)
    })
    ;((next && headings.current.get(next.id)) ?? status.current)?.focus()
  }

  const headingRef = (id: string) => (heading: HTMLHeadingElement | null) => {
    if (heading) headings.current.set(id, heading)
    else headings.current.delete(id)
  }

  const statusLine = (
    <p ref={status} role="status" tabIndex={-1} className="status-line focus-target">
      {news}
    </p>
  )
  return { shown, reviewed, headingRef, statusLine }
}

function BulkApprove({ campaignId, claims, onApproved }: { campaignId: string; claims: Claim[]; onApproved: (ids: string[], news: string) => void }) {
  const { t } = useTranslation('microtasks')
  const bulk = useBulkApprove(campaignId)
  const refusal = useRefusalText()
  const [asking, setAsking] = useState<Claim[] | null>(null)
  const [total, setTotal] = useState(0)
  const [done, setDone] = useState(0)
  const [stopped, setStopped] = useState('')
  const doneSoFar = useRef(0)
  const yes = useRef<HTMLButtonElement>(null)
  const opener = useRef<HTMLButtonElement>(null)
  const questionId = useId()

  function ask() {
    setStopped('')
    // What is approved is what was asked about, even if the selection changes meanwhile.
    flushSync(() => setAsking(claims))
    yes.current?.focus()
  }

  function close() {
    flushSync(() => setAsking(null))
    opener.current?.focus()
  }

  function run() {
    if (asking === null) return
    const batch = asking
    setAsking(null)
    setTotal(batch.length)
    setDone(0)
    doneSoFar.current = 0
    bulk.mutate(
      {
        claims: batch,
        onDone: (count) => {
          doneSoFar.current = count
          setDone(count)
        },
      },
      {
        onSuccess: (count) => onApproved(batch.map((claim) => claim.id), t('review.bulkDone', { count })),
        onError: (error) => {
          const approved = batch.slice(0, doneSoFar.current).map((claim) => claim.id)
          const text = t('review.bulkStopped', { done: doneSoFar.current, total: batch.length, message: refusal(error) })
          setStopped(text)
          if (approved.length > 0) onApproved(approved, '')
        },
      },
    )
  }

  return (
    <div className="bulk stack-sm">
      {asking ? (
        <div
          role="alertdialog"
          aria-modal="false"
          aria-labelledby={questionId}
          className="confirm-box stack-sm"
          onKeyDown={(event) => {
            if (event.key === 'Escape') close()
          }}
        >
          <p id={questionId}>{t('review.bulkQuestion', { count: asking.length })}</p>
          <div className="actions">
            <button ref={yes} type="button" className="primary" onClick={run}>
              {t('review.bulkYes', { count: asking.length })}
            </button>
            <button type="button" onClick={close}>
              {t('review.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button ref={opener} type="button" disabled={claims.length === 0 || bulk.isPending} onClick={ask}>
          {t('review.bulkApprove', { count: claims.length })}
        </button>
      )}
      {bulk.isPending && (
        <div className="upload-progress">
          <progress max={total} value={done} aria-label={t('review.bulkProgress', { done, total })} />
          <span>{t('review.bulkProgress', { done: Math.min(done + 1, total), total })}</span>
        </div>
      )}
      {stopped && (
        <div role="alert" className="alert">
          <p>{stopped}</p>
        </div>
      )}
    </div>
  )
}

function Queue({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('microtasks')
  const claims = useCampaignClaims(campaign.id, 'submitted')
  const { role } = useMyRole(campaign.organization)
  const me = useMe()
  const items = claims.data?.pages.flatMap((page) => page.items) ?? []
  const list = useReviewedList(items)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const selectAllId = useId()
  const selectable = list.shown.filter((claim) => claim.worker_id !== me.data?.id)
  const chosen = selectable.filter((claim) => selected.has(claim.id))
  const allChosen = selectable.length > 0 && chosen.length === selectable.length

  function select(id: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  }

  function reviewed(ids: readonly string[], news: string) {
    setSelected((current) => new Set([...current].filter((id) => !ids.includes(id))))
    list.reviewed(ids, news)
  }

  return (
    <div className="stack-sm">
      {list.statusLine}
      <QueryBoundary query={claims}>
        {() =>
          list.shown.length === 0 ? (
            <EmptyState>
              <p>{t('review.emptyQueue')}</p>
            </EmptyState>
          ) : (
            <>
              <div className="review-tools">
                {selectable.length > 0 && (
                  <div className="field checkbox">
                    <input
                      id={selectAllId}
                      type="checkbox"
                      checked={allChosen}
                      onChange={(event) => setSelected(event.target.checked ? new Set(selectable.map((claim) => claim.id)) : new Set())}
                    />
                    <label htmlFor={selectAllId}>{t('review.selectAll')}</label>
                  </div>
                )}
                <BulkApprove campaignId={campaign.id} claims={chosen} onApproved={reviewed} />
              </div>
              <ul className="review-list">
                {list.shown.map((claim) => (
                  <li key={claim.id}>
                    <ReviewItem
                      campaignId={campaign.id}
                      claim={claim}
                      owner={role === 'owner'}
                      own={claim.worker_id === me.data?.id}
                      selected={selected.has(claim.id)}
                      onSelect={(on) => select(claim.id, on)}
                      onReviewed={(news) => reviewed([claim.id], news)}
                      headingRef={list.headingRef(claim.id)}
                    />
                  </li>
                ))}
              </ul>
              {claims.hasNextPage && (
                <LoadMore hasMore auto={false} loading={claims.isFetchingNextPage} onLoadMore={() => void claims.fetchNextPage()} />
              )}
            </>
          )
        }
      </QueryBoundary>
    </div>
  )
}

function Rejected({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('microtasks')
  const claims = useCampaignClaims(campaign.id, 'rejected')
  const list = useReviewedList(claims.data?.pages.flatMap((page) => page.items) ?? [])
  return (
    <div className="stack-sm">
      {list.statusLine}
      <QueryBoundary query={claims}>
        {() =>
          list.shown.length === 0 ? (
            <EmptyState>
              <p>{t('review.emptyRejected')}</p>
            </EmptyState>
          ) : (
            <>
              <ul className="review-list">
                {list.shown.map((claim) => (
                  <li key={claim.id}>
                    <RejectedItem
                      campaignId={campaign.id}
                      claim={claim}
                      onReviewed={(news) => list.reviewed([claim.id], news)}
                      headingRef={list.headingRef(claim.id)}
                    />
                  </li>
                ))}
              </ul>
              {claims.hasNextPage && (
                <LoadMore hasMore auto={false} loading={claims.isFetchingNextPage} onLoadMore={() => void claims.fetchNextPage()} />
              )}
            </>
          )
        }
      </QueryBoundary>
    </div>
  )
}

export function ReviewTab({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('microtasks')
  const [shown, setShown] = useState<Shown>('submitted')
  return (
    <div className="stack">
      <div className="actions segmented" role="group" aria-label={t('review.show')}>
        <button type="button" aria-pressed={shown === 'submitted'} onClick={() => setShown('submitted')}>
          {t('review.queue')}
        </button>
        <button type="button" aria-pressed={shown === 'rejected'} onClick={() => setShown('rejected')}>
          {t('review.rejected')}
        </button>
      </div>
      {shown === 'submitted' ? <Queue campaign={campaign} /> : <Rejected campaign={campaign} />}
    </div>
  )
}
