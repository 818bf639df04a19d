// Contribution queries and mutations. Keys: ['gallery', campaignId, sort, seed] and
// ['contribution', id].
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import type { Schemas } from '../../api/types'

export type Contribution = Schemas['ContributionResponse']
export type GallerySort = Schemas['GallerySortParam']

const PAGE_SIZE = 24

export function useGallery(campaignId: string, sort: GallerySort, seed: string) {
  return useInfiniteQuery({
    queryKey: ['gallery', campaignId, sort, seed],
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
  })
}

export function useContribution(id: string) {
  return useQuery({
    queryKey: ['contribution', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/contributions/{id}', { params: { path: { id } }, signal })),
  })
}

function useContributionRefresher() {
  const queryClient = useQueryClient()
  return (contribution?: Contribution) => {
    if (contribution) queryClient.setQueryData(['contribution', contribution.id], contribution)
    void queryClient.invalidateQueries({ queryKey: ['gallery'] })
    void queryClient.invalidateQueries({ queryKey: ['moderation'] })
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
      void queryClient.invalidateQueries({ queryKey: ['contribution', id] })
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
