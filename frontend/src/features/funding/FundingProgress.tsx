// A funding campaign's progress, honestly: the bar shows collected money (solid) over pledged
// money (light) against the goal, with the goal and each stretch goal marked; beside it every
// figure the API reports (pledged, collected, backers, days left, dropped, refunded), the model's
// rule in plain words, the window, and the outcome once the settlement has decided it.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { useNow } from '../../ui/useNow'
import { barScale, windowState, type WindowState } from './model'
import type { Funding } from './queries'

/** How often the sentence about the window is judged again while the page stays open. */
const WINDOW_CLOCK_MS = 60_000

function Bar({ funding }: { funding: Funding }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const scale = barScale(funding)
  const percent = (value: number) => format.percent(value / 100)
  return (
    <div className="funding-bar-wrap">
      {/* The bar's parts are presentational: the progressbar says it all in its value text. */}
      <div
        role="progressbar"
        className="funding-bar"
        aria-label={t('progress.barLabel')}
        aria-valuemin={0}
        aria-valuemax={Math.max(100, funding.percent_pledged)}
        aria-valuenow={funding.percent_pledged}
        aria-valuetext={t('progress.barValue', {
          pledgedPercent: percent(funding.percent_pledged),
          collectedPercent: percent(funding.percent_collected),
        })}
      >
        <span className="funding-bar-pledged" style={{ width: `${scale.pledged}%` }} />
        <span className="funding-bar-collected" style={{ width: `${scale.collected}%` }} />
        <span className="funding-mark goal" style={{ left: `${scale.goal.at}%` }} />
        {scale.stretch.map((mark) => (
          <span key={mark.key} className="funding-mark stretch" style={{ left: `${mark.at}%` }} />
        ))}
      </div>
      <ul className="funding-legend" aria-hidden="true">
        <li>
          <span className="swatch collected" /> {t('progress.legendCollected')}
        </li>
        <li>
          <span className="swatch pledged" /> {t('progress.legendPledged')}
        </li>
        <li>
          <span className="swatch goal" /> {t('progress.goalMark', { amount: format.money(funding.goal_minor, funding.currency) })}
        </li>
      </ul>
    </div>
  )
}

function useDaysLeft(funding: Funding, pledging: WindowState): string {
  const { t } = useTranslation('funding')
  const format = useFormat()
  switch (pledging) {
    case 'open':
      if (funding.days_left === null || funding.days_left === undefined) return '–'
      return funding.days_left === 0 ? t('progress.lastDay') : format.number(funding.days_left)
    case 'upcoming':
      return t('progress.notStarted')
    case 'closed':
      return t('progress.ended')
    case 'off':
      return '–'
  }
}

function Figures({ funding, pledging }: { funding: Funding; pledging: WindowState }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const money = (minor: number) => format.money(minor, funding.currency)
  const { totals } = funding
  const backerGoal = funding.model === 'backer_threshold' ? funding.backer_goal : null
  const daysLeft = useDaysLeft(funding, pledging)
  return (
    <dl className="stats funding-figures">
      <div>
        <dt>{t('progress.pledged')}</dt>
        <dd>{money(totals.pledged_minor)}</dd>
        <dd className="hint">{t('progress.ofGoal', { percent: format.percent(funding.percent_pledged / 100) })}</dd>
      </div>
      <div>
        <dt>{t('progress.collected')}</dt>
        <dd>{money(totals.collected_minor)}</dd>
        <dd className="hint">{t('progress.ofGoal', { percent: format.percent(funding.percent_collected / 100) })}</dd>
      </div>
      <div>
        <dt>{t('progress.backers')}</dt>
        <dd>{format.number(totals.backers)}</dd>
        <dd className="hint">
          {backerGoal
            ? t('progress.backersOfGoal', { paid: format.number(totals.collected_backers), goal: format.number(backerGoal) })
            : t('progress.backersPaid', { count: totals.collected_backers, formatted: format.number(totals.collected_backers) })}
        </dd>
      </div>
      <div>
        <dt>{t('progress.daysLeft')}</dt>
        <dd>{daysLeft}</dd>
      </div>
      <div>
        <dt>{t('progress.dropped')}</dt>
        <dd>{money(totals.dropped_minor)}</dd>
      </div>
      <div>
        <dt>{t('progress.refunded')}</dt>
        <dd>{money(totals.refunded_minor)}</dd>
      </div>
    </dl>
  )
}

/** When pledges are taken: `open` is the server's word; the other states only shape the sentence. */
function Window({ funding, pledging }: { funding: Funding; pledging: WindowState }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  switch (pledging) {
    case 'open':
      return <p>{funding.deadline ? t('progress.open', { date: format.dateTime(funding.deadline) }) : t('progress.openNoDeadline')}</p>
    case 'upcoming':
      return <p>{funding.opens_at && t('progress.opens', { date: format.dateTime(funding.opens_at) })}</p>
    case 'closed':
      return <p>{funding.deadline && t('progress.closed', { date: format.dateTime(funding.deadline) })}</p>
    case 'off':
      return <p>{t('progress.notOpen')}</p>
  }
}

function Outcome({ funding }: { funding: Funding }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  if (!funding.outcome) return null
  const date = funding.decided_at ? format.date(funding.decided_at) : ''
  const key = { funded: 'progress.outcomeFunded', failed: 'progress.outcomeFailed', cancelled: 'progress.outcomeCancelled' } as const
  return (
    <p className={`notice funding-outcome outcome-${funding.outcome}`}>
      <strong>{t(key[funding.outcome], { date })}</strong>
    </p>
  )
}

function StretchGoals({ funding }: { funding: Funding }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  if (funding.stretch_goals.length === 0) return null
  return (
    <div className="stack-sm">
      <h3 id="stretch-heading">{t('progress.stretchHeading')}</h3>
      <ul aria-labelledby="stretch-heading" className="stretch-goals">
        {funding.stretch_goals.map((goal) => {
          const reached = funding.totals.pledged_minor >= goal.amount_minor
          return (
            <li key={`${goal.amount_minor}-${goal.title}`} className={reached ? 'reached' : undefined}>
              {t('progress.stretchItem', { amount: format.money(goal.amount_minor, funding.currency), title: goal.title })}
              {reached && <span className="badge">{t('progress.reached')}</span>}
            </li>
          )
        })}
      </ul>
    </div>
  )
}

export function FundingProgress({ funding }: { funding: Funding }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const money = (minor: number) => format.money(minor, funding.currency)
  const unresolved = funding.totals.unresolved
  const now = useNow(WINDOW_CLOCK_MS)
  const pledging = windowState(funding, now)
  return (
    <div className="funding-progress stack-sm">
      <Outcome funding={funding} />
      <p className="lead">{t('progress.lead', { pledged: money(funding.totals.pledged_minor), goal: money(funding.goal_minor) })}</p>
      <Bar funding={funding} />
      <Figures funding={funding} pledging={pledging} />
      <Window funding={funding} pledging={pledging} />
      {!funding.open && !funding.outcome && unresolved > 0 && (
        <p className="hint">{t('progress.unresolved', { count: unresolved })}</p>
      )}
      <p>
        <strong>{t(`model.${funding.model}`)}:</strong>{' '}
        {funding.model === 'backer_threshold' && funding.backer_goal
          ? t('model.backer_thresholdGoal', { count: funding.backer_goal })
          : t(`model.${funding.model}Hint`)}{' '}
        {funding.grace_days > 0 ? t('progress.grace', { count: funding.grace_days }) : t('progress.graceNone')}
      </p>
      <StretchGoals funding={funding} />
    </div>
  )
}
