// The campaign's ranking, or the notice that it stays hidden until voting closes (the API answers
// 403 then, to everyone but the campaign's managers).
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ApiError } from '../../api/errors'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { EmptyState, ErrorAlert, Loading } from '../../ui/QueryStates'
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
      {board.isPending && <Loading />}
      {hidden && <p className="notice">{t('leaderboard.hidden')}</p>}
      {board.isError && !hidden && <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />}
      {board.isSuccess && items.length === 0 && (
        <EmptyState>
          <p>{t('leaderboard.empty')}</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('leaderboard.rank')}</th>
                <th scope="col">{t('leaderboard.title')}</th>
                <th scope="col" className="num">{t('leaderboard.combinedScore')}</th>
                <th scope="col" className="num">{t('leaderboard.publicScore')}</th>
                <th scope="col" className="num">{t('leaderboard.votes')}</th>
                <th scope="col" className="num">{t('leaderboard.juryScore')}</th>
                <th scope="col" className="num">{t('leaderboard.juryVotes')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((entry) => (
                <tr key={entry.contribution_id}>
                  <td>{count(entry.rank)}</td>
                  <th scope="row">
                    <Link to={`/contributions/${entry.contribution_id}`}>{entry.title}</Link>
                  </th>
                  <td className="num">{score(entry.combined_score)}</td>
                  <td className="num">{score(entry.public_score)}</td>
                  <td className="num">{count(entry.vote_count)}</td>
                  <td className="num">{score(entry.jury_score)}</td>
                  <td className="num">{count(entry.jury_vote_count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {board.hasNextPage && (
        <LoadMore hasMore loading={board.isFetchingNextPage} onLoadMore={() => void board.fetchNextPage()} />
      )}
    </section>
  )
}
