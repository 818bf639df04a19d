// The conversation under a contribution: top-level comments oldest first, each with its replies
// (one level deep), paged in thread order.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'react-router'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryStatus } from '../../ui/QueryStates'
import { CommentForm } from './CommentForm'
import { CommentItem, type Viewer } from './CommentItem'
import { threadsOf, useComments } from './queries'

interface Props {
  contributionId: string
  viewer: Viewer
  /** Why nobody can comment, when nobody can (not published yet, campaign ended). */
  closedReason: string | null
}

export function CommentThread({ contributionId, viewer, closedReason }: Props) {
  const { t } = useTranslation('comments')
  const location = useLocation()
  const comments = useComments(contributionId)
  const [replyingTo, setReplyingTo] = useState<string | null>(null)
  const items = comments.data?.pages.flatMap((page) => page.items) ?? []
  const threads = threadsOf(items)
  const next = encodeURIComponent(location.pathname)

  return (
    <section aria-labelledby="comments-heading" aria-busy={comments.isFetching} className="stack">
      <h2 id="comments-heading">{t('heading')}</h2>
      <QueryStatus query={comments} />
      {comments.isSuccess && items.length === 0 && (
        <EmptyState>
          <p>{viewer.canComment ? t('emptyInvite') : t('empty')}</p>
        </EmptyState>
      )}
      {threads.length > 0 && (
        <>
          <ol className="comments">
            {threads.map(({ comment, replies }) => (
              <li key={comment.id}>
                <CommentItem
                  comment={comment}
                  viewer={viewer}
                  onReply={comment.parent_id == null && comment.deleted_at == null ? () => setReplyingTo(comment.id) : undefined}
                />
                {(replies.length > 0 || replyingTo === comment.id) && (
                  <ol className="replies" aria-label={t('repliesLabel', { name: comment.author_display_name })}>
                    {replies.map((reply) => (
                      <li key={reply.id}>
                        <CommentItem comment={reply} viewer={viewer} />
                      </li>
                    ))}
                    {replyingTo === comment.id && (
                      <li>
                        <CommentForm contributionId={contributionId} replyTo={comment} onDone={() => setReplyingTo(null)} />
                      </li>
                    )}
                  </ol>
                )}
              </li>
            ))}
          </ol>
          <LoadMore
            hasMore={comments.hasNextPage}
            loading={comments.isFetchingNextPage}
            onLoadMore={() => void comments.fetchNextPage()}
          />
        </>
      )}
      {closedReason ? (
        <p className="muted">{closedReason}</p>
      ) : viewer.userId ? (
        <CommentForm contributionId={contributionId} />
      ) : (
        <p>
          <Link to={`/login?next=${next}`}>{t('signIn')}</Link>
        </p>
      )}
    </section>
  )
}
