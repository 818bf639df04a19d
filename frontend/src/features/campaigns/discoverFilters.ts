// The discover page's filters live in the URL, so a filtered list can be shared and bookmarked.
import type { Schemas } from '../../api/types'
import type { CampaignFilters } from './queries'

/** Phases a public list can be filtered by (drafts are never listed). */
export const LISTED_PHASES = ['scheduled', 'submission', 'review', 'voting', 'judging', 'closed', 'cancelled'] as const
export const KINDS = ['idea', 'design', 'funding', 'microtask'] as const
export const SORTS = ['newest', 'closing_soon'] as const

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value)
}

export function filtersFromParams(params: URLSearchParams): CampaignFilters {
  const filters: CampaignFilters = {}
  const phase = oneOf<Schemas['Phase']>(LISTED_PHASES, params.get('phase'))
  const kind = oneOf<Schemas['CampaignKind']>(KINDS, params.get('kind'))
  const sort = oneOf<Schemas['CampaignSort']>(SORTS, params.get('sort'))
  const organization = params.get('organization')?.trim()
  const q = params.get('q')?.trim()
  if (phase) filters.phase = phase
  if (kind) filters.kind = kind
  if (sort) filters.sort = sort
  if (organization) filters.organization = organization
  if (q) filters.q = q
  return filters
}

export function paramsFromFilters(filters: CampaignFilters): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value !== '') params.set(key, value)
  }
  return params
}
