// The daily series: visits, sign-ups, votes and contributions per day.
import { useTranslation } from 'react-i18next'
import './rechartsOnPreact'
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts'
import { useFormat } from '../../i18n/format'
import { EmptyState } from '../../ui/QueryStates'
import { ChartFigure } from './ChartFigure'
import { SERIES_COLORS } from './colors'
import type { DailyAnalytics } from './queries'

const SERIES = ['visits', 'sign_ups', 'votes', 'contributions'] as const

export function DailyChart({ daily }: { daily: DailyAnalytics[] }) {
  const { t } = useTranslation('insight')
  const format = useFormat()
  if (daily.length === 0) {
    return (
      <EmptyState>
        <p>{t('daily.empty')}</p>
      </EmptyState>
    )
  }
  const first = daily[0].day
  const last = daily[daily.length - 1].day
  return (
    <ChartFigure
      caption={t('daily.caption', { from: format.day(first), to: format.day(last) })}
      chart={
        <LineChart
          responsive
          accessibilityLayer={false}
          data={daily}
          style={{ width: '100%', height: 300 }}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="day"
            interval="preserveStartEnd"
            minTickGap={16}
            tickFormatter={(day: string) => format.day(day, 'short')}
            tick={{ fill: 'currentColor' }}
          />
          <YAxis allowDecimals={false} tickFormatter={(value: number) => format.number(value)} tick={{ fill: 'currentColor' }} width={48} />
          <Tooltip
            labelFormatter={(day) => format.day(String(day))}
            formatter={(value) => format.number(Number(value))}
            contentStyle={{ background: 'var(--bg)', borderColor: 'var(--border)' }}
          />
          <Legend wrapperStyle={{ lineHeight: 1.6 }} />
          {SERIES.map((series, index) => (
            <Line
              key={series}
              type="monotone"
              dataKey={series}
              name={t(`daily.${series}`)}
              stroke={SERIES_COLORS[index]}
              strokeWidth={2}
              dot={daily.length <= 31}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      }
      table={
        <table>
          <caption>{t('daily.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('daily.day')}</th>
              {SERIES.map((series) => (
                <th key={series} scope="col" className="num">
                  {t(`daily.${series}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {daily.map((row) => (
              <tr key={row.day}>
                <th scope="row">{format.day(row.day)}</th>
                {SERIES.map((series) => (
                  <td key={series} className="num">
                    {format.number(row[series])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}
