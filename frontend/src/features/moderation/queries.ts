// Moderation queries and mutations. Keys: ['moderation', 'queue', campaignId],
// ['moderation', 'reported-comments', campaignId] and ['moderation', 'log', contributionId].
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import type { Schemas } from '../../api/types'

export type Decision = Schemas['Decision']

export function useModerationQueue(campaignId: string) {
  return useInfiniteQuery({
    queryKey: ['moderation', 'queue', campaignId],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/campaigns/{id}/moderation-queue', {
          params: { path: { id: campaignId }, query: { cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  })
}

export function useReportedComments(campaignId: string) {
  return useInfiniteQuery({
    queryKey: ['moderation', 'reported-comments', campaignId],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/campaigns/{id}/reported-comments', {
          params: { path: { id: campaignId }, query: { cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  })
}

export function useModerationLog(contributionId: string) {
  return useQuery({
    queryKey: ['moderation', 'log', contributionId],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/contributions/{id}/moderation', { params: { path: { id: contributionId } }, signal })),
  })
}

export function useModerate(contributionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['ModerationRequest']) =>
      unwrap(api.POST('/api/v1/contributions/{id}/moderation', { params: { path: { id: contributionId } }, body })),
    onSuccess: (contribution) => {
      queryClient.setQueryData(['contribution', contribution.id], contribution)
      void queryClient.invalidateQueries({ queryKey: ['moderation'] })
      void queryClient.invalidateQueries({ queryKey: ['gallery'] })
    },
  })
}
