// Moderation queries and mutations. Keys come from `moderationKeys`: a campaign's queue, the
// desk's lists of reports (open or resolved, all or on one subject), and the decisions on one
// contribution.
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import { api } from '../../api/client'
import { ApiError, unwrap } from '../../api/errors'
import { commentKeys, contributionKeys, moderationKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'

export type Decision = Schemas['Decision']
export type DeskReport = Schemas['DeskReport']
export type ReportAction = Schemas['ReportAction']
export type ReportState = Schemas['ReportState']

/** The desk groups reports by subject: the largest page the API serves keeps a subject's reports together. */
const REPORTS_PAGE = 100

export const moderationQueries = {
  queue: (campaignId: string) =>
    infiniteQueryOptions({
      queryKey: moderationKeys.queue(campaignId),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/moderation-queue', {
            params: { path: { id: campaignId }, query: { cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  /** Open reports oldest first, resolved ones newest first; with `targetId`, those on one subject. */
  reports: (campaignId: string, status: ReportState, targetId: string | null = null) =>
    infiniteQueryOptions({
      queryKey: moderationKeys.reports(campaignId, { status, targetId }),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/reports', {
            params: {
              path: { id: campaignId },
              query: { status, target_id: targetId ?? undefined, limit: REPORTS_PAGE, cursor: pageParam },
            },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  log: (contributionId: string) =>
    queryOptions({
      queryKey: moderationKeys.log(contributionId),
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/v1/contributions/{id}/moderation', { params: { path: { id: contributionId } }, signal })),
    }),
}

export function useModerationQueue(campaignId: string) {
  return useInfiniteQuery(moderationQueries.queue(campaignId))
}

export function useReports(campaignId: string, status: ReportState, targetId: string | null = null) {
  return useInfiniteQuery(moderationQueries.reports(campaignId, status, targetId))
}

export function useModerationLog(contributionId: string) {
  return useQuery(moderationQueries.log(contributionId))
}

/** Whether `error` is the API's refusal with `code`. */
export function hasCode(error: unknown, code: Schemas['ErrorCode']): boolean {
  return error instanceof ApiError && error.problem?.code === code
}

export function useModerate(contributionId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['ModerationRequest']) =>
      unwrap(api.POST('/api/v1/contributions/{id}/moderation', { params: { path: { id: contributionId } }, body })),
    onSuccess: (contribution) => {
      queryClient.setQueryData(contributionKeys.detail(contribution.id), contribution)
      void queryClient.invalidateQueries({ queryKey: moderationKeys.all })
      void queryClient.invalidateQueries({ queryKey: contributionKeys.galleries() })
    },
    onError: (error) => {
      // Its authors edited it or another moderator decided first: show it as it stands now.
      if (hasCode(error, 'conflict.changed_meanwhile')) {
        void queryClient.invalidateQueries({ queryKey: moderationKeys.all })
        void queryClient.invalidateQueries({ queryKey: contributionKeys.detail(contributionId) })
      }
    },
  })
}

/** One resolution: any open report on the subject names it; the API settles all of them. */
export interface Resolution {
  reportId: string
  /** The entry the subject is, or that the reported comment is on: its page and gallery change. */
  contributionId: string | null
  body: Schemas['ResolutionRequest']
}

function resolve({ reportId, body }: Resolution) {
  return unwrap(api.POST('/api/v1/reports/{id}/resolution', { params: { path: { id: reportId } }, body }))
}

/** After resolutions: the desk, the queue and the logs, and the entries' pages, galleries and comments. */
function refreshAfter(queryClient: QueryClient, contributionIds: readonly (string | null)[]) {
  void queryClient.invalidateQueries({ queryKey: moderationKeys.all })
  void queryClient.invalidateQueries({ queryKey: contributionKeys.galleries() })
  for (const id of new Set(contributionIds)) {
    if (id === null) continue
    void queryClient.invalidateQueries({ queryKey: contributionKeys.detail(id) })
    void queryClient.invalidateQueries({ queryKey: commentKeys.thread(id) })
  }
}

/**
 * Settles a subject's reports: `onResolved` with the answer, `onResolvedMeanwhile` when another
 * moderator was quicker (409 `report.resolved`). They are called from the mutation's own options,
 * which always run: the subject's card, which calls `mutate`, leaves the desk as soon as a refetch
 * of the reports arrives that no longer has it (another decision's, while this one is on its way),
 * and TanStack Query runs callbacks given to `mutate` only while that card is there.
 */
export function useResolveReport(
  onResolved: (result: Schemas['ResolutionResponse'], resolution: Resolution) => void,
  onResolvedMeanwhile: (resolution: Resolution) => void,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: resolve,
    onSuccess: (result, resolution) => {
      refreshAfter(queryClient, [resolution.contributionId])
      onResolved(result, resolution)
    },
    onError: (error, resolution) => {
      // Another moderator settled them first: show the desk as it stands now.
      if (!hasCode(error, 'report.resolved')) return
      void queryClient.invalidateQueries({ queryKey: moderationKeys.reportLists() })
      onResolvedMeanwhile(resolution)
    },
  })
}

/** How one resolution of a bulk run went: `error` is null when it went through. */
export interface BulkOutcome<T> {
  item: T
  error: unknown
}

/**
 * Resolves several subjects the same way, one request after the other; a refusal does not stop
 * the others. `onDone` counts the requests answered so far (for a progress bar).
 */
export function useBulkResolve<T extends Resolution>() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ items, onDone }: { items: readonly T[]; onDone: (answered: number) => void }) => {
      const outcomes: BulkOutcome<T>[] = []
      for (const item of items) {
        try {
          await resolve(item)
          outcomes.push({ item, error: null })
        } catch (error) {
          outcomes.push({ item, error })
        }
        onDone(outcomes.length)
      }
      return outcomes
    },
    onSettled: (_, __, { items }) => refreshAfter(queryClient, items.map((item) => item.contributionId)),
  })
}
