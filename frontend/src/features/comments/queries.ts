// Comment queries and mutations. Keys come from `commentKeys` (a contribution's thread); deleting
// a comment also refreshes the moderation desk's lists of reports.
import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import { commentKeys, moderationKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'

export type Comment = Schemas['CommentResponse']

const PAGE_SIZE = 50

export const commentQueries = {
  thread: (contributionId: string) =>
    infiniteQueryOptions({
      queryKey: commentKeys.thread(contributionId),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/contributions/{id}/comments', {
            params: { path: { id: contributionId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
}

export function useComments(contributionId: string) {
  return useInfiniteQuery(commentQueries.thread(contributionId))
}

export function useCreateComment(contributionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['CreateCommentRequest']) =>
      unwrap(api.POST('/api/v1/contributions/{id}/comments', { params: { path: { id: contributionId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commentKeys.thread(contributionId) }),
  })
}

export function useDeleteComment(comment: Pick<Comment, 'id' | 'contribution_id'>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrapEmpty(api.DELETE('/api/v1/comments/{id}', { params: { path: { id: comment.id } } })),
    onSuccess: () => {
      // Show the gap at once; the refetch then brings the server's own account of it.
      const deletedAt = new Date().toISOString()
      queryClient.setQueryData(commentQueries.thread(comment.contribution_id).queryKey, (data) =>
        data && {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === comment.id ? { ...item, body: null, deleted_at: deletedAt } : item)),
          })),
        },
      )
      void queryClient.invalidateQueries({ queryKey: commentKeys.thread(comment.contribution_id) })
      void queryClient.invalidateQueries({ queryKey: moderationKeys.reportLists() })
    },
  })
}

export function useReportComment(commentId: string) {
  return useMutation({
    mutationFn: (body: Schemas['ReportRequest']) =>
      unwrap(api.POST('/api/v1/comments/{id}/reports', { params: { path: { id: commentId } }, body })),
  })
}

export interface Thread {
  comment: Comment
  replies: Comment[]
}

/**
 * Groups the API's thread order (each top-level comment followed by its replies) into threads.
 * A reply whose top-level comment is not among `items` stands on its own rather than vanish.
 */
export function threadsOf(items: readonly Comment[]): Thread[] {
  const threads: Thread[] = []
  const byId = new Map<string, Thread>()
  for (const comment of items) {
    const parent = comment.parent_id ? byId.get(comment.parent_id) : undefined
    if (parent) {
      parent.replies.push(comment)
      continue
    }
    const thread = { comment, replies: [] }
    threads.push(thread)
    byId.set(comment.id, thread)
  }
  return threads
}
