// The links Schwarm mails to an account's holder: a password reset (`/password-reset/:token`, one
// hour, once) and the confirmation of the address (`/verify-email/:token`, seven days, once), and
// asking for them. Asking for a reset answers alike whether or not an account has the address.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { authApi } from '../../api/bareClient'
import { api } from '../../api/client'
import { ApiError, unwrapEmpty } from '../../api/errors'
import { meKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import { accountQuery } from './useMe'

/** Why a mailed link no longer works (410 `account_link.unavailable`). */
export type LinkUnavailable = 'unknown' | 'used' | 'expired'
const REASONS: readonly LinkUnavailable[] = ['unknown', 'used', 'expired']

/**
 * The reason a link was refused for, or `null` for any other error. A reason this client does not
 * know yet counts as `unknown`; so does a token the API finds malformed (a link cut short).
 */
export function linkUnavailable(error: unknown): LinkUnavailable | null {
  if (!(error instanceof ApiError)) return null
  if (error.fieldErrors.some((fieldError) => fieldError.field === 'token')) return 'unknown'
  if (error.problem?.code !== 'account_link.unavailable') return null
  const reason = error.problem.params?.reason
  return REASONS.find((known) => known === reason) ?? 'unknown'
}

/** `POST /auth/password-reset`: a 202 whether or not an account has the address. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (body: Schemas['PasswordResetRequest']) => unwrapEmpty(authApi.POST('/api/v1/auth/password-reset', { body })),
  })
}

/** `POST /auth/password-reset/confirm`: sets the password; the API signs out every session. */
export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: Schemas['ConfirmPasswordResetRequest']) =>
      unwrapEmpty(authApi.POST('/api/v1/auth/password-reset/confirm', { body })),
  })
}

/** The sign-in page's router state after a new password was set: it says so (see LoginPage). */
export const AFTER_PASSWORD_RESET = { passwordReset: true } as const

export const isAfterPasswordReset = (state: unknown): boolean =>
  typeof state === 'object' && state !== null && 'passwordReset' in state && state.passwordReset === true

/**
 * `POST /auth/verify-email`: confirms an address (signed in or not). The link may be another
 * account's than the one signed in here, so the account is asked for again rather than patched.
 */
export function useVerifyEmail() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (token: string) => unwrapEmpty(authApi.POST('/api/v1/auth/verify-email', { body: { token } })),
    // Also after a refusal: a link found used may have confirmed the address in another tab. A
    // request for the account still on its way (the page has just loaded) was answered before
    // the confirmation; an invalidation would only wait for it, so it is dropped first.
    onSettled: async () => {
      await queryClient.cancelQueries({ queryKey: meKeys.account() })
      await queryClient.invalidateQueries({ queryKey: meKeys.account() })
    },
  })
}

/** Whether asking for a new confirmation link found the address confirmed already (409). */
export const isConfirmedAlready = (error: unknown) =>
  error instanceof ApiError && error.problem?.code === 'account.email_verified'

/**
 * `POST /me/email-verification`: mails the signed-in user a new confirmation link (the earlier one
 * stops working). A 409 means the address is confirmed already: the account says so from then on.
 */
export function useResendVerification() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrapEmpty(api.POST('/api/v1/me/email-verification')),
    onError: (error) => {
      if (!isConfirmedAlready(error)) return
      // At once for what shows the account, and then from the server for the rest of it.
      queryClient.setQueryData(accountQuery.queryKey, (account) => account && { ...account, email_verified: true })
      void queryClient.invalidateQueries({ queryKey: meKeys.account() })
    },
  })
}
