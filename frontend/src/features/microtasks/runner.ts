// The task runner's calls: pick up a lease I still hold or claim the next task (a 204 says I am
// finished, or with `Retry-After` that others hold what is left), extend or give back the lease,
// answer. Leases end on the server's clock, so every claim comes with how far that clock is from
// this browser's (`skew`): a new claim's `created_at` is the server's "now" (to the millisecond,
// and the clock that judges leases, also where a test server stops its clock); a lease picked up
// again is measured by the response's `Date` header.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { retryAfterOf, unwrap } from '../../api/errors'
import { workKeys } from '../../api/queryKeys'
import { clockSkew } from '../../api/serverClock'
import type { Claim } from './queries'

/** A claim as the runner holds it: `skew` is the server's clock minus this browser's, in ms. */
export interface HeldClaim {
  claim: Claim
  skew: number
}

export type NextTask =
  | ({ kind: 'claimed' } & HeldClaim)
  /** Nothing left for me in this campaign. */
  | { kind: 'finished' }
  /** Every task left is leased by others; some may come back after `retryAfter` seconds. */
  | { kind: 'busy'; retryAfter: number }

/** The server's clock minus this browser's, from a response's `Date`; 0 without one. */
function skewOf(response: Response, receivedAt = Date.now()): number {
  return clockSkew(response, receivedAt) ?? 0
}

/** Milliseconds left of a lease, on the server's clock. */
export function leaseLeft({ claim, skew }: HeldClaim, now = Date.now()): number {
  return Date.parse(claim.lease_expires_at) - (now + skew)
}

/** Claims the next task under the campaign's strategy. */
export async function claimNext(campaignId: string): Promise<NextTask> {
  const call = api.POST('/api/v1/campaigns/{id}/tasks/next', { params: { path: { id: campaignId } } })
  const { response } = await call
  if (response.status === 204) {
    const retryAfter = retryAfterOf(response)
    return retryAfter === undefined ? { kind: 'finished' } : { kind: 'busy', retryAfter }
  }
  const receivedAt = Date.now()
  const claim = await unwrap(call)
  const created = Date.parse(claim.created_at)
  return { kind: 'claimed', claim, skew: Number.isNaN(created) ? skewOf(response, receivedAt) : created - receivedAt }
}

/** A lease I hold in this campaign that is still running (a reload, another tab), to answer first. */
export async function heldClaim(campaignId: string): Promise<HeldClaim | null> {
  const call = api.GET('/api/v1/me/claims', { params: { query: { campaign: campaignId, status: 'active', limit: 5 } } })
  const page = await unwrap(call)
  const skew = skewOf((await call).response)
  const held = page.items.map((claim) => ({ claim, skew })).find((candidate) => leaseLeft(candidate) > 0)
  return held ?? null
}

/** My standing and my list of answers change with every answer and every lease given back. */
function useRefreshMyWork(campaignId: string) {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: workKeys.settings(campaignId) }),
      queryClient.invalidateQueries({ queryKey: workKeys.claims() }),
    ])
}

/** A longer lease, on the same clock as before. */
export function useExtendClaim() {
  return useMutation({
    mutationFn: async (held: HeldClaim): Promise<HeldClaim> => {
      const claim = await unwrap(
        api.PATCH('/api/v1/claims/{id}', { params: { path: { id: held.claim.id } }, body: { action: 'extend' } }),
      )
      return { claim, skew: held.skew }
    },
  })
}

export function useReleaseClaim(campaignId: string) {
  const refresh = useRefreshMyWork(campaignId)
  return useMutation({
    mutationFn: (claimId: string) =>
      unwrap(api.PATCH('/api/v1/claims/{id}', { params: { path: { id: claimId } }, body: { action: 'release' } })),
    onSettled: () => void refresh(),
  })
}

export function useSubmitAnswer(campaignId: string) {
  const refresh = useRefreshMyWork(campaignId)
  return useMutation({
    mutationFn: ({ claimId, answer }: { claimId: string; answer: unknown }) =>
      unwrap(api.POST('/api/v1/claims/{id}/submission', { params: { path: { id: claimId } }, body: { answer } })),
    onSuccess: () => void refresh(),
  })
}
