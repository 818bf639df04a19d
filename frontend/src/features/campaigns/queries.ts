// Campaign queries and mutations. Keys: ['campaigns', filters] for lists, ['campaign', idOrSlug]
// for one campaign (pages address campaigns by slug, contributions name them by id).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import type { QueryOf, Schemas } from '../../api/types'

export type Campaign = Schemas['CampaignResponse']
export type CampaignFilters = Omit<QueryOf<'/api/v1/campaigns'>, 'cursor' | 'limit'>

const PAGE_SIZE = 20

export function useCampaignList(filters: CampaignFilters) {
  return useInfiniteQuery({
    queryKey: ['campaigns', filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/campaigns', {
          params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  })
}

export function useCampaign(idOrSlug: string) {
  return useQuery({
    queryKey: ['campaign', idOrSlug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/campaigns/{id}', { params: { path: { id: idOrSlug } }, signal })),
  })
}

/** After a change, every cached view of the campaign (by slug, by id, in lists) is stale. */
function useCampaignRefresher() {
  const queryClient = useQueryClient()
  return (campaign?: Campaign) => {
    if (campaign) {
      queryClient.setQueryData(['campaign', campaign.slug], campaign)
      queryClient.setQueryData(['campaign', campaign.id], campaign)
    }
    void queryClient.invalidateQueries({ queryKey: ['campaigns'] })
  }
}

export function useCreateCampaign(organization: string) {
  const refresh = useCampaignRefresher()
  return useMutation({
    mutationFn: (body: Schemas['CreateCampaignRequest']) =>
      unwrap(api.POST('/api/v1/organizations/{slug}/campaigns', { params: { path: { slug: organization } }, body })),
    onSuccess: refresh,
  })
}

export function useUpdateCampaign(id: string) {
  const refresh = useCampaignRefresher()
  return useMutation({
    mutationFn: (body: Schemas['UpdateCampaignRequest']) =>
      unwrap(api.PATCH('/api/v1/campaigns/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  })
}

export type LifecycleAction = 'publish' | 'close' | 'cancel'

export function useCampaignLifecycle(id: string) {
  const refresh = useCampaignRefresher()
  return useMutation({
    mutationFn: (action: LifecycleAction) => {
      const params = { path: { id } }
      switch (action) {
        case 'publish':
          return unwrap(api.POST('/api/v1/campaigns/{id}/publish', { params }))
        case 'close':
          return unwrap(api.POST('/api/v1/campaigns/{id}/close', { params }))
        case 'cancel':
          return unwrap(api.POST('/api/v1/campaigns/{id}/cancel', { params }))
      }
    },
    onSuccess: refresh,
  })
}

export function useDeleteCampaign(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrapEmpty(api.DELETE('/api/v1/campaigns/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['campaign'] })
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] })
    },
  })
}
