// Moderation queries and mutations. Keys come from `moderationKeys`: a campaign's queue and its
// reported comments, and the decisions on one contribution.
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { ApiError, unwrap } from '../../api/errors'
import { contributionKeys, moderationKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'

export type Decision = Schemas['Decision']

export const moderationQueries = {
  queue: (campaignId: string) =>
    infiniteQueryOptions({
      queryKey: moderationKeys.queue(campaignId),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/moderation-queue', {
            params: { path: { id: campaignId }, query: { cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  reportedComments: (campaignId: string) =>
    infiniteQueryOptions({
      queryKey: moderationKeys.reportedComments(campaignId),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/reported-comments', {
            params: { path: { id: campaignId }, query: { cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  log: (contributionId: string) =>
    queryOptions({
      queryKey: moderationKeys.log(contributionId),
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/v1/contributions/{id}/moderation', { params: { path: { id: contributionId } }, signal })),
    }),
}

export function useModerationQueue(campaignId: string) {
  return useInfiniteQuery(moderationQueries.queue(campaignId))
}

export function useReportedComments(campaignId: string) {
  return useInfiniteQuery(moderationQueries.reportedComments(campaignId))
}

export function useModerationLog(contributionId: string) {
  return useQuery(moderationQueries.log(contributionId))
}

export function useModerate(contributionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['ModerationRequest']) =>
      unwrap(api.POST('/api/v1/contributions/{id}/moderation', { params: { path: { id: contributionId } }, body })),
    onSuccess: (contribution) => {
      queryClient.setQueryData(contributionKeys.detail(contribution.id), contribution)
      void queryClient.invalidateQueries({ queryKey: moderationKeys.all })
      void queryClient.invalidateQueries({ queryKey: contributionKeys.galleries() })
    },
    onError: (error) => {
      // Its authors edited it or another moderator decided first: show it as it stands now.
      if (error instanceof ApiError && error.problem?.code === 'conflict.changed_meanwhile') {
        void queryClient.invalidateQueries({ queryKey: moderationKeys.all })
        void queryClient.invalidateQueries({ queryKey: contributionKeys.detail(contributionId) })
      }
    },
  })
}
