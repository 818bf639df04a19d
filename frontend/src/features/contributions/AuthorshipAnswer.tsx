// Shown to a co-author who has not answered yet: accept or decline the share.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { ErrorAlert } from '../../ui/QueryStates'
import { useAnswerAuthorship, type Contribution } from './queries'

export function AuthorshipAnswer({ contribution, userId }: { contribution: Contribution; userId: string }) {
  const { t } = useTranslation('contributions')
  const format = useFormat()
  const answer = useAnswerAuthorship(contribution.id)
  const me = contribution.authors.find((author) => author.user_id === userId)
  if (answer.isSuccess) {
    return <p role="status">{answer.variables ? t('authorship.accepted') : t('authorship.declined')}</p>
  }
  if (!me || me.accepted || userId === contribution.submitter_id) return null
  return (
    <section aria-labelledby="authorship-heading" className="notice">
      <h2 id="authorship-heading">{t('authorship.heading')}</h2>
      <p>{t('authorship.explanation', { share: format.share(me.share_bp) })}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={answer.isPending} onClick={() => answer.mutate(true)}>
          {t('authorship.accept')}
        </button>
        <button type="button" disabled={answer.isPending} onClick={() => answer.mutate(false)}>
          {t('authorship.decline')}
        </button>
      </div>
      {answer.isError && <ErrorAlert error={answer.error} />}
    </section>
  )
}
