// A campaign's participants ranked by the points they earned in it, next to the contributions'
// leaderboard. Paged with a "show more" button: the gallery follows it on the page, so it must not
// grow while the reader scrolls past.
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryStatus } from '../../ui/QueryStates'
import { RankingTable } from '../../ui/RankingTable'
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
      <QueryStatus query={board} />
      {board.isSuccess && items.length === 0 && (
        <EmptyState>
          <p>{t('points.empty')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <RankingTable
          rows={items}
          rowKey={(standing) => standing.user_id}
          rank={(standing) => standing.rank}
          rankHeader={t('points.rank')}
          name={{
            header: t('points.participant'),
            cell: (standing) =>
              standing.user_id === me.data?.id ? t('award.you', { name: standing.display_name }) : standing.display_name,
          }}
          numbers={[{ header: t('points.points'), cell: (standing) => format.number(standing.points) }]}
        />
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
