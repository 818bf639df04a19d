// The campaign's ranking, or the notice that it stays hidden until voting closes (the API answers
// 403 then, to everyone but the campaign's managers).
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../api/errors'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, QueryStatus } from '../../ui/QueryStates'
import { RankingTable } from '../../ui/RankingTable'
import type { Campaign } from '../campaigns/queries'
import { useLeaderboard, votingOpen } from './queries'

export function Leaderboard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('votes')
  const format = useFormat()
  const board = useLeaderboard(campaign.id, votingOpen(campaign))
  const items = board.data?.pages.flatMap((page) => page.items) ?? []
  const hidden = board.error instanceof ApiError && board.error.status === 403
  const score = (value: number) => format.decimal(value, 2)
  const count = (value: number) => format.number(value)

  return (
    <section aria-labelledby="leaderboard-heading" className="leaderboard">
      <h2 id="leaderboard-heading">{t('leaderboard.heading')}</h2>
      {hidden && <p className="notice">{t('leaderboard.hidden')}</p>}
      <QueryStatus query={board} showError={!hidden} />
      {board.isSuccess && items.length === 0 && (
        <EmptyState>
          <p>{t('leaderboard.empty')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <RankingTable
          rows={items}
          rowKey={(entry) => entry.contribution_id}
          rank={(entry) => entry.rank}
          rankHeader={t('leaderboard.rank')}
          name={{
            header: t('leaderboard.title'),
            cell: (entry) => <Link to={`/contributions/${entry.contribution_id}`}>{entry.title}</Link>,
          }}
          numbers={[
            { header: t('leaderboard.combinedScore'), cell: (entry) => score(entry.combined_score) },
            { header: t('leaderboard.publicScore'), cell: (entry) => score(entry.public_score) },
            { header: t('leaderboard.votes'), cell: (entry) => count(entry.vote_count) },
            { header: t('leaderboard.juryScore'), cell: (entry) => score(entry.jury_score) },
            { header: t('leaderboard.juryVotes'), cell: (entry) => count(entry.jury_vote_count) },
          ]}
        />
      )}
      {board.hasNextPage && (
        <LoadMore hasMore loading={board.isFetchingNextPage} onLoadMore={() => void board.fetchNextPage()} />
      )}
    </section>
  )
}
