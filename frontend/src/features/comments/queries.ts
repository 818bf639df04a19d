// Comment queries and mutations. Keys: ['comments', contributionId] for a thread; deleting also
// refreshes ['moderation', 'reported-comments', ...].
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import type { Schemas } from '../../api/types'

export type Comment = Schemas['CommentResponse']
type CommentPage = Schemas['Page_CommentResponse']

const PAGE_SIZE = 50

export function useComments(contributionId: string) {
  return useInfiniteQuery({
    queryKey: ['comments', contributionId],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/contributions/{id}/comments', {
          params: { path: { id: contributionId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  })
}

export function useCreateComment(contributionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['CreateCommentRequest']) =>
      unwrap(api.POST('/api/v1/contributions/{id}/comments', { params: { path: { id: contributionId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['comments', contributionId] }),
  })
}

export function useDeleteComment(comment: Pick<Comment, 'id' | 'contribution_id'>) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrapEmpty(api.DELETE('/api/v1/comments/{id}', { params: { path: { id: comment.id } } })),
    onSuccess: () => {
      // Show the gap at once; the refetch then brings the server's own account of it.
      const deletedAt = new Date().toISOString()
      queryClient.setQueryData<InfiniteData<CommentPage>>(['comments', comment.contribution_id], (data) =>
        data && {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === comment.id ? { ...item, body: null, deleted_at: deletedAt } : item)),
          })),
        },
      )
      void queryClient.invalidateQueries({ queryKey: ['comments', comment.contribution_id] })
      void queryClient.invalidateQueries({ queryKey: ['moderation', 'reported-comments'] })
    },
  })
}

export function useReportComment(commentId: string) {
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/api/v1/comments/{id}/reports', { params: { path: { id: commentId } }, body: { reason } })),
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
