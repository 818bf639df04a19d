import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { QueryBoundary } from '../../ui/QueryStates'
import { useModerationLog } from './queries'

/** Every moderation decision on a contribution, oldest first (staff only). */
export function ModerationLog({ contributionId }: { contributionId: string }) {
  const { t } = useTranslation('moderation')
  const format = useFormat()
  const log = useModerationLog(contributionId)
  return (
    <section aria-labelledby="moderation-log-heading">
      <h2 id="moderation-log-heading">{t('log.heading')}</h2>
      <QueryBoundary query={log}>
        {(entries) =>
          entries.length === 0 ? (
            <p className="muted">{t('log.empty')}</p>
          ) : (
            <ol>
              {entries.map((entry) => (
                <li key={entry.id}>
                  {t('log.entry', {
                    date: format.dateTime(entry.created_at),
                    decision: t(`actions.${entry.decision}`),
                    from: t(`status.${entry.from_status}`, { ns: 'common' }),
                    to: t(`status.${entry.to_status}`, { ns: 'common' }),
                  })}
                  {entry.reason && <div className="muted">{t('log.reason', { reason: entry.reason })}</div>}
                </li>
              ))}
            </ol>
          )
        }
      </QueryBoundary>
    </section>
  )
}
