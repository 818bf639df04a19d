// The signed-in user's sessions (the devices they are signed in on) and their password. Key:
// `sessionKeys.mine()`. Ending sessions and changing the password (which ends every other session)
// refetch the list.
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { ApiError, unwrap, unwrapEmpty } from '../../api/errors'
import { sessionKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'

export type Session = Schemas['SessionResponse']
export type ChangePasswordRequest = Schemas['ChangePasswordRequest']

export const sessionQueries = {
  mine: () =>
    queryOptions({
      queryKey: sessionKeys.mine(),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me/sessions', { signal })),
    }),
}

export function useSessions() {
  return useQuery(sessionQueries.mine())
}

/** Drops the sessions `keep` refuses from the cached list at once; the refetch confirms it. */
function dropSessions(queryClient: QueryClient, keep: (session: Session) => boolean) {
  queryClient.setQueryData(sessionQueries.mine().queryKey, (sessions) => sessions?.filter(keep))
  void queryClient.invalidateQueries({ queryKey: sessionKeys.mine() })
}

export function useEndSession() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (id: string) => {
      try {
        await unwrapEmpty(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } }))
      } catch (error) {
        // A 404: it ended meanwhile (it expired, or another tab signed it out). Gone either way.
        if (!(error instanceof ApiError && error.status === 404)) throw error
      }
    },
    onSuccess: (_nothing, id) => dropSessions(queryClient, (session) => session.id !== id),
  })
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/me/sessions')),
    onSuccess: () => dropSessions(queryClient, (session) => session.current),
  })
}

export function useChangePassword() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => unwrapEmpty(api.POST('/api/v1/me/password', { body })),
    // Every other session was signed out with it.
    onSuccess: () => dropSessions(queryClient, (session) => session.current),
  })
}
