// Votes by opted-in segment (country, age band, interest), a table per dimension. The API leaves
// out every group smaller than `min_group_size` or from fewer than `min_group_networks` networks,
// and any row that could be worked out from the others, so no one can be singled out; it publishes
// the figures at most hourly, so no single vote can be watched arriving. The note under the tables
// says so, and as of when the figures are.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { EmptyState } from '../../ui/QueryStates'
import type { SegmentAnalytics } from './queries'
import { TableScroll } from '../../ui/TableScroll'

const DIMENSIONS = ['country', 'age_band', 'interest'] as const
type Dimension = (typeof DIMENSIONS)[number]

const isKnown = (dimension: string): dimension is Dimension => (DIMENSIONS as readonly string[]).includes(dimension)

/** A country code in the UI's language ("DE" -> "Germany" / "Deutschland"), else as sent. */
function countryName(language: string, code: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region', fallback: 'code' }).of(code) ?? code
  } catch {
    return code
  }
}

interface SegmentsTableProps {
  segments: SegmentAnalytics[]
  minGroupSize: number
  minGroupNetworks: number
  /** When the figures were published (an instant). */
  publishedAt: string
}

export function SegmentsTable({ segments, minGroupSize, minGroupNetworks, publishedAt }: SegmentsTableProps) {
  const { t } = useTranslation('insight')
  const format = useFormat()
  // Known dimensions in their order, then any the API adds later.
  const dimensions = [...DIMENSIONS, ...new Set(segments.map((segment) => segment.dimension).filter((dimension) => !isKnown(dimension)))]
  const groups = dimensions
    .map((dimension) => ({ dimension, rows: segments.filter((segment) => segment.dimension === dimension) }))
    .filter((group) => group.rows.length > 0)
  const label = (dimension: string) => (isKnown(dimension) ? t(`segments.dimension.${dimension}`) : dimension)
  const value = (segment: SegmentAnalytics) =>
    segment.dimension === 'country' ? countryName(format.language, segment.value) : segment.value

  return (
    <div className="stack-sm">
      {groups.length === 0 ? (
        <EmptyState>
          <p>{t('segments.empty')}</p>
        </EmptyState>
      ) : (
        <div className="segment-grid">
          {groups.map((group) => (
            <TableScroll key={group.dimension} label={label(group.dimension)}>
              <table>
                <caption>{label(group.dimension)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{label(group.dimension)}</th>
                    <th scope="col" className="num">
                      {t('segments.voters')}
                    </th>
                    <th scope="col" className="num">
                      {t('segments.votes')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {group.rows.map((segment) => (
                    <tr key={segment.value}>
                      <th scope="row">{value(segment)}</th>
                      <td className="num">{format.number(segment.voters)}</td>
                      <td className="num">{format.number(segment.votes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ))}
        </div>
      )}
      <div className="hint segment-note">
        <p>{t('segments.publishedAt', { date: format.dateTime(publishedAt) })}</p>
        <p>{t('segments.note', { count: minGroupSize, networks: format.number(minGroupNetworks) })}</p>
      </div>
    </div>
  )
}
