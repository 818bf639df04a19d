// `/me/rewards`: my points balance, my badges, the ledger it sums (newest first, paged), and the
// awards I have a part in.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { PageTitle } from '../../ui/PageTitle'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { useMe } from '../auth/useMe'
import { AwardList } from './AwardList'
import { BadgeList } from './BadgeList'
import { useMyRewards, type LedgerEntry } from './queries'
import { TableScroll } from '../../ui/TableScroll'

function LedgerTable({ entries }: { entries: LedgerEntry[] }) {
  const { t } = useTranslation('rewards')
  const format = useFormat()
  const signed = new Intl.NumberFormat(format.language, { signDisplay: 'exceptZero' })
  return (
    <TableScroll label={t('mine.ledgerTable')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('mine.when')}</th>
            <th scope="col">{t('mine.what')}</th>
            <th scope="col" className="num">
              {t('mine.points')}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className={entry.points < 0 ? 'negative' : undefined}>
              <td>{format.dateTime(entry.created_at)}</td>
              <td>{t(`source.${entry.source_type}`)}</td>
              <td className="num">
                {signed.format(entry.points)}
                {entry.points < 0 && <span className="visually-hidden"> ({t('mine.deducted')})</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

export function MyRewardsPage() {
  const { t } = useTranslation('rewards')
  const format = useFormat()
  const me = useMe()
  const rewards = useMyRewards()

  return (
    <QueryBoundary query={rewards}>
      {(data) => {
        const first = data.pages[0]
        const ledger = data.pages.flatMap((page) => page.ledger)
        const balance = first.points_balance
        return (
          <div className="narrow stack">
            <PageTitle>{t('mine.pageTitle')}</PageTitle>
            <h1>{t('mine.heading')}</h1>
            <section aria-labelledby="balance-heading">
              <h2 id="balance-heading">{t('mine.balance')}</h2>
              <p className="lead" data-testid="points-balance">
                {t('mine.balanceValue', { count: balance, formatted: format.number(balance) })}
              </p>
            </section>
            <section aria-labelledby="badges-heading">
              <h2 id="badges-heading">{t('badges.heading')}</h2>
              <BadgeList badges={first.badges} />
            </section>
            <section aria-labelledby="awards-heading">
              <h2 id="awards-heading">{t('mine.awards')}</h2>
              {first.awards.length === 0 ? (
                <EmptyState>
                  <p>{t('mine.awardsEmpty')}</p>
                </EmptyState>
              ) : (
                <AwardList awards={first.awards} myUserId={me.data?.id} />
              )}
            </section>
            <section aria-labelledby="ledger-heading">
              <h2 id="ledger-heading">{t('mine.ledger')}</h2>
              {ledger.length === 0 ? (
                <EmptyState>
                  <p>{t('mine.ledgerEmpty')}</p>
                </EmptyState>
              ) : (
                <>
                  <LedgerTable entries={ledger} />
                  {rewards.hasNextPage && (
                    <LoadMore hasMore loading={rewards.isFetchingNextPage} onLoadMore={() => void rewards.fetchNextPage()} />
                  )}
                </>
              )}
            </section>
          </div>
        )
      }}
    </QueryBoundary>
  )
}
