// One comment: who wrote it and when, its words (plain text, never HTML) or the note that it was
// deleted, and what the viewer may do with it.
import { useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ReportForm } from '../../forms/ReportForm'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { ErrorAlert } from '../../ui/QueryStates'
import { useDeleteComment, useReportComment, type Comment } from './queries'

export interface Viewer {
  /** The signed-in user's id, if any. */
  userId: string | undefined
  /** Moderates the campaign's organization: may delete anyone's comment. */
  moderates: boolean
  /** New comments and replies are accepted. */
  canComment: boolean
}

interface Props {
  comment: Comment
  viewer: Viewer
  /** Offered on top-level comments only: replies are one level deep. */
  onReply?: () => void
}

/** Each person reports a comment once; a second report (409) reads as a confirmation to them. */
function ReportComment({ comment }: { comment: Comment }) {
  const { t } = useTranslation('comments')
  const report = useReportComment(comment.id)
  return (
    <ReportForm
      report={report}
      heading={t('report.heading')}
      headingId={`report-${comment.id}`}
      headingLevel={3}
      openLabel={t('actions.reportComment', { name: comment.author_display_name })}
      alreadyReported={t('report.already')}
      compact
    />
  )
}

export function CommentItem({ comment, viewer, onReply }: Props) {
  const { t } = useTranslation('comments')
  const format = useFormat()
  const remove = useDeleteComment(comment)
  const deleted = comment.deleted_at != null || comment.body == null
  const isAuthor = viewer.userId === comment.author_id
  const gap = useRef<HTMLElement>(null)

  // The delete button is gone with the words: keep keyboard focus where the comment was.
  useLayoutEffect(() => {
    if (remove.isSuccess) gap.current?.focus()
  }, [remove.isSuccess])

  if (deleted) {
    return (
      <article ref={gap} tabIndex={-1} className="comment deleted" aria-label={t('deleted')}>
        <p className="comment-body muted">{t('deleted')}</p>
        {remove.isSuccess && (
          <p role="status" className="visually-hidden">
            {t('actions.deleted')}
          </p>
        )}
      </article>
    )
  }
  return (
    <article className="comment" aria-label={comment.author_display_name}>
      <p className="muted">
        <strong>{comment.author_display_name}</strong> ·{' '}
        <time dateTime={comment.created_at}>{format.dateTime(comment.created_at)}</time>
      </p>
      <p className="comment-body">{comment.body}</p>
      <div className="actions">
        {onReply && viewer.canComment && viewer.userId && (
          <button type="button" aria-label={t('actions.replyTo', { name: comment.author_display_name })} onClick={onReply}>
            {t('actions.reply')}
          </button>
        )}
        {(isAuthor || viewer.moderates) && (
          <ConfirmButton
            label={t('actions.delete')}
            action={t('actions.deleteAction')}
            question={t('actions.deleteQuestion')}
            danger
            busy={remove.isPending}
            onConfirm={() => remove.mutate()}
          />
        )}
        {viewer.userId && !isAuthor && <ReportComment comment={comment} />}
      </div>
      {remove.isError && <ErrorAlert error={remove.error} />}
    </article>
  )
}
