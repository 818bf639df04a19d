// Register, sign in and sign out. A new identity changes what every query may return, so each
// of these resets the query cache.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { authApi } from '../../api/bareClient'
import { unwrap, unwrapEmpty } from '../../api/errors'
import { meKeys } from '../../api/queryKeys'
import { endSession, getRefreshToken, startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { accountQuery } from './useMe'

function signedIn(queryClient: QueryClient, auth: Schemas['AuthResponse']) {
  startSession(auth)
  void queryClient.resetQueries()
  queryClient.setQueryData(accountQuery.queryKey, auth.user)
}

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['LoginRequest']) => unwrap(authApi.POST('/api/v1/auth/login', { body })),
    onSuccess: (auth) => signedIn(queryClient, auth),
  })
}

export function useRegister() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['RegisterRequest']) => unwrap(authApi.POST('/api/v1/auth/register', { body })),
    onSuccess: (auth) => signedIn(queryClient, auth),
  })
}

export function useSignOut() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      const refreshToken = getRefreshToken()
      if (refreshToken === null) return
      // Revoke the session on the server too; if that fails we still forget it here.
      await unwrapEmpty(authApi.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } })).catch(() => {})
    },
    onSettled: () => {
      endSession()
      // Everything kept about this user goes with them, not just reset for the next one.
      queryClient.removeQueries({ queryKey: meKeys.all })
      void queryClient.resetQueries()
    },
  })
}
