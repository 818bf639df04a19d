// Reach: visits, a campaign's invitation channels and my personal referral code. Keys come from
// `reachKeys`; my code is under `meKeys`, so it goes with the signed-in user.
import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import { reachKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import { visitorId } from '../../api/visitor'

export type Channel = Schemas['ChannelResponse']
export type ChannelKind = Schemas['ChannelKind']
export type Referral = Schemas['ReferralResponse']

export const CHANNEL_KINDS: readonly ChannelKind[] = ['newsletter', 'community', 'social', 'partner', 'other']

/**
 * Counts this browser as a visitor of the campaign (once a day on the server's side), crediting
 * `via` when it is the first touch. Fire and forget: the page never waits for it or shows its
 * failure, since a visitor count must not stand between anyone and the campaign.
 */
export function recordVisit(campaign: string, via: string | null): void {
  api
    .POST('/api/v1/campaigns/{id}/visits', {
      params: { path: { id: campaign } },
      body: via === null ? { visitor_id: visitorId() } : { visitor_id: visitorId(), via },
    })
    .catch(() => {})
}

/** The API's page size limit: a campaign has a handful of channels, so one page usually holds all. */
const CHANNEL_PAGE = 100

export const reachQueries = {
  channels: (campaignId: string) =>
    infiniteQueryOptions({
      queryKey: reachKeys.channels(campaignId),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/channels', {
            params: { path: { id: campaignId }, query: { limit: CHANNEL_PAGE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
}

export function useChannels(campaignId: string) {
  return useInfiniteQuery(reachQueries.channels(campaignId))
}

export function useCreateChannel(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['CreateChannelRequest']) =>
      unwrap(api.POST('/api/v1/campaigns/{id}/channels', { params: { path: { id: campaignId } }, body })),
    onSuccess: (channel) => {
      // Oldest first: the new channel goes at the end of the last page loaded; the refetch confirms.
      queryClient.setQueryData(reachQueries.channels(campaignId).queryKey, (data) => {
        if (!data || data.pages.length === 0) return data
        const pages = [...data.pages]
        const last = pages[pages.length - 1]
        if (last.next_cursor) return data
        pages[pages.length - 1] = { ...last, items: [...last.items, channel] }
        return { ...data, pages }
      })
      void queryClient.invalidateQueries({ queryKey: reachKeys.channels(campaignId) })
    },
  })
}

/**
 * My referral code for a campaign, made by the first request (201) and the same afterwards (200).
 * A mutation, asked for on demand: it may create something, so no page load should send it.
 */
export function useMyReferral(campaignId: string) {
  return useMutation({
    mutationKey: reachKeys.myReferral(campaignId),
    mutationFn: () => unwrap(api.POST('/api/v1/campaigns/{id}/referrals', { params: { path: { id: campaignId } } })),
  })
}

/** A link the API gives relative to the site (`/c/slug?via=code`), as one to share anywhere. */
export function absoluteLink(link: string): string {
  return new URL(link, window.location.origin).href
}
