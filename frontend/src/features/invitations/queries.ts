// Invitations to an organization's invite-only campaigns: its managers' invitations and the people
// they admitted, and, for whoever holds a link, what it is for and accepting it. Keys come from
// `invitationKeys`. A link's address arrives only in the answer that created it: that answer goes
// straight to the page and is kept out of every cache.
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { useEffect } from 'react'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import { campaignKeys, invitationKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import { campaignQueries } from '../campaigns/queries'

export type Invitation = Schemas['InvitationResponse']
export type InvitationStatus = Schemas['InvitationStatus']
export type InvitationPreview = Schemas['InvitationPreview']
export type Participant = Schemas['ParticipantResponse']
export type CreateInvitationRequest = Schemas['CreateInvitationRequest']
export type AcceptedInvitation = Schemas['AcceptedInvitation']

const PAGE_SIZE = 20

export const invitationQueries = {
  list: (organizationSlug: string) =>
    infiniteQueryOptions({
      queryKey: invitationKeys.list(organizationSlug),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/organizations/{slug}/invitations', {
            params: { path: { slug: organizationSlug }, query: { limit: PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  participants: (organizationSlug: string) =>
    infiniteQueryOptions({
      queryKey: invitationKeys.participants(organizationSlug),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/organizations/{slug}/participants', {
            params: { path: { slug: organizationSlug }, query: { limit: PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  preview: (token: string) =>
    queryOptions({
      queryKey: invitationKeys.preview(token),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/invitations/{token}', { params: { path: { token } }, signal })),
    }),
}

export function useInvitations(organizationSlug: string) {
  return useInfiniteQuery(invitationQueries.list(organizationSlug))
}

export function useParticipants(organizationSlug: string) {
  return useInfiniteQuery(invitationQueries.participants(organizationSlug))
}

export function useInvitationPreview(token: string) {
  return useQuery(invitationQueries.preview(token))
}

/**
 * Every campaign of the organization, drafts too (the API lists them for managers): the choices of
 * an invitation, and the titles its list shows. Follows the pages to the end, since a choice
 * missing from the form could not be made at all.
 */
export function useOrganizationCampaigns(organizationSlug: string, enabled: boolean) {
  const list = useInfiniteQuery({ ...campaignQueries.list({ organization: organizationSlug }), enabled })
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = list
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage()
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage])
  return (list.data?.pages ?? []).flatMap((page) => page.items)
}

export function useCreateInvitation(organizationSlug: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateInvitationRequest) =>
      unwrap(api.POST('/api/v1/organizations/{slug}/invitations', { params: { path: { slug: organizationSlug } }, body })),
    // A link's answer holds its address: drop the mutation as soon as nothing observes it.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list(organizationSlug) }),
  })
}

export function useRevokeInvitation(organizationSlug: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrapEmpty(api.DELETE('/api/v1/organizations/{slug}/invitations/{id}', { params: { path: { slug: organizationSlug, id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list(organizationSlug) }),
  })
}

export function useRemoveParticipant(organizationSlug: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrapEmpty(api.DELETE('/api/v1/organizations/{slug}/participants/{id}', { params: { path: { slug: organizationSlug, id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.participants(organizationSlug) }),
  })
}

/**
 * Accepts the invitation `token`, then calls `onAccepted` with where it leads. It is called from the
 * mutation's own options: TanStack Query runs `mutate`'s callbacks only through the page's observer
 * and only while something listens to it, and here they were skipped now and then (the page stayed
 * put after a successful accept in 3 of 6 runs of its test). The mutation's own options always run.
 */
export function useAcceptInvitation(token: string, onAccepted: (accepted: AcceptedInvitation) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/invitations/{token}/accept', { params: { path: { token } } })),
    // Not awaited: the page moves on to the campaign at once, which then loads afresh.
    onSuccess: (accepted) => {
      // One use fewer left, and the campaigns it covers may now be open to this person.
      void queryClient.invalidateQueries({ queryKey: invitationKeys.preview(token) })
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all })
      onAccepted(accepted)
    },
  })
}
