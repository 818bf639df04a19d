// What the desk shows of a reported subject: its name, an inline preview (the entry's first image,
// title and the start of its text; or the comment's words and the entry it is on) and its reports.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { MarkdownText } from '../../ui/Markdown'
import type { DeskReport } from './queries'
import type { Subject } from './subjects'
import { useSubjectName } from './useSubjectName'
import { srcSetOf } from '../media/srcSet'

type Named = Pick<Subject, 'targetType' | 'contribution' | 'comment'>

/** The subject's heading: the entry's title as a link to it, or "Comment by …". */
export function SubjectTitle({ subject }: { subject: Named }) {
  const name = useSubjectName()
  const entry = subject.contribution
  if (subject.targetType === 'contribution' && entry) return <Link to={`/contributions/${entry.id}`}>{entry.title}</Link>
  return <>{name(subject)}</>
}

/** The kind of subject and its status, beside the heading: "Entry · Published". */
export function SubjectFacts({ subject, children }: { subject: Named; children?: ReactNode }) {
  const { t } = useTranslation('moderation')
  const format = useFormat()
  const entry = subject.contribution
  return (
    <p className="desk-facts">
      <span className="badge">{t(`subject.kind_${subject.targetType}`)}</span>
      {subject.targetType === 'contribution' && entry && (
        <span className="badge">{t(`status.${entry.status}`, { ns: 'common' })}</span>
      )}
      {subject.targetType === 'comment' && subject.comment && (
        <span className="muted">{format.dateTime(subject.comment.created_at)}</span>
      )}
      {children}
    </p>
  )
}

/** The inline preview: enough to judge the reports without leaving the desk. */
export function SubjectPreview({ subject }: { subject: Named }) {
  const { t } = useTranslation('moderation')
  const entry = subject.contribution
  if (subject.targetType === 'comment') {
    const comment = subject.comment
    return (
      <div className="desk-preview stack-sm">
        {comment && comment.deleted_at == null && comment.body != null ? (
          <blockquote className="desk-comment comment-body">{comment.body}</blockquote>
        ) : (
          <p className="muted">{t('subject.commentDeleted')}</p>
        )}
        {entry && (
          <p>
            {t('subject.commentOn')}: <Link to={`/contributions/${entry.id}`}>{entry.title}</Link>
          </p>
        )}
      </div>
    )
  }
  if (!entry) return <p className="muted">{t('subject.entryGone')}</p>
  const cover = entry.media.at(0)
  return (
    <div className={cover ? 'desk-preview with-thumb' : 'desk-preview'}>
      {cover && (
        <img
          className="desk-thumb"
          src={cover.url}
          srcSet={srcSetOf(cover)}
          sizes="160px"
          alt={entry.title}
          loading="lazy"
          width={cover.width}
          height={cover.height}
        />
      )}
      {entry.body ? <MarkdownText className="excerpt" source={entry.body} /> : null}
    </div>
  )
}

/** A subject's reports: the kind of problem, the reporter's words, who and when. */
export function ReportList({ reports, label }: { reports: readonly DeskReport[]; label: string }) {
  const { t } = useTranslation('moderation')
  const format = useFormat()
  return (
    <ul className="desk-reports" aria-label={label}>
      {reports.map((report) => (
        <li key={report.id}>
          <p className="desk-report-head">
            <span className="badge category">{t(`report.categories.${report.category}`, { ns: 'common' })}</span>{' '}
            <span className="muted">
              {t('desk.reportBy', { name: report.reporter_display_name, date: format.dateTime(report.created_at) })}
            </span>
          </p>
          <p className="report-reason">{report.reason}</p>
        </li>
      ))}
    </ul>
  )
}
