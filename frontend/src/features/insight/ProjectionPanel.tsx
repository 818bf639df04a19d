// Where contributions stand and where the pace so far leads by the close of submissions,
// against the campaign's contribution goal.
import { useTranslation } from 'react-i18next'
import './rechartsOnPreact'
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts'
import { useFormat } from '../../i18n/format'
import { ChartFigure } from './ChartFigure'
import { SERIES_COLORS, TARGET_COLOR } from './colors'
import type { Analytics } from './queries'

export function ProjectionPanel({ projection }: { projection: Analytics['projection'] }) {
  const { t } = useTranslation('insight')
  const format = useFormat()
  const projected = projection.projected_at_close ?? null
  const target = projection.target ?? null
  const elapsed = projection.elapsed ?? null

  const facts = (
    <dl className="stats">
      <div>
        <dt>{t('projection.soFar')}</dt>
        <dd>{format.number(projection.contributions)}</dd>
      </div>
      <div>
        <dt>{t('projection.projected')}</dt>
        <dd>{projected === null ? t('projection.noProjection') : format.number(Math.round(projected))}</dd>
      </div>
      <div>
        <dt>{t('projection.target')}</dt>
        <dd>{target === null ? t('projection.noTarget') : format.number(target)}</dd>
      </div>
      <div>
        <dt>{t('projection.elapsed')}</dt>
        <dd>{elapsed === null ? t('projection.noSchedule') : format.percent(elapsed)}</dd>
      </div>
    </dl>
  )
  if (projected === null) {
    return (
      <>
        {facts}
        <p className="hint">{t('projection.notYet')}</p>
      </>
    )
  }

  const data = [
    { label: t('projection.soFar'), value: projection.contributions },
    { label: t('projection.projected'), value: Math.round(projected) },
  ]
  const top = Math.max(projected, target ?? 0, projection.contributions) * 1.1
  return (
    <ChartFigure
      caption={
        target === null
          ? t('projection.caption', { projected: format.number(Math.round(projected)) })
          : t('projection.captionTarget', { projected: format.number(Math.round(projected)), target: format.number(target) })
      }
      showTable
      chart={
        <BarChart
          responsive
          accessibilityLayer={false}
          layout="vertical"
          data={data}
          style={{ width: '100%', height: 160 }}
          margin={{ top: 28, right: 48, bottom: 8, left: 8 }}
        >
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, Math.ceil(top) || 1]} allowDecimals={false} tick={{ fill: 'currentColor' }} />
          <YAxis type="category" dataKey="label" width={140} tick={{ fill: 'currentColor' }} />
          <Bar dataKey="value" fill={SERIES_COLORS[2]} isAnimationActive={false}>
            <LabelList dataKey="value" position="right" fill="currentColor" formatter={(value) => format.number(Number(value))} />
          </Bar>
          {target !== null && (
            <ReferenceLine
              x={target}
              stroke={TARGET_COLOR}
              strokeDasharray="2 2"
              label={{ value: t('projection.targetLine', { target: format.number(target) }), position: 'top', fill: 'currentColor' }}
            />
          )}
        </BarChart>
      }
      table={facts}
    />
  )
}
