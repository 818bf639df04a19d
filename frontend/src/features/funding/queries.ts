// Crowdfunding: a funding campaign's progress and tiers (public), my pledges, and the managers'
// settings, tier editor, report, backers, payments and settlement. Keys come from `fundingKeys`
// and `pledgeKeys`. A pledge, a payment or a settlement changes everything of its campaign's
// funding (totals, what remains of a tier, the report, the backers), so each invalidates the
// campaign's whole prefix.
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
import { ApiError, unwrap, unwrapEmpty } from '../../api/errors'
import { fundingKeys, pledgeKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import type { Campaign } from '../campaigns/queries'
import { filenameOf, saveBlob } from '../insight/download'

export type Funding = Schemas['FundingResponse']
export type FundingTotals = Schemas['FundingTotals']
export type FundingModel = Schemas['FundingModel']
export type FundingOutcome = Schemas['FundingOutcome']
export type PaymentProvider = Schemas['PaymentProvider']
export type StretchGoal = Schemas['StretchGoal']
export type Tier = Schemas['TierResponse']
export type Pledge = Schemas['PledgeResponse']
export type PledgeStatus = Schemas['PledgeStatus']
export type Payment = Schemas['PaymentResponse']
export type FundingReport = Schemas['FundingReport']
export type MoneyGroup = Schemas['MoneyGroup']
export type SettleReport = Schemas['SettleReport']
export type FundingSettingsRequest = Schemas['FundingSettingsRequest']
export type CreateTierRequest = Schemas['CreateTierRequest']
export type UpdateTierRequest = Schemas['UpdateTierRequest']
export type CreatePledgeRequest = Schemas['CreatePledgeRequest']
export type UpdatePledgeRequest = Schemas['UpdatePledgeRequest']

const PAGE_SIZE = 20

/** A refusal that is an answer (no goal set yet, not a funding campaign, not allowed): not worth retrying. */
const retryServerErrors = (failures: number, error: unknown) => !(error instanceof ApiError && error.status < 500) && failures < 2

export const fundingQueries = {
  /**
   * Progress, the rules and every tier (the organisers' tier editor reads them here too); a 409
   * `funding.not_configured` until the goal is set.
   */
  detail: (campaignId: string) =>
    queryOptions({
      queryKey: fundingKeys.detail(campaignId),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/campaigns/{id}/funding', { params: { path: { id: campaignId } }, signal })),
      retry: retryServerErrors,
    }),
  report: (campaignId: string) =>
    queryOptions({
      queryKey: fundingKeys.report(campaignId),
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/v1/campaigns/{id}/funding/report', { params: { path: { id: campaignId } }, signal })),
      retry: retryServerErrors,
    }),
  backers: (campaignId: string, status: PledgeStatus | null) =>
    infiniteQueryOptions({
      queryKey: fundingKeys.backers(campaignId, status),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/campaigns/{id}/backers', {
            params: { path: { id: campaignId }, query: { status: status ?? undefined, limit: PAGE_SIZE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  mine: () =>
    infiniteQueryOptions({
      queryKey: pledgeKeys.mine(),
      queryFn: ({ pageParam, signal }) =>
        unwrap(api.GET('/api/v1/me/pledges', { params: { query: { limit: PAGE_SIZE, cursor: pageParam } }, signal })),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
}

export function useFunding(campaignId: string) {
  return useQuery(fundingQueries.detail(campaignId))
}

export function useFundingReport(campaignId: string) {
  return useQuery(fundingQueries.report(campaignId))
}

export function useBackers(campaignId: string, status: PledgeStatus | null) {
  return useInfiniteQuery(fundingQueries.backers(campaignId, status))
}

export function useMyPledges() {
  return useInfiniteQuery(fundingQueries.mine())
}

/** Whether the problem is a 409 `funding.not_configured`: the campaign has no goal yet. */
export function isNotConfigured(error: unknown): boolean {
  return error instanceof ApiError && error.problem?.code === 'funding.not_configured'
}

/** Everything of the campaign's funding, and my pledges, are stale after a change to either. */
function refreshFunding(queryClient: QueryClient, campaignId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: fundingKeys.campaign(campaignId) }),
    queryClient.invalidateQueries({ queryKey: pledgeKeys.mine() }),
  ])
}

/** Puts a changed pledge into my list at once; the refetch confirms it. */
function putMyPledge(queryClient: QueryClient, pledge: Pledge) {
  queryClient.setQueryData(fundingQueries.mine().queryKey, (data) =>
    data && {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map((candidate) => (candidate.id === pledge.id ? pledge : candidate)),
      })),
    },
  )
}

export function useSaveFundingSettings(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: FundingSettingsRequest) =>
      unwrap(api.PUT('/api/v1/campaigns/{id}/funding', { params: { path: { id: campaignId } }, body })),
    onSuccess: (funding) => {
      queryClient.setQueryData(fundingQueries.detail(campaignId).queryKey, funding)
      return queryClient.invalidateQueries({ queryKey: fundingKeys.report(campaignId) })
    },
  })
}

export function useCreateTier(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateTierRequest) =>
      unwrap(api.POST('/api/v1/campaigns/{id}/tiers', { params: { path: { id: campaignId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fundingKeys.campaign(campaignId) }),
  })
}

export function useUpdateTier(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateTierRequest }) =>
      unwrap(api.PATCH('/api/v1/tiers/{id}', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fundingKeys.campaign(campaignId) }),
  })
}

/**
 * Deletes a tier, then, once the funding is asked for again, calls `onDeleted`. It is called from
 * the mutation's own options, which always run: the tier's row, which calls `mutate`, leaves the
 * page as soon as the refetched tiers arrive, often well before the campaign's other funding
 * queries waited for here, and TanStack Query runs a callback given to `mutate` only while that
 * component is there.
 */
export function useDeleteTier(campaignId: string, onDeleted: () => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrapEmpty(api.DELETE('/api/v1/tiers/{id}', { params: { path: { id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: fundingKeys.campaign(campaignId) })
      onDeleted()
    },
  })
}

/** The mutation that makes a pledge (see `useCreatePledge`). */
export type CreatePledge = ReturnType<typeof useCreatePledge>

export function useCreatePledge(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreatePledgeRequest) =>
      unwrap(api.POST('/api/v1/campaigns/{id}/pledges', { params: { path: { id: campaignId } }, body })),
    onSuccess: () => refreshFunding(queryClient, campaignId),
    // A refusal about a tier (sold out meanwhile, no longer offered) means the tiers shown are stale.
    onError: () => queryClient.invalidateQueries({ queryKey: fundingKeys.detail(campaignId) }),
  })
}

export function useUpdatePledge() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePledgeRequest }) =>
      unwrap(api.PATCH('/api/v1/pledges/{id}', { params: { path: { id } }, body })),
    onSuccess: (pledge) => {
      putMyPledge(queryClient, pledge)
      return refreshFunding(queryClient, pledge.campaign_id)
    },
    // A refused change (a reward sold out meanwhile) means the rewards shown are stale.
    onError: () => queryClient.invalidateQueries({ queryKey: fundingKeys.all }),
  })
}

export function useCancelPledge() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/pledges/{id}', { params: { path: { id } } })),
    onSuccess: (pledge) => {
      putMyPledge(queryClient, pledge)
      return refreshFunding(queryClient, pledge.campaign_id)
    },
  })
}

/**
 * A manager records the money of a manual pledge as received (the whole amount); `onRecorded` once
 * the funding is asked for again. It is called from the mutation's own options, which always run:
 * in a list of backers filtered by state, the pledge's row, with the form that calls `mutate`,
 * leaves as soon as the refetched list arrives, often before the other queries waited for here,
 * and TanStack Query runs a callback given to `mutate` only while that component is there.
 */
export function useRecordPayment(campaignId: string, onRecorded: () => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ pledge, reference }: { pledge: Pledge; reference: string }) =>
      unwrap(
        api.POST('/api/v1/pledges/{id}/payments', {
          params: { path: { id: pledge.id } },
          body: { amount_minor: pledge.amount_minor, reference: reference === '' ? null : reference },
        }),
      ),
    onSuccess: async () => {
      await refreshFunding(queryClient, campaignId)
      onRecorded()
    },
  })
}

/** A settlement run, or with `dry_run` what one would do; a real run's funding is shown at once. */
export function useSettle(campaignId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (dryRun: boolean) =>
      unwrap(api.POST('/api/v1/campaigns/{id}/funding/settle', { params: { path: { id: campaignId } }, body: { dry_run: dryRun } })),
    onSuccess: ({ report, funding }) => {
      if (report.dry_run) return undefined
      queryClient.setQueryData(fundingQueries.detail(campaignId).queryKey, funding)
      return refreshFunding(queryClient, campaignId)
    },
  })
}

/** Downloads the backers as CSV through the typed client (it carries the session's token). */
export function useBackerExport(campaign: Campaign) {
  return useMutation({
    mutationFn: async () => {
      const call = api.GET('/api/v1/campaigns/{id}/export/backers.csv', { params: { path: { id: campaign.id } }, parseAs: 'blob' })
      const blob = await unwrap(call)
      const { response } = await call
      const filename = filenameOf(response.headers.get('Content-Disposition'), `${campaign.slug}-backers.csv`)
      saveBlob(blob, filename)
      return filename
    },
  })
}
