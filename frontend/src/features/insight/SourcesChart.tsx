// Contribution rates per source (each channel, referrals, direct) against the 1% baseline and
// the campaign's participation goal, with each source's funnel in a table beneath.
import { useTranslation } from 'react-i18next'
import './rechartsOnPreact'
import { Bar, BarChart, CartesianGrid, ReferenceLine, XAxis, YAxis } from 'recharts'
import { useFormat } from '../../i18n/format'
import { useSourceName } from '../reach/sources'
import { ChartFigure } from './ChartFigure'
import { REFERENCE_COLOR, SERIES_COLORS, TARGET_COLOR } from './colors'
import type { Analytics } from './queries'

export function SourcesChart({ analytics }: { analytics: Analytics }) {
  const { t } = useTranslation('insight')
  const format = useFormat()
  const sourceName = useSourceName()
  const baseline = analytics.baseline_rate
  const target = analytics.target_rate ?? null
  const rows = analytics.sources.map((row) => ({
    key: `${row.source.kind}:${row.source.channel_id ?? ''}`,
    name: sourceName(row.source),
    rate: row.rates.contribution_rate ?? null,
    funnel: row.funnel,
  }))
  const data = rows.map((row) => ({ name: row.name, rate: row.rate ?? 0 }))
  // Leave room above the highest bar and both reference lines.
  const top = Math.max(baseline, target ?? 0, ...data.map((row) => row.rate)) * 1.15
  const percent = (value: number) => format.percent(value)

  return (
    <ChartFigure
      caption={
        target === null
          ? t('sources.caption', { baseline: percent(baseline) })
          : t('sources.captionTarget', { baseline: percent(baseline), target: percent(target) })
      }
      showTable
      chart={
        <BarChart
          responsive
          accessibilityLayer={false}
          data={data}
          style={{ width: '100%', height: 300 }}
          margin={{ top: 16, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          {/* Names that would overlap on a narrow screen are left out: the table beneath names every source. */}
          <XAxis dataKey="name" interval="preserveStartEnd" minTickGap={8} tick={{ fill: 'currentColor', fontSize: 12 }} />
          <YAxis domain={[0, top || 0.02]} tickFormatter={percent} tick={{ fill: 'currentColor' }} width={56} />
          <Bar dataKey="rate" fill={SERIES_COLORS[1]} isAnimationActive={false} />
          <ReferenceLine
            y={baseline}
            stroke={REFERENCE_COLOR}
            strokeDasharray="6 4"
            label={{ value: t('sources.baselineLine', { baseline: percent(baseline) }), position: 'insideTopLeft', fill: 'currentColor' }}
          />
          {target !== null && (
            <ReferenceLine
              y={target}
              stroke={TARGET_COLOR}
              strokeDasharray="2 2"
              label={{ value: t('sources.targetLine', { target: percent(target) }), position: 'insideTopRight', fill: 'currentColor' }}
            />
          )}
        </BarChart>
      }
      table={
        <table>
          <caption className="visually-hidden">{t('sources.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sources.source')}</th>
              <th scope="col" className="num">
                {t('funnel.visitors')}
              </th>
              <th scope="col" className="num">
                {t('funnel.sign_ups')}
              </th>
              <th scope="col" className="num">
                {t('funnel.voters')}
              </th>
              <th scope="col" className="num">
                {t('funnel.contributors')}
              </th>
              <th scope="col" className="num">
                {t('sources.rate')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.name}</th>
                <td className="num">{format.number(row.funnel.visitors)}</td>
                <td className="num">{format.number(row.funnel.sign_ups)}</td>
                <td className="num">{format.number(row.funnel.voters)}</td>
                <td className="num">{format.number(row.funnel.contributors)}</td>
                <td className="num">{row.rate === null ? t('noRate') : percent(row.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
