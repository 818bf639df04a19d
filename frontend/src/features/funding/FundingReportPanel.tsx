// The organisers' money: the totals, then pledges and money by state, by reward, by the channel
// the backers first came through (which invitation brought how much), and by day. Tables, so every
// figure can be read and compared, on a phone too.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { QueryBoundary } from '../../ui/QueryStates'
import { isPledgeStatus } from './model'
import { useFundingReport, type MoneyGroup } from './queries'

interface MoneyTableProps {
  caption: string
  groups: readonly MoneyGroup[]
  currency: string
  label: (group: MoneyGroup) => string
}

function MoneyTable({ caption, groups, currency, label }: MoneyTableProps) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  if (groups.length === 0) return null
  return (
    // Focusable and named: on a phone the table scrolls sideways, and keyboard users must reach it.
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="money-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.report.group')}</th>
            <th scope="col" className="num">
              {t('dashboard.report.pledges')}
            </th>
            <th scope="col" className="num">
              {t('dashboard.report.pledged')}
            </th>
            <th scope="col" className="num">
              {t('dashboard.report.collected')}
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key}>
              <th scope="row">{label(group)}</th>
              <td className="num">{format.number(group.pledges)}</td>
              <td className="num">{format.money(group.pledged_minor, currency)}</td>
              <td className="num">{format.money(group.collected_minor, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function FundingReportPanel({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('funding')
  const format = useFormat()
  const report = useFundingReport(campaignId)
  return (
    <QueryBoundary query={report}>
      {(data) => {
        const money = (minor: number) => format.money(minor, data.currency)
        const { totals } = data
        const empty = data.by_status.length === 0
        return (
          <div className="stack-sm">
            <div className="section-header">
              <p className="hint">{t('dashboard.report.loadedHint', { currency: data.currency })}</p>
              <button type="button" disabled={report.isFetching} onClick={() => void report.refetch()}>
                {t('dashboard.report.refresh')}
              </button>
            </div>
            <dl className="stats">
              <div>
                <dt>{t('progress.pledged')}</dt>
                <dd>{money(totals.pledged_minor)}</dd>
              </div>
              <div>
                <dt>{t('progress.collected')}</dt>
                <dd>{money(totals.collected_minor)}</dd>
              </div>
              <div>
                <dt>{t('progress.dropped')}</dt>
                <dd>{money(totals.dropped_minor)}</dd>
              </div>
              <div>
                <dt>{t('progress.refunded')}</dt>
                <dd>{money(totals.refunded_minor)}</dd>
              </div>
              <div>
                <dt>{t('progress.backers')}</dt>
                <dd>{format.number(totals.backers)}</dd>
              </div>
            </dl>
            {empty ? (
              <p className="muted">{t('dashboard.report.empty')}</p>
            ) : (
              <div className="segment-grid money-grid">
                <MoneyTable
                  caption={t('dashboard.report.byStatus')}
                  groups={data.by_status}
                  currency={data.currency}
                  label={(group) => (isPledgeStatus(group.key) ? t(`status.${group.key}`) : group.key)}
                />
                <MoneyTable
                  caption={t('dashboard.report.byTier')}
                  groups={data.by_tier}
                  currency={data.currency}
                  label={(group) => group.label ?? (group.key === 'none' ? t('dashboard.report.noTier') : group.key)}
                />
                <MoneyTable
                  caption={t('dashboard.report.byChannel')}
                  groups={data.by_channel}
                  currency={data.currency}
                  label={(group) =>
                    group.label ??
                    (group.key === 'direct'
                      ? t('dashboard.report.direct')
                      : group.key === 'referral'
                        ? t('dashboard.report.referral')
                        : group.key)
                  }
                />
                <MoneyTable
                  caption={t('dashboard.report.byDay')}
                  groups={data.by_day}
                  currency={data.currency}
                  label={(group) => format.day(group.key)}
                />
              </div>
            )}
          </div>
        )
      }}
    </QueryBoundary>
  )
}
