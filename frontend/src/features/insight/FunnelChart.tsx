// The funnel: how many people reached each step, from visitors to contributors (and to backers,
// for a campaign that took pledges, and workers, for one whose tasks were answered).
import { useTranslation } from 'react-i18next'
import './rechartsOnPreact'
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts'
import { useFormat } from '../../i18n/format'
import { ChartFigure } from './ChartFigure'
import { SERIES_COLORS } from './colors'
import type { Funnel } from './queries'

const FUNNEL_STEPS = ['visitors', 'registered', 'sign_ups', 'participants', 'voters', 'contributors', 'backers', 'workers'] as const
/** Steps of one kind of campaign only: shown where someone reached them. */
const OPTIONAL_STEPS = new Set<(typeof FUNNEL_STEPS)[number]>(['backers', 'workers'])

export function FunnelChart({ funnel }: { funnel: Funnel }) {
  const { t } = useTranslation('insight')
  const format = useFormat()
  // Backers only where someone pledged, workers only where someone answered a task: an idea contest
  // has neither, and a bar of zeros says nothing.
  const steps = FUNNEL_STEPS.filter((step) => !OPTIONAL_STEPS.has(step) || funnel[step] > 0)
  const data = steps.map((step) => ({ step: t(`funnel.${step}`), value: funnel[step] }))
  return (
    <ChartFigure
      caption={t('funnel.caption', { visitors: format.number(funnel.visitors), contributors: format.number(funnel.contributors) })}
      chart={
        <BarChart
          responsive
          accessibilityLayer={false}
          layout="vertical"
          data={data}
          style={{ width: '100%', height: 280 }}
          margin={{ top: 8, right: 48, bottom: 8, left: 8 }}
        >
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tick={{ fill: 'currentColor' }} tickFormatter={(value: number) => format.number(value)} />
          <YAxis type="category" dataKey="step" width={110} tick={{ fill: 'currentColor' }} />
          <Bar dataKey="value" fill={SERIES_COLORS[0]} isAnimationActive={false}>
            <LabelList dataKey="value" position="right" fill="currentColor" formatter={(value) => format.number(Number(value))} />
          </Bar>
        </BarChart>
      }
      table={
        <table>
          <caption>{t('funnel.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('funnel.step')}</th>
              <th scope="col" className="num">
                {t('funnel.people')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((row) => (
              <tr key={row.step}>
                <th scope="row">{row.step}</th>
                <td className="num">{format.number(row.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
