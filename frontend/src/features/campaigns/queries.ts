// Campaign queries and mutations. Keys come from `campaignKeys`: lists by their filters, one
// campaign by slug or by id (pages address campaigns by slug, contributions name them by id).
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import { campaignKeys, type CampaignListFilters } from '../../api/queryKeys'
import { noteServerClock } from '../../api/serverClock'
import type { Schemas } from '../../api/types'

export type Campaign = Schemas['CampaignResponse']
export type CampaignFilters = CampaignListFilters

const PAGE_SIZE = 20

export const campaignQueries = {
  list: (filters: CampaignFilters) =>
    infiniteQueryOptions({
      queryKey: campaignKeys.list(filters),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns', {
            params: { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  /** One campaign; its response's `Date` sets the server's clock that countdowns count on. */
  detail: (idOrSlug: string) =>
    queryOptions({
      queryKey: campaignKeys.detail(idOrSlug),
      queryFn: async ({ signal }) => {
        const call = api.GET('/api/v1/campaigns/{id}', { params: { path: { id: idOrSlug } }, signal })
        noteServerClock((await call).response)
        return unwrap(call)
      },
    }),
}

export function useCampaignList(filters: CampaignFilters) {
  return useInfiniteQuery(campaignQueries.list(filters))
}

export function useCampaign(idOrSlug: string) {
  return useQuery(campaignQueries.detail(idOrSlug))
}

/** After a change, every cached view of the campaign (by slug, by id, in lists) is stale. */
function useCampaignRefresher() {
  const queryClient = useQueryClient()
  return (campaign?: Campaign) => {
    if (campaign) {
      queryClient.setQueryData(campaignQueries.detail(campaign.slug).queryKey, campaign)
      queryClient.setQueryData(campaignQueries.detail(campaign.id).queryKey, campaign)
    }
    void queryClient.invalidateQueries({ queryKey: campaignKeys.lists() })
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
      queryClient.removeQueries({ queryKey: campaignKeys.details() })
      void queryClient.invalidateQueries({ queryKey: campaignKeys.lists() })
    },
  })
}
