// Insight: a campaign's analytics and its CSV exports (owners and managers). Keys come from
// `insightKeys`.
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import { insightKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import type { Campaign } from '../campaigns/queries'
import { filenameOf, saveBlob } from './download'

export type Analytics = Schemas['AnalyticsResponse']
export type Funnel = Schemas['Funnel']
export type Rates = Schemas['Rates']
export type SourceAnalytics = Schemas['SourceAnalytics']
export type DailyAnalytics = Schemas['DailyAnalytics']
export type SegmentAnalytics = Schemas['SegmentAnalytics']

export const insightQueries = {
  analytics: (campaignId: string) =>
    queryOptions({
      queryKey: insightKeys.analytics(campaignId),
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/v1/campaigns/{id}/analytics', { params: { path: { id: campaignId } }, signal })),
    }),
}

export function useAnalytics(campaignId: string) {
  return useQuery(insightQueries.analytics(campaignId))
}

export type ExportKind = 'contributions' | 'votes-by-segment'
export const EXPORT_KINDS: readonly ExportKind[] = ['contributions', 'votes-by-segment']

function fetchExport(campaignId: string, kind: ExportKind) {
  const params = { path: { id: campaignId } }
  // Through the typed client, so the request carries the session's token (a plain link would not).
  return kind === 'contributions'
    ? api.GET('/api/v1/campaigns/{id}/export/contributions.csv', { params, parseAs: 'blob' })
    : api.GET('/api/v1/campaigns/{id}/export/votes-by-segment.csv', { params, parseAs: 'blob' })
}

/** Downloads an export and hands it to the browser as a file; resolves to the file's name. */
export function useExport(campaign: Campaign) {
  return useMutation({
    mutationFn: async (kind: ExportKind) => {
      const call = fetchExport(campaign.id, kind)
      const blob = await unwrap(call)
      const { response } = await call
      const filename = filenameOf(response.headers.get('Content-Disposition'), `${campaign.slug}-${kind}.csv`)
      saveBlob(blob, filename)
      return filename
    },
  })
}
