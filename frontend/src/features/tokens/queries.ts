// Personal access tokens of the signed-in user. Key: `tokenKeys.mine()` (the list, never a secret).
// A new token's secret arrives once, in the create call's answer; it is handed to the page and
// kept out of every cache, so it is gone when the page is left.
import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import { tokenKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'

export type Token = Schemas['TokenResponse']
export type CreatedToken = Schemas['CreatedTokenResponse']
export type CreateTokenRequest = Schemas['CreateTokenRequest']

// A user holds at most 50 active tokens (expired ones stay listed until revoked).
const PAGE_SIZE = 50

export const tokenQueries = {
  mine: () =>
    infiniteQueryOptions({
      queryKey: tokenKeys.mine(),
      queryFn: ({ pageParam, signal }) =>
        unwrap(api.GET('/api/v1/me/tokens', { params: { query: { limit: PAGE_SIZE, cursor: pageParam } }, signal })),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
}

export function useTokens() {
  return useInfiniteQuery(tokenQueries.mine())
}

export function useCreateToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateTokenRequest) => unwrap(api.POST('/api/v1/me/tokens', { body })),
    // The answer holds the secret: drop the mutation as soon as nothing observes it.
    gcTime: 0,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.mine() }),
  })
}

export function useRevokeToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrapEmpty(api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } })),
    onSuccess: (_nothing, id) => {
      // The row goes at once; the refetch confirms it.
      queryClient.setQueryData(tokenQueries.mine().queryKey, (data) =>
        data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((token) => token.id !== id) })) },
      )
      void queryClient.invalidateQueries({ queryKey: tokenKeys.mine() })
    },
  })
}
