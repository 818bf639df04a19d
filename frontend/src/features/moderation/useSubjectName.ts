import { useTranslation } from 'react-i18next'
import type { Subject } from './subjects'

/** How the desk names a subject in headings and messages: “Wave bottle”, “Comment by Bea”. */
export function useSubjectName(): (subject: Pick<Subject, 'targetType' | 'contribution' | 'comment'>) => string {
  const { t } = useTranslation('moderation')
  return (subject) => {
    if (subject.targetType === 'comment') {
      return subject.comment ? t('subject.comment', { name: subject.comment.author_display_name }) : t('subject.kind_comment')
    }
    return subject.contribution ? t('subject.entry', { title: subject.contribution.title }) : t('subject.gone')
  }
}
