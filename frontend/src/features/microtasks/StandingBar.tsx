// Where I stand in the campaign as a worker: answers approved and waiting, points, and my accuracy
// on gold tasks (once I answered one). Shown above the runner; it follows my answers.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import type { WorkerStatus } from './queries'

export function StandingBar({ you }: { you: WorkerStatus }) {
  const { t } = useTranslation('microtasks')
  const format = useFormat()
  const accuracy =
    you.gold_accuracy_percent === null || you.gold_accuracy_percent === undefined
      ? t('standing.accuracyNone')
      : t('standing.accuracyValue', { percent: format.percent(you.gold_accuracy_percent / 100), count: you.gold_answered })
  return (
    <section aria-labelledby="standing-heading" className="standing">
      <h2 id="standing-heading" className="visually-hidden">
        {t('standing.heading')}
      </h2>
      <dl className="stats">
        <div>
          <dt>{t('standing.approved')}</dt>
          <dd>{format.number(you.approved)}</dd>
        </div>
        <div>
          <dt>{t('standing.pending')}</dt>
          <dd>{format.number(you.pending)}</dd>
        </div>
        <div>
          <dt>{t('standing.points')}</dt>
          <dd>{format.number(you.points)}</dd>
        </div>
        <div>
          <dt>{t('standing.accuracy')}</dt>
          <dd>{accuracy}</dd>
        </div>
      </dl>
    </section>
  )
}
