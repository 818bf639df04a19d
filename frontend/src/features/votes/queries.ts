// Votes: my votes in a campaign, casting and retracting (optimistic), the leaderboard and, for
// managers, vote integrity. Keys come from `voteKeys`.
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { ApiError, unwrap, unwrapEmpty } from '../../api/errors'
import { voteKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import { useSignedIn } from '../auth/useSession'
import type { Campaign } from '../campaigns/queries'
import { deviceId } from './deviceId'

export type VotingMethod = Schemas['VotingMethod']
export type LeaderboardEntry = Schemas['LeaderboardEntry']
export type IntegrityFlag = Schemas['IntegrityFlag']

/** My votes in one campaign, by contribution, and the points left with budget voting. */
export interface MyVotes {
  method: VotingMethod
  /** Points each voter may spread (`budget` only). */
  budget: number | null
  /** Points still to spread (`budget` only). */
  remaining: number | null
  /** contribution id -> the value of my vote on it. */
  values: Record<string, number>
}

/** Whether the campaign takes votes now (the API decides; this only decides what to offer). */
export function votingOpen(campaign: Campaign): boolean {
  return campaign.phase === 'voting' || (campaign.phase === 'submission' && campaign.rules.vote_during_submission)
}

/** Whether the campaign's phase is past voting, so that hidden tallies are shown to everyone. */
export function votingOver(campaign: Campaign): boolean {
  return campaign.phase === 'judging' || campaign.phase === 'closed'
}

/** Whether a leaderboard means anything yet: once voting can have started. */
export function hasLeaderboard(campaign: Campaign): boolean {
  return votingOpen(campaign) || campaign.phase === 'voting' || votingOver(campaign)
}

// The API pages my votes; a gallery needs all of them to mark its cards.
const MY_VOTES_PAGE = 100

async function fetchMyVotes(campaignId: string, signal: AbortSignal): Promise<MyVotes> {
  const values: Record<string, number> = {}
  let cursor: string | undefined
  for (;;) {
    const page = await unwrap(
      api.GET('/api/v1/campaigns/{id}/votes/me', {
        params: { path: { id: campaignId }, query: { limit: MY_VOTES_PAGE, cursor } },
        signal,
      }),
    )
    for (const vote of page.items) values[vote.contribution_id] = vote.value
    cursor = page.next_cursor ?? undefined
    if (!cursor) {
      return {
        method: page.voting_method,
        budget: page.vote_budget ?? null,
        remaining: page.remaining_budget ?? null,
        values,
      }
    }
  }
}

const LEADERBOARD_PAGE = 20

export const voteQueries = {
  mine: (campaignId: string) =>
    queryOptions({
      queryKey: voteKeys.mine(campaignId),
      queryFn: ({ signal }) => fetchMyVotes(campaignId, signal),
    }),
  /** The ranking. While voting runs it is fetched again now and then, as others vote too. */
  leaderboard: (campaignId: string, live: boolean) =>
    infiniteQueryOptions({
      queryKey: voteKeys.leaderboard(campaignId),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/leaderboard', {
            params: { path: { id: campaignId }, query: { limit: LEADERBOARD_PAGE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
      refetchInterval: live ? 15_000 : false,
      // A 403 means "tallies hidden": an answer, not a failure worth retrying.
      retry: (count, error) => !(error instanceof ApiError && error.status === 403) && count < 2,
    }),
  integrity: (campaignId: string) =>
    queryOptions({
      queryKey: voteKeys.integrity(campaignId),
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/v1/campaigns/{id}/vote-integrity', { params: { path: { id: campaignId } }, signal })),
    }),
}

/** My votes in a campaign; idle while nobody is signed in. */
export function useMyVotes(campaignId: string) {
  const signedIn = useSignedIn()
  return useQuery({ ...voteQueries.mine(campaignId), enabled: signedIn })
}

/** My votes with one of them changed: what the API will answer if it accepts the change. */
export function withVote(votes: MyVotes, contributionId: string, value: number | null): MyVotes {
  const values = { ...votes.values }
  const before = values[contributionId] ?? 0
  if (value === null) delete values[contributionId]
  else values[contributionId] = value
  const remaining = votes.remaining === null ? null : votes.remaining + before - (value ?? 0)
  return { ...votes, values, remaining }
}

// Scores are folded from the votes a fraction of a second after they are cast (the API says so),
// so the leaderboard is fetched once more a little later.
const SCORE_FOLD_MS = 600

function refreshScores(queryClient: QueryClient, campaignId: string) {
  void queryClient.invalidateQueries({ queryKey: voteKeys.leaderboard(campaignId) })
  setTimeout(() => void queryClient.invalidateQueries({ queryKey: voteKeys.leaderboard(campaignId) }), SCORE_FOLD_MS)
}

export interface VoteChange {
  contributionId: string
  /** The new value, or `null` to take the vote back. */
  value: number | null
}

/**
 * Casts, changes or retracts a vote. My votes change at once and return to what they were if the
 * API refuses; either way they are fetched again afterwards.
 */
export function useVote(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ contributionId, value }: VoteChange) => {
      const path = { id: contributionId }
      // The device id goes with every vote request for vote integrity. The contract declares it on
      // PUT only; DELETE gets it as a plain header (the API ignores it there today).
      const device = deviceId()
      return value === null
        ? unwrapEmpty(api.DELETE('/api/v1/contributions/{id}/vote', { params: { path }, headers: { 'X-Device-Id': device } }))
        : unwrap(
            api.PUT('/api/v1/contributions/{id}/vote', { params: { path, header: { 'X-Device-Id': device } }, body: { value } }),
          ).then(() => undefined)
    },
    onMutate: async ({ contributionId, value }) => {
      const mine = voteQueries.mine(campaignId).queryKey
      await queryClient.cancelQueries({ queryKey: mine })
      const previous = queryClient.getQueryData(mine)
      if (previous) queryClient.setQueryData(mine, withVote(previous, contributionId, value))
      return { previous }
    },
    onError: (_error, _change, context) => {
      if (context?.previous) queryClient.setQueryData(voteQueries.mine(campaignId).queryKey, context.previous)
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: voteKeys.mine(campaignId) })
      refreshScores(queryClient, campaignId)
    },
  })
}

export function useLeaderboard(campaignId: string, live: boolean) {
  return useInfiniteQuery(voteQueries.leaderboard(campaignId, live))
}

export function useVoteIntegrity(campaignId: string) {
  return useQuery(voteQueries.integrity(campaignId))
}

export function useInvalidateVotes(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['InvalidateVotesRequest']) =>
      unwrap(api.POST('/api/v1/campaigns/{id}/vote-integrity/invalidate', { params: { path: { id: campaignId } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: voteKeys.integrity(campaignId) })
      refreshScores(queryClient, campaignId)
    },
  })
}
