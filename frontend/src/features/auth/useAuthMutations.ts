// Register, sign in and sign out. A new identity changes what every query may return, so each
// of these resets the query cache.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { flushSync } from 'react-dom'
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

/**
 * The session ended here (sign-out, account deleted): forget the tokens and everything kept about
 * the user. The pages re-render signed out first, at once (flushSync): a query of the user's that
 * a render still signed in left enabled would otherwise ask for it again, without a token, once it
 * is dropped (Preact runs effects a frame late, so such a render may not have settled yet).
 */
export function signedOut(queryClient: QueryClient): void {
  flushSync(() => endSession())
  queryClient.removeQueries({ queryKey: meKeys.all })
  void queryClient.resetQueries()
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
    // Everything kept about this user goes with them, not just reset for the next one.
    onSettled: () => signedOut(queryClient),
  })
}
