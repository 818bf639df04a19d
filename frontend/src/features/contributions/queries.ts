// Contribution queries and mutations. Keys come from `contributionKeys`: a campaign's gallery (by
// order and shuffle seed) and one contribution.
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import { contributionKeys, moderationKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'

export type Contribution = Schemas['ContributionResponse']
export type GallerySort = Schemas['GallerySortParam']

const PAGE_SIZE = 24

export const contributionQueries = {
  gallery: (campaignId: string, sort: GallerySort, seed: string) =>
    infiniteQueryOptions({
      queryKey: contributionKeys.gallery(campaignId, sort, seed),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/contributions', {
            params: {
              path: { id: campaignId },
              // The seed keeps a shuffle stable across pages, also for visitors who are not signed in.
              query: { sort, seed: sort === 'random' ? seed : undefined, limit: PAGE_SIZE, cursor: pageParam },
            },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: contributionKeys.detail(id),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/contributions/{id}', { params: { path: { id } }, signal })),
    }),
}

export function useGallery(campaignId: string, sort: GallerySort, seed: string) {
  return useInfiniteQuery(contributionQueries.gallery(campaignId, sort, seed))
}

export function useContribution(id: string) {
  return useQuery(contributionQueries.detail(id))
}

/** A contribution changed: the galleries and what the moderators see of it are stale. */
function useContributionRefresher() {
  const queryClient = useQueryClient()
  return (contribution?: Contribution) => {
    if (contribution) queryClient.setQueryData(contributionQueries.detail(contribution.id).queryKey, contribution)
    void queryClient.invalidateQueries({ queryKey: contributionKeys.galleries() })
    void queryClient.invalidateQueries({ queryKey: moderationKeys.all })
  }
}

export function useCreateContribution(campaignId: string) {
  const refresh = useContributionRefresher()
  return useMutation({
    mutationFn: (body: Schemas['CreateContributionRequest']) =>
      unwrap(api.POST('/api/v1/campaigns/{id}/contributions', { params: { path: { id: campaignId } }, body })),
    onSuccess: refresh,
  })
}

export function useUpdateContribution(id: string) {
  const refresh = useContributionRefresher()
  return useMutation({
    mutationFn: (body: Schemas['UpdateContributionRequest']) =>
      unwrap(api.PATCH('/api/v1/contributions/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  })
}

export function useWithdrawContribution(id: string) {
  const refresh = useContributionRefresher()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrapEmpty(api.DELETE('/api/v1/contributions/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      refresh()
      void queryClient.invalidateQueries({ queryKey: contributionKeys.detail(id) })
    },
  })
}

export function useAnswerAuthorship(id: string) {
  const refresh = useContributionRefresher()
  return useMutation({
    mutationFn: (accept: boolean) =>
      unwrap(api.POST('/api/v1/contributions/{id}/authorship', { params: { path: { id } }, body: { accept } })),
    onSuccess: refresh,
  })
}

export function useReportContribution(id: string) {
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/api/v1/contributions/{id}/reports', { params: { path: { id } }, body: { reason } })),
  })
}
