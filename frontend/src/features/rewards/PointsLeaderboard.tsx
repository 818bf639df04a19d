// A campaign's participants ranked by the points they earned in it, next to the contributions'
// leaderboard. Paged with a "show more" button: the gallery follows it on the page, so it must not
// grow while the reader scrolls past.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, ErrorAlert, Loading } from '../../ui/QueryStates'
import { useMe } from '../auth/useMe'
import type { Campaign } from '../campaigns/queries'
import { usePointsLeaderboard } from './queries'

export function PointsLeaderboard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('rewards')
  const format = useFormat()
  const me = useMe()
  const board = usePointsLeaderboard(campaign.id)
  const items = board.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <section aria-labelledby="points-leaderboard-heading" className="leaderboard">
      <h2 id="points-leaderboard-heading">{t('points.heading')}</h2>
      <p className="hint">{t('points.intro')}</p>
      {board.isPending && <Loading />}
      {board.isError && <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />}
      {board.isSuccess && items.length === 0 && (
        <EmptyState>
          <p>{t('points.empty')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('points.rank')}</th>
                <th scope="col">{t('points.participant')}</th>
                <th scope="col" className="num">
                  {t('points.points')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((standing) => (
                <tr key={standing.user_id}>
                  <td>{format.number(standing.rank)}</td>
                  <th scope="row">
                    {standing.user_id === me.data?.id ? t('award.you', { name: standing.display_name }) : standing.display_name}
                  </th>
                  <td className="num">{format.number(standing.points)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {board.hasNextPage && (
        <LoadMore
          hasMore
          auto={false}
          label={t('points.showMore')}
          loading={board.isFetchingNextPage}
          onLoadMore={() => void board.fetchNextPage()}
        />
      )}
    </section>
  )
}
