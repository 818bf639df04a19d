// Personal access tokens of the signed-in user. Key: ['me', 'tokens'] (the list, never a secret).
// A new token's secret arrives once, in the create call's answer; it is handed to the page and
// kept out of every cache, so it is gone when the page is left.
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import type { Schemas } from '../../api/types'

export type Token = Schemas['TokenResponse']
export type CreatedToken = Schemas['CreatedTokenResponse']
export type CreateTokenRequest = Schemas['CreateTokenRequest']
type TokenPage = Schemas['Page_TokenResponse']

const TOKENS_KEY = ['me', 'tokens'] as const
// A user holds at most 50 active tokens (expired ones stay listed until revoked).
const PAGE_SIZE = 50

export function useTokens() {
  return useInfiniteQuery({
    queryKey: TOKENS_KEY,
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET('/api/v1/me/tokens', { params: { query: { limit: PAGE_SIZE, cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  })
}

export function useCreateToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateTokenRequest) => unwrap(api.POST('/api/v1/me/tokens', { body })),
    // The answer holds the secret: drop the mutation as soon as nothing observes it.
    gcTime: 0,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  })
}

export function useRevokeToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrapEmpty(api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } })),
    onSuccess: (_nothing, id) => {
      // The row goes at once; the refetch confirms it.
      queryClient.setQueryData<InfiniteData<TokenPage, string | undefined>>(TOKENS_KEY, (data) =>
        data && { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((token) => token.id !== id) })) },
      )
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY })
    },
  })
}
