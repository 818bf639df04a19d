// Micro-tasking: a campaign's question and rules with my standing (`workKeys.settings`), my claims
// (`workKeys.claims`), and the managers' tasks, review queue, workers and progress (`taskKeys`).
// A review, a new task or an import changes counts, results, the queue and the workers' records
// at once, so each invalidates the campaign's whole `taskKeys` prefix. The runner's own calls
// (claim, extend, release, answer) are in runner.ts.
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
import { ApiError, isProblem, unwrap } from '../../api/errors'
import { taskKeys, workKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import { postWithProgress } from '../../api/xhr'
import type { Campaign } from '../campaigns/queries'
import { filenameOf, saveBlob } from '../insight/download'

export type TaskSettings = Schemas['TaskSettingsResponse']
export type TaskSettingsRequest = Schemas['TaskSettingsRequest']
export type AnswerForm = Schemas['AnswerForm']
export type AnswerKind = AnswerForm['kind']
export type ChoiceOption = Schemas['ChoiceOption']
export type TaskStrategy = Schemas['TaskStrategy']
export type RetirementRule = Schemas['RetirementRule']
export type WorkerStatus = Schemas['WorkerStatus']
export type WorkerStanding = Schemas['WorkerStanding']
export type Task = Schemas['TaskResponse']
export type TaskState = Schemas['TaskState']
export type TaskListFilter = Schemas['TaskListFilter']
export type CreateTaskRequest = Schemas['CreateTaskRequest']
export type ImportResult = Schemas['ImportTasksResponse']
export type Claim = Schemas['ClaimResponse']
export type ClaimStatus = Schemas['ClaimStatus']
export type TaskProgress = Schemas['TaskProgress']

const PAGE_SIZE = 20

/** A refusal that is an answer (not configured, not a microtask campaign, not allowed): not worth retrying. */
const retryServerErrors = (failures: number, error: unknown) => !(error instanceof ApiError && error.status < 500) && failures < 2

export const taskQueries = {
  /** The question and rules with my standing; a 409 `tasks.not_configured` until the question is set. */
  settings: (campaignId: string) =>
    queryOptions({
      queryKey: workKeys.settings(campaignId),
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/v1/campaigns/{id}/task-settings', { params: { path: { id: campaignId } }, signal })),
      retry: retryServerErrors,
    }),
  tasks: (campaignId: string, state: TaskListFilter) =>
    infiniteQueryOptions({
      queryKey: taskKeys.list(campaignId, state),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/tasks', {
            params: { path: { id: campaignId }, query: { state, limit: PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  claims: (campaignId: string, status: ClaimStatus) =>
    infiniteQueryOptions({
      queryKey: taskKeys.claims(campaignId, status),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/claims', {
            params: { path: { id: campaignId }, query: { status, limit: PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  workers: (campaignId: string) =>
    infiniteQueryOptions({
      queryKey: taskKeys.workers(campaignId),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/workers', {
            params: { path: { id: campaignId }, query: { limit: PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  progress: (campaignId: string) =>
    queryOptions({
      queryKey: taskKeys.progress(campaignId),
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/v1/campaigns/{id}/task-progress', { params: { path: { id: campaignId } }, signal })),
      retry: retryServerErrors,
    }),
  mine: (status: ClaimStatus | null) =>
    infiniteQueryOptions({
      queryKey: workKeys.claimList(status),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/me/claims', {
            params: { query: { status: status ?? undefined, limit: PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
}

export function useTaskSettings(campaignId: string) {
  return useQuery(taskQueries.settings(campaignId))
}

export function useTasks(campaignId: string, state: TaskListFilter) {
  return useInfiniteQuery(taskQueries.tasks(campaignId, state))
}

export function useCampaignClaims(campaignId: string, status: ClaimStatus) {
  return useInfiniteQuery(taskQueries.claims(campaignId, status))
}

export function useWorkers(campaignId: string) {
  return useInfiniteQuery(taskQueries.workers(campaignId))
}

export function useTaskProgress(campaignId: string) {
  return useQuery(taskQueries.progress(campaignId))
}

export function useMyClaims(status: ClaimStatus | null) {
  return useInfiniteQuery(taskQueries.mine(status))
}

/** Whether the problem has this code. */
export function hasCode(error: unknown, code: Schemas['ErrorCode']): boolean {
  return error instanceof ApiError && error.problem?.code === code
}

/** Everything the managers see of the campaign's tasks is stale after a change to any of it. */
function refreshTasks(queryClient: QueryClient, campaignId: string) {
  return queryClient.invalidateQueries({ queryKey: taskKeys.campaign(campaignId) })
}

export function useSaveTaskSettings(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: TaskSettingsRequest) =>
      unwrap(api.PUT('/api/v1/campaigns/{id}/task-settings', { params: { path: { id: campaignId } }, body })),
    onSuccess: (settings) => queryClient.setQueryData(taskQueries.settings(campaignId).queryKey, settings),
  })
}

export function useCreateTask(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateTaskRequest) =>
      unwrap(api.POST('/api/v1/campaigns/{id}/tasks', { params: { path: { id: campaignId } }, body })),
    onSuccess: () => refreshTasks(queryClient, campaignId),
  })
}

/** Where an import stands: its file on the way (with the share sent), then the server checking its rows. */
export type ImportStage = { stage: 'uploading'; fraction: number } | { stage: 'checking' }

/** The media type the API reads a task file as: JSON by its name or type, CSV otherwise. */
export function importContentType(file: File): 'application/json' | 'text/csv' {
  return file.type === 'application/json' || file.name.toLowerCase().endsWith('.json') ? 'application/json' : 'text/csv'
}

function isImportResult(body: unknown): body is ImportResult {
  return typeof body === 'object' && body !== null && 'imported' in body && 'total' in body
}

/**
 * Imports a CSV or JSON file of tasks with its upload progress (an import may be megabytes):
 * all of it, or nothing and a 422 naming every bad row.
 */
export function useImportTasks(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ file, onStage }: { file: File; onStage: (stage: ImportStage) => void }) => {
      onStage({ stage: 'uploading', fraction: 0 })
      const result = await postWithProgress(
        {
          path: `/api/v1/campaigns/${encodeURIComponent(campaignId)}/tasks/import`,
          body: () => file,
          contentType: importContentType(file),
        },
        { onProgress: (fraction) => onStage(fraction >= 1 ? { stage: 'checking' } : { stage: 'uploading', fraction }) },
      )
      if (!isImportResult(result.body)) throw new ApiError(result.status, isProblem(result.body) ? result.body : undefined)
      return result.body
    },
    onSuccess: () => refreshTasks(queryClient, campaignId),
  })
}

export interface ReviewVariables {
  claim: Claim
  body: Schemas['ReviewRequest']
}

/**
 * Reviews an answer, then calls `onReviewed` with what was sent. It is called from the mutation's
 * own options, which always run: the answer's card, which calls `mutate`, leaves the list as soon
 * as a refetch of the list arrives that no longer has it (another review's, while this one is on
 * its way), and TanStack Query runs a callback given to `mutate` only while that card is there.
 */
export function useReview(campaignId: string, onReviewed: (review: ReviewVariables) => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ claim, body }: ReviewVariables) =>
      unwrap(api.POST('/api/v1/claims/{id}/review', { params: { path: { id: claim.id } }, body })),
    // Not waited for: the reviewed answer leaves the list at once, and the lists follow.
    onSuccess: (_claim, review) => {
      void refreshTasks(queryClient, campaignId)
      onReviewed(review)
    },
  })
}

/**
 * Approves answers one request at a time (the API reviews one per request), stopping at the first
 * refusal; `onDone` after each. The lists are asked for again at the end, however it ended.
 */
export function useBulkApprove(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ claims, onDone }: { claims: readonly Claim[]; onDone: (done: number) => void }) => {
      for (const [index, claim] of claims.entries()) {
        await unwrap(api.POST('/api/v1/claims/{id}/review', { params: { path: { id: claim.id } }, body: { decision: 'approved' } }))
        onDone(index + 1)
      }
      return claims.length
    },
    onSettled: () => refreshTasks(queryClient, campaignId),
  })
}

export function useUpdateWorker(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: Schemas['UpdateWorkerRequest'] }) =>
      unwrap(
        api.PATCH('/api/v1/campaigns/{id}/workers/{user_id}', { params: { path: { id: campaignId, user_id: userId } }, body }),
      ),
    onSuccess: () => refreshTasks(queryClient, campaignId),
  })
}

/** Downloads every task's result as CSV through the typed client (it carries the session's token). */
export function useResultsExport(campaign: Campaign) {
  return useMutation({
    mutationFn: async () => {
      const call = api.GET('/api/v1/campaigns/{id}/export/task-results.csv', { params: { path: { id: campaign.id } }, parseAs: 'blob' })
      const blob = await unwrap(call)
      const { response } = await call
      const filename = filenameOf(response.headers.get('Content-Disposition'), `${campaign.slug}-task-results.csv`)
      saveBlob(blob, filename)
      return filename
    },
  })
}
