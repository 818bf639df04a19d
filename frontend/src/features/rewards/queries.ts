// Points and awards. Keys: ['me', 'rewards'] for my points (paged ledger), ['awards', campaignId]
// for a campaign's awards, ['points-leaderboard', campaignId] for its participants by points.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { ApiError, unwrap } from '../../api/errors'
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

export function useMyRewards() {
  return useInfiniteQuery({
    queryKey: ['me', 'rewards'],
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/me/rewards', { params: { query: { limit: PAGE_SIZE, cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  })
}

const BEFORE_POINTS = new Set<Campaign['phase']>(['draft', 'scheduled'])

/** Whether anyone can have earned points in the campaign: once submissions have opened. */
export function hasPointsLeaderboard(campaign: Campaign): boolean {
  return !BEFORE_POINTS.has(campaign.phase)
}

/** A campaign's participants ranked by the points they earned in it, a page at a time. */
export function usePointsLeaderboard(campaignId: string) {
  return useInfiniteQuery({
    queryKey: ['points-leaderboard', campaignId],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/campaigns/{id}/points-leaderboard', {
          params: { path: { id: campaignId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  })
}

export function awardsKey(campaignId: string) {
  return ['awards', campaignId] as const
}

/** A campaign's awards; a 403 (winners not published yet) is an answer, not worth retrying. */
export function useCampaignAwards(campaignId: string, enabled = true) {
  return useQuery({
    queryKey: awardsKey(campaignId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/campaigns/{id}/awards', { params: { path: { id: campaignId } }, signal })),
    enabled,
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
  })
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
      queryClient.setQueryData(awardsKey(campaignId), awards)
      void queryClient.invalidateQueries({ queryKey: ['me', 'rewards'] })
    },
  })
}

export function useUpdateAward(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: Schemas['UpdateAwardRequest'] & { id: string }) =>
      unwrap(api.PATCH('/api/v1/awards/{id}', { params: { path: { id } }, body })),
    onSuccess: (award) => {
      queryClient.setQueryData<Award[]>(awardsKey(campaignId), (awards) =>
        awards?.map((candidate) => (candidate.id === award.id ? award : candidate)),
      )
      void queryClient.invalidateQueries({ queryKey: ['me', 'rewards'] })
    },
  })
}
