// Points and awards: my points (a paged ledger), a campaign's awards and its participants ranked
// by points. Keys come from `rewardKeys`.
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { ApiError, unwrap } from '../../api/errors'
import { rewardKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import type { Campaign } from '../campaigns/queries'

export type Award = Schemas['AwardResponse']
export type AwardStatus = Schemas['AwardStatus']
export type LedgerEntry = Schemas['LedgerEntry']
export type Badge = Schemas['Badge']
export type BadgeKind = Schemas['BadgeKind']

const PAGE_SIZE = 20

/** The steps an award's status allows: `pending -> approved -> paid`, cancelled before paid. */
export const NEXT_STATUSES: Record<AwardStatus, AwardStatus[]> = {
  pending: ['approved', 'cancelled'],
  approved: ['paid', 'cancelled'],
  paid: [],
  cancelled: [],
}

export const rewardQueries = {
  mine: () =>
    infiniteQueryOptions({
      queryKey: rewardKeys.mine(),
      queryFn: ({ pageParam, signal }) =>
        unwrap(api.GET('/api/v1/me/rewards', { params: { query: { limit: PAGE_SIZE, cursor: pageParam } }, signal })),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  /** A campaign's participants ranked by the points they earned in it, a page at a time. */
  pointsLeaderboard: (campaignId: string) =>
    infiniteQueryOptions({
      queryKey: rewardKeys.pointsLeaderboard(campaignId),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/points-leaderboard', {
            params: { path: { id: campaignId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  /** A campaign's awards; a 403 (winners not published yet) is an answer, not worth retrying. */
  awards: (campaignId: string) =>
    queryOptions({
      queryKey: rewardKeys.awards(campaignId),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/campaigns/{id}/awards', { params: { path: { id: campaignId } }, signal })),
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    }),
  /** What finalizing would create now (managers), fetched fresh each time it is shown. */
  awardsPreview: (campaignId: string) =>
    queryOptions({
      queryKey: rewardKeys.awardsPreview(campaignId),
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/v1/campaigns/{id}/awards/preview', { params: { path: { id: campaignId } }, signal })),
      staleTime: 0,
      gcTime: 0,
      retry: false,
    }),
}

export function useMyRewards() {
  return useInfiniteQuery(rewardQueries.mine())
}

const BEFORE_POINTS = new Set<Campaign['phase']>(['draft', 'scheduled'])

/** Whether anyone can have earned points in the campaign: once submissions have opened. */
export function hasPointsLeaderboard(campaign: Campaign): boolean {
  return !BEFORE_POINTS.has(campaign.phase)
}

export function usePointsLeaderboard(campaignId: string) {
  return useInfiniteQuery(rewardQueries.pointsLeaderboard(campaignId))
}

export function useAwardsPreview(campaignId: string, enabled: boolean) {
  return useQuery({ ...rewardQueries.awardsPreview(campaignId), enabled })
}

export function useCampaignAwards(campaignId: string, enabled = true) {
  return useQuery({ ...rewardQueries.awards(campaignId), enabled })
}

export interface Finalized {
  awards: Award[]
  /** 201: created by this call; 200: they existed already. */
  created: boolean
}

export function useFinalizeAwards(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (): Promise<Finalized> => {
      const call = api.POST('/api/v1/campaigns/{id}/awards/finalize', { params: { path: { id: campaignId } } })
      const { response } = await call
      const awards = await unwrap(call)
      return { awards, created: response.status === 201 }
    },
    onSuccess: ({ awards }) => {
      queryClient.setQueryData(rewardQueries.awards(campaignId).queryKey, awards)
      void queryClient.invalidateQueries({ queryKey: rewardKeys.mine() })
    },
  })
}

export function useUpdateAward(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: Schemas['UpdateAwardRequest'] & { id: string }) =>
      unwrap(api.PATCH('/api/v1/awards/{id}', { params: { path: { id } }, body })),
    onSuccess: (award) => {
      queryClient.setQueryData(rewardQueries.awards(campaignId).queryKey, (awards) =>
        awards?.map((candidate) => (candidate.id === award.id ? award : candidate)),
      )
      void queryClient.invalidateQueries({ queryKey: rewardKeys.mine() })
    },
  })
}
