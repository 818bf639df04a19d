// The answers an organiser looks for first, in plain words: which channel works best, whether
// the campaign beats the 1% rule and its own goal, how far invitations carry, and whether it will
// reach critical mass.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { sameSource, useSourceName } from '../reach/sources'
import type { Analytics } from './queries'

type Verdict = 'good' | 'bad' | 'unknown'

function Answer({ question, verdict, children }: { question: string; verdict: Verdict; children: ReactNode }) {
  return (
    <div className={`answer ${verdict}`}>
      <dt>{question}</dt>
      <dd>
        <span className="answer-mark" aria-hidden="true">
          {verdict === 'good' ? '✓' : verdict === 'bad' ? '!' : '?'}
        </span>{' '}
        {children}
      </dd>
    </div>
  )
}

const verdictOf = (value: boolean | null | undefined): Verdict => (value === true ? 'good' : value === false ? 'bad' : 'unknown')

export function SummaryPanel({ analytics }: { analytics: Analytics }) {
  const { t } = useTranslation('insight')
  const format = useFormat()
  const sourceName = useSourceName()
  const { summary, rates, projection } = analytics
  const baseline = format.percent(analytics.baseline_rate)
  const rate = rates.contribution_rate
  const target = analytics.target_rate ?? null

  const best = summary.best_channel ?? null
  const bestRate = best ? analytics.sources.find((row) => sameSource(row.source, best))?.rates.contribution_rate : null
  let bestAnswer: string
  if (best === null) bestAnswer = t('summary.bestNone')
  else if (bestRate !== null && bestRate !== undefined)
    bestAnswer = t('summary.best', { name: sourceName(best), rate: format.percent(bestRate) })
  else bestAnswer = t('summary.bestNoRate', { name: sourceName(best) })

  const rateText = rate !== null && rate !== undefined ? format.percent(rate) : null
  let baselineAnswer = t('summary.baselineUnknown')
  if (summary.beats_baseline === true && rateText) baselineAnswer = t('summary.baselineYes', { rate: rateText, baseline })
  if (summary.beats_baseline === false && rateText) baselineAnswer = t('summary.baselineNo', { rate: rateText, baseline })

  let targetAnswer = t('summary.targetNone')
  if (target !== null) {
    const values = { rate: rateText, target: format.percent(target) }
    targetAnswer =
      summary.meets_target === true && rateText
        ? t('summary.targetYes', values)
        : summary.meets_target === false && rateText
          ? t('summary.targetNo', values)
          : t('summary.targetUnknown', values)
  }

  const k = summary.k_factor ?? null
  const kText = k === null ? null : format.decimal(k, 2)
  const kAnswer = kText === null ? t('summary.kUnknown') : k !== null && k >= 1 ? t('summary.kGrows', { k: kText }) : t('summary.kLow', { k: kText })

  const goal = projection.target ?? null
  const projected = projection.projected_at_close ?? null
  let massAnswer: string
  if (goal === null) massAnswer = t('summary.massNoGoal')
  else if (projected === null || summary.will_reach_critical_mass === null || summary.will_reach_critical_mass === undefined)
    massAnswer = t('summary.massUnknown', { target: format.number(goal) })
  else {
    const values = { projected: format.number(Math.round(projected)), target: format.number(goal) }
    massAnswer = summary.will_reach_critical_mass ? t('summary.massYes', values) : t('summary.massNo', values)
  }

  return (
    <dl className="answers">
      <Answer question={t('summary.bestQuestion')} verdict={best ? 'good' : 'unknown'}>
        {bestAnswer}
      </Answer>
      <Answer question={t('summary.baselineQuestion', { baseline })} verdict={verdictOf(summary.beats_baseline)}>
        {baselineAnswer}
      </Answer>
      <Answer question={t('summary.targetQuestion')} verdict={target === null ? 'unknown' : verdictOf(summary.meets_target)}>
        {targetAnswer}
      </Answer>
      <Answer question={t('summary.kQuestion')} verdict={k === null ? 'unknown' : k >= 1 ? 'good' : 'bad'}>
        {kAnswer}
      </Answer>
      <Answer question={t('summary.massQuestion')} verdict={goal === null ? 'unknown' : verdictOf(summary.will_reach_critical_mass)}>
        {massAnswer}
      </Answer>
    </dl>
  )
}
