// Comments participants reported in one campaign, the most reported first, for its moderators to
// delete (or leave: a comment stays listed while it is up).
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Schemas } from '../../api/types'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, ErrorAlert, QueryStatus } from '../../ui/QueryStates'
import { useDeleteComment } from '../comments/queries'
import { useReportedComments } from './queries'

function ReportedComment({ item }: { item: Schemas['ReportedComment'] }) {
  const { t } = useTranslation('moderation')
  const format = useFormat()
  const { comment, report_count } = item
  const remove = useDeleteComment(comment)
  const deleted = remove.isSuccess || comment.deleted_at != null
  return (
    <li className="card stack-sm">
      <p className="muted">
        {t('comments.by', { name: comment.author_display_name, date: format.dateTime(comment.created_at) })} ·{' '}
        {t('queue.reports', { count: report_count })}
      </p>
      {deleted ? (
        <p role="status">{t('comments.deleted')}</p>
      ) : (
        <p className="comment-body">{comment.body}</p>
      )}
      <div className="actions">
        <Link to={`/contributions/${comment.contribution_id}`}>{t('comments.on')}</Link>
        {!deleted && (
          <ConfirmButton
            label={t('comments.delete')}
            action={t('comments.deleteAction')}
            question={t('comments.deleteQuestion')}
            danger
            busy={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        )}
      </div>
      {remove.isError && <ErrorAlert error={remove.error} />}
    </li>
  )
}

export function ReportedComments({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('moderation')
  const reported = useReportedComments(campaignId)
  const items = reported.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <section aria-labelledby="reported-comments-heading" aria-busy={reported.isFetching}>
      <h2 id="reported-comments-heading">{t('comments.heading')}</h2>
      <QueryStatus query={reported} />
      {reported.isSuccess && items.length === 0 && (
        <EmptyState>
          <p>{t('comments.empty')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <>
          <ul className="queue">
            {items.map((item) => (
              <ReportedComment key={item.comment.id} item={item} />
            ))}
          </ul>
          <LoadMore
            hasMore={reported.hasNextPage}
            loading={reported.isFetchingNextPage}
            onLoadMore={() => void reported.fetchNextPage()}
          />
        </>
      )}
    </section>
  )
}
