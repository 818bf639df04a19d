// Organization queries and mutations: the public profile, members and their roles, and the
// signed-in user's own memberships (which is where a page learns the user's role). Keys come from
// `organizationKeys`; my memberships are under `meKeys`, so whatever forgets the signed-in user
// (sign-out, session end) forgets them too.
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import { campaignKeys, organizationKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import { useSignedIn } from '../auth/useSession'

export type Role = Schemas['Role']
export type Membership = Schemas['MembershipResponse']

// The API pages members; an organization's staff fits in the largest page it serves.
const MEMBERS_PAGE = 100

// One page of the largest size the API serves; more pages are followed, but nobody belongs to that many.
const MY_ORGANIZATIONS_PAGE = 100

export const organizationQueries = {
  detail: (slug: string) =>
    queryOptions({
      queryKey: organizationKeys.detail(slug),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organizations/{slug}', { params: { path: { slug } }, signal })),
    }),
  members: (slug: string) =>
    queryOptions({
      queryKey: organizationKeys.members(slug),
      queryFn: ({ signal }) =>
        unwrap(
          api.GET('/api/v1/organizations/{slug}/members', {
            params: { path: { slug }, query: { limit: MEMBERS_PAGE } },
            signal,
          }),
        ),
    }),
  /**
   * The organizations the signed-in user belongs to, with their role in each (`GET /me/organizations`).
   * One query per session: it changes only when the user creates an organization or a membership
   * changes, and those mutations invalidate it.
   */
  mine: () =>
    queryOptions({
      queryKey: organizationKeys.mine(),
      queryFn: async ({ signal }) => {
        const memberships: Membership[] = []
        let cursor: string | undefined
        do {
          const page = await unwrap(
            api.GET('/api/v1/me/organizations', { params: { query: { limit: MY_ORGANIZATIONS_PAGE, cursor } }, signal }),
          )
          memberships.push(...page.items)
          cursor = page.next_cursor ?? undefined
        } while (cursor !== undefined)
        return memberships
      },
      staleTime: Infinity,
    }),
}

export function useOrganization(slug: string) {
  return useQuery(organizationQueries.detail(slug))
}

export function useMembers(slug: string, enabled = true) {
  return useQuery({ ...organizationQueries.members(slug), enabled })
}

/** My memberships; idle while nobody is signed in. */
export function useMyOrganizations() {
  const signedIn = useSignedIn()
  return useQuery({ ...organizationQueries.mine(), enabled: signedIn })
}

/**
 * The signed-in user's role in an organization, or `null` when they have none (or nobody is signed
 * in). Read from the user's own memberships, so asking about a foreign organization sends nothing
 * that the API would refuse.
 */
export function useMyRole(slug: string): { role: Role | null; isPending: boolean } {
  const signedIn = useSignedIn()
  const mine = useMyOrganizations()
  if (!signedIn) return { role: null, isPending: false }
  if (mine.isPending) return { role: null, isPending: true }
  const membership = mine.data?.find((candidate) => candidate.organization.slug === slug)
  return { role: membership?.role ?? null, isPending: false }
}

export const canManage = (role: Role | null) => role === 'owner' || role === 'manager'
export const canModerate = (role: Role | null) => canManage(role) || role === 'moderator'

export function useCreateOrganization() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['CreateOrganizationRequest']) => unwrap(api.POST('/api/v1/organizations', { body })),
    onSuccess: (organization) => {
      queryClient.setQueryData(organizationQueries.detail(organization.slug).queryKey, organization)
      void queryClient.invalidateQueries({ queryKey: organizationKeys.mine() })
    },
  })
}

export function useUpdateOrganization(slug: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['UpdateOrganizationRequest']) =>
      unwrap(api.PATCH('/api/v1/organizations/{slug}', { params: { path: { slug } }, body })),
    onSuccess: (organization) => queryClient.setQueryData(organizationQueries.detail(slug).queryKey, organization),
  })
}

/**
 * A membership changed, possibly the user's own: the member list, "my organizations" and the
 * campaign lists (whose drafts depend on the viewer's role) are stale.
 */
function invalidateMemberships(queryClient: QueryClient, slug: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: organizationKeys.members(slug) }),
    queryClient.invalidateQueries({ queryKey: organizationKeys.mine() }),
    queryClient.invalidateQueries({ queryKey: campaignKeys.lists() }),
  ])
}

export function usePutMember(slug: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(
        api.PUT('/api/v1/organizations/{slug}/members/{user_id}', {
          params: { path: { slug, user_id: userId } },
          body: { role },
        }),
      ),
    onSuccess: () => invalidateMemberships(queryClient, slug),
  })
}

export function useRemoveMember(slug: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (userId: string) =>
      unwrapEmpty(
        api.DELETE('/api/v1/organizations/{slug}/members/{user_id}', { params: { path: { slug, user_id: userId } } }),
      ),
    onSuccess: () => invalidateMemberships(queryClient, slug),
  })
}
