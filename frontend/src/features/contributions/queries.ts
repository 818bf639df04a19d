// Contribution queries and mutations. Keys come from `contributionKeys`: a campaign's gallery (by
// order and shuffle seed), one contribution and its earlier versions.
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { ApiError, unwrap, unwrapEmpty } from '../../api/errors'
import { contributionKeys, meKeys, moderationKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'

export type Contribution = Schemas['ContributionResponse']
export type GallerySort = Schemas['GallerySortParam']
export type Revision = Schemas['RevisionResponse']

const PAGE_SIZE = 24
const REVISIONS_PAGE_SIZE = 20

export const contributionQueries = {
  /**
   * A page of the gallery in one order. A shuffle (`random`) stays the same for one `seed`, across
   * pages and visits: without one, the API shuffles for the signed-in user.
   */
  gallery: (campaignId: string, sort: GallerySort, seed: string | null) =>
    infiniteQueryOptions({
      queryKey: contributionKeys.gallery(campaignId, sort, seed ?? 'me'),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/contributions', {
            params: {
              path: { id: campaignId },
              query: { sort, seed: sort === 'random' ? (seed ?? undefined) : undefined, limit: PAGE_SIZE, cursor: pageParam },
            },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: contributionKeys.detail(id),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/contributions/{id}', { params: { path: { id } }, signal })),
    }),
  /** What it said before each edit made after it was first published, newest first. */
  revisions: (id: string) =>
    infiniteQueryOptions({
      queryKey: contributionKeys.revisions(id),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/contributions/{id}/revisions', {
            params: { path: { id }, query: { limit: REVISIONS_PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
}

export function useGallery(campaignId: string, sort: GallerySort, seed: string | null) {
  return useInfiniteQuery(contributionQueries.gallery(campaignId, sort, seed))
}

export function useContribution(id: string) {
  return useQuery(contributionQueries.detail(id))
}

/**
 * Whether a contribution can have earlier versions: the API keeps one only for an edit made after
 * it was first published, and an edit moves `updated_at`. Entries never edited since (most of them)
 * ask for no history at all.
 */
export function mayHaveRevisions(contribution: Contribution): boolean {
  return contribution.published_at != null && contribution.updated_at !== contribution.created_at
}

export function useRevisions(contribution: Contribution) {
  return useInfiniteQuery({ ...contributionQueries.revisions(contribution.id), enabled: mayHaveRevisions(contribution) })
}

/** The API refused because someone else changed the contribution since it was loaded. */
export function isChangedMeanwhile(error: unknown): boolean {
  return error instanceof ApiError && error.problem?.code === 'conflict.changed_meanwhile'
}

/** A contribution changed: the galleries and what the moderators see of it are stale. */
function useContributionRefresher() {
  const queryClient = useQueryClient()
  return (contribution?: Contribution) => {
    if (contribution) queryClient.setQueryData(contributionQueries.detail(contribution.id).queryKey, contribution)
    void queryClient.invalidateQueries({ queryKey: contributionKeys.galleries() })
    void queryClient.invalidateQueries({ queryKey: moderationKeys.all })
    void queryClient.invalidateQueries({ queryKey: meKeys.submissionAllowances() })
  }
}

/** How many more contributions the signed-in user may submit to a campaign (told before the form). */
export function useSubmissionAllowance(campaignId: string) {
  return useQuery({
    queryKey: meKeys.submissionAllowance(campaignId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/campaigns/{id}/submission-allowance', { params: { path: { id: campaignId } }, signal })),
  })
}

export function useCreateContribution(campaignId: string) {
  const refresh = useContributionRefresher()
  return useMutation({
    mutationFn: (body: Schemas['CreateContributionRequest']) =>
      unwrap(api.POST('/api/v1/campaigns/{id}/contributions', { params: { path: { id: campaignId } }, body })),
    onSuccess: refresh,
  })
}

/**
 * Saves an edit. The answer is the contribution as it now stands: where the campaign requires
 * approval, a public entry that changed is `submitted` again and out of the gallery. An edit of a
 * published entry keeps the version it replaced, so its history is stale too.
 */
export function useUpdateContribution(id: string) {
  const refresh = useContributionRefresher()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['UpdateContributionRequest']) =>
      unwrap(api.PATCH('/api/v1/contributions/{id}', { params: { path: { id } }, body })),
    onSuccess: (contribution) => {
      refresh(contribution)
      void queryClient.invalidateQueries({ queryKey: contributionKeys.revisions(id) })
    },
    onError: (error) => {
      // A co-author or a moderator changed it first: what the page shows of it is out of date.
      if (isChangedMeanwhile(error)) void queryClient.invalidateQueries({ queryKey: contributionKeys.detail(id) })
    },
  })
}

export function useWithdrawContribution(id: string) {
  const refresh = useContributionRefresher()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrapEmpty(api.DELETE('/api/v1/contributions/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      refresh()
      void queryClient.invalidateQueries({ queryKey: contributionKeys.detail(id) })
    },
  })
}

export function useAnswerAuthorship(id: string) {
  const refresh = useContributionRefresher()
  return useMutation({
    mutationFn: (accept: boolean) =>
      unwrap(api.POST('/api/v1/contributions/{id}/authorship', { params: { path: { id } }, body: { accept } })),
    onSuccess: refresh,
  })
}

export function useReportContribution(id: string) {
  return useMutation({
    mutationFn: (body: Schemas['ReportRequest']) =>
      unwrap(api.POST('/api/v1/contributions/{id}/reports', { params: { path: { id } }, body })),
  })
}
