// The campaign form's state and its translation to and from the API's request and response.
// Inputs hold text (what the user typed); numbers, money and instants are converted on save, so
// the server's validation speaks about exactly what was sent.
import type { Schemas } from '../../../api/types'
import { formatScaled, parseScaled } from '../../../forms/decimal'
import { minorDigitsOf } from '../../../i18n/format'
import { attachedItems, mediaIds, type MediaItem } from '../../media/mediaItems'

type Schedule = Schemas['ScheduleDto']
export const SCHEDULE_FIELDS = ['submissions_open_at', 'submissions_close_at', 'voting_open_at', 'voting_close_at'] as const

export interface TierDraft {
  key: number
  rank_from: string
  rank_to: string
  title: string
  /** In major units as typed ("500" or "499.99"). */
  amount: string
  currency: string
  points: string
}

export interface CampaignDraft {
  kind: Schemas['CampaignKind']
  title: string
  slug: string
  summary: string
  brief: string
  /** The cover image: none or one (uploaded at once when picked). */
  cover: MediaItem[]
  /** `datetime-local` values in the browser's time zone; all empty means no schedule. */
  schedule: Record<keyof Schedule, string>
  rules: {
    max_contributions_per_member: string
    voting_method: Schemas['VotingMethod']
    vote_budget: string
    allow_self_vote: boolean
    vote_during_submission: boolean
    hide_tallies: boolean
    require_approval: boolean
    guaranteed_prize: boolean
    jury_weight_percent: string
    remix_credit_percent: string
    eligibility: Schemas['Eligibility']
    /** Percent of visitors, decimals allowed; '' means no target. */
    participation_target_percent: string
    /** Contributions by the close of submissions; '' means no target. */
    contribution_target: string
  }
  tiers: TierDraft[]
  points: { per_contribution: string; per_vote: string; per_referral: string }
}

export function emptyDraft(): CampaignDraft {
  return {
    kind: 'idea',
    title: '',
    slug: '',
    summary: '',
    brief: '',
    cover: [],
    schedule: { submissions_open_at: '', submissions_close_at: '', voting_open_at: '', voting_close_at: '' },
    rules: {
      max_contributions_per_member: '1',
      voting_method: 'upvote',
      vote_budget: '',
      allow_self_vote: false,
      vote_during_submission: false,
      hide_tallies: false,
      require_approval: false,
      guaranteed_prize: false,
      jury_weight_percent: '0',
      remix_credit_percent: '0',
      eligibility: 'open',
      participation_target_percent: '',
      contribution_target: '',
    },
    tiers: [],
    points: { per_contribution: '0', per_vote: '0', per_referral: '0' },
  }
}

let nextKey = 1
export function newTier(currency = 'EUR'): TierDraft {
  return { key: nextKey++, rank_from: '', rank_to: '', title: '', amount: '', currency, points: '0' }
}

/** An instant as a `datetime-local` value in the browser's time zone (minutes precision). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A `datetime-local` value (browser time zone) as an RFC 3339 UTC instant; '' stays ''. */
export function fromLocalInput(value: string): string {
  if (value === '') return ''
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : date.toISOString()
}

export function draftFromCampaign(campaign: Schemas['CampaignResponse']): CampaignDraft {
  const base = emptyDraft()
  const rules = campaign.rules
  const points = campaign.participation_points
  const text = (value: number | null | undefined, fallback: string) => (value === null || value === undefined ? fallback : String(value))
  return {
    kind: campaign.kind,
    title: campaign.title,
    slug: campaign.slug,
    summary: campaign.summary,
    brief: campaign.brief,
    cover:
      campaign.cover_media_id && campaign.cover_url ? attachedItems([{ id: campaign.cover_media_id, url: campaign.cover_url }]) : [],
    schedule: campaign.schedule
      ? {
          submissions_open_at: toLocalInput(campaign.schedule.submissions_open_at),
          submissions_close_at: toLocalInput(campaign.schedule.submissions_close_at),
          voting_open_at: toLocalInput(campaign.schedule.voting_open_at),
          voting_close_at: toLocalInput(campaign.schedule.voting_close_at),
        }
      : base.schedule,
    rules: {
      max_contributions_per_member: text(rules.max_contributions_per_member, '1'),
      voting_method: rules.voting_method ?? 'upvote',
      vote_budget: text(rules.vote_budget, ''),
      allow_self_vote: rules.allow_self_vote ?? false,
      vote_during_submission: rules.vote_during_submission ?? false,
      hide_tallies: rules.hide_tallies ?? false,
      require_approval: rules.require_approval ?? false,
      guaranteed_prize: rules.guaranteed_prize ?? false,
      jury_weight_percent: text(rules.jury_weight_percent, '0'),
      remix_credit_percent: text(rules.remix_credit_percent, '0'),
      eligibility: rules.eligibility ?? 'open',
      participation_target_percent: text(rules.participation_target_percent, ''),
      contribution_target: text(rules.contribution_target, ''),
    },
    tiers: campaign.prize_tiers.map((tier) => ({
      key: nextKey++,
      rank_from: String(tier.rank_from),
      rank_to: String(tier.rank_to),
      title: tier.title,
      amount: formatScaled(tier.amount_minor, minorDigitsOf(tier.currency)),
      currency: tier.currency,
      points: text(tier.points, '0'),
    })),
    points: {
      per_contribution: text(points.per_contribution, '0'),
      per_vote: text(points.per_vote, '0'),
      per_referral: text(points.per_referral, '0'),
    },
  }
}

/** Whole numbers as typed; anything else goes to the server as is, which names the field. */
function integer(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text)
}

/** An optional number: empty means none (`null`); a decimal comma is read as a point. */
function optionalNumber(text: string): number | null {
  const trimmed = text.trim()
  return trimmed === '' ? null : Number(trimmed.replace(',', '.'))
}

function scheduleOf(draft: CampaignDraft): Schedule | null {
  const values = SCHEDULE_FIELDS.map((field) => draft.schedule[field])
  if (values.every((value) => value === '')) return null
  return {
    submissions_open_at: fromLocalInput(draft.schedule.submissions_open_at),
    submissions_close_at: fromLocalInput(draft.schedule.submissions_close_at),
    voting_open_at: fromLocalInput(draft.schedule.voting_open_at),
    voting_close_at: fromLocalInput(draft.schedule.voting_close_at),
  }
}

function rulesOf(draft: CampaignDraft): Schemas['RulesDto'] {
  const rules = draft.rules
  return {
    max_contributions_per_member: integer(rules.max_contributions_per_member),
    voting_method: rules.voting_method,
    vote_budget: rules.voting_method === 'budget' ? integer(rules.vote_budget) : null,
    allow_self_vote: rules.allow_self_vote,
    vote_during_submission: rules.vote_during_submission,
    hide_tallies: rules.hide_tallies,
    require_approval: rules.require_approval,
    guaranteed_prize: rules.guaranteed_prize,
    jury_weight_percent: integer(rules.jury_weight_percent),
    remix_credit_percent: integer(rules.remix_credit_percent),
    eligibility: rules.eligibility,
    participation_target_percent: optionalNumber(rules.participation_target_percent),
    contribution_target: optionalNumber(rules.contribution_target),
  }
}

function tiersOf(draft: CampaignDraft): Schemas['PrizeTierDto'][] {
  return draft.tiers.map((tier) => {
    const currency = tier.currency.trim().toUpperCase()
    return {
      rank_from: integer(tier.rank_from),
      rank_to: integer(tier.rank_to),
      title: tier.title,
      amount_minor: parseScaled(tier.amount, minorDigitsOf(currency)) ?? Number.NaN,
      currency,
      points: integer(tier.points),
    }
  })
}

function pointsOf(draft: CampaignDraft): Schemas['PointsDto'] {
  return {
    per_contribution: integer(draft.points.per_contribution),
    per_vote: integer(draft.points.per_vote),
    per_referral: integer(draft.points.per_referral),
  }
}

export function toCreateRequest(draft: CampaignDraft): Schemas['CreateCampaignRequest'] {
  return {
    kind: draft.kind,
    title: draft.title,
    slug: draft.slug.trim() === '' ? null : draft.slug.trim(),
    summary: draft.summary,
    brief: draft.brief,
    cover_media_id: coverOf(draft),
    schedule: scheduleOf(draft),
    rules: rulesOf(draft),
    prize_tiers: tiersOf(draft),
    participation_points: pointsOf(draft),
  }
}

function coverOf(draft: CampaignDraft): string | null {
  return mediaIds(draft.cover).at(0) ?? null
}

/**
 * Once submissions have opened, the API accepts only the texts (and the cover). The cover is sent
 * only when it changed: a new id, or `null` to remove it.
 */
export function toUpdateRequest(
  draft: CampaignDraft,
  textsOnly: boolean,
  currentCover: string | null | undefined,
): Schemas['UpdateCampaignRequest'] {
  const cover = coverOf(draft)
  const texts = {
    title: draft.title,
    summary: draft.summary,
    brief: draft.brief,
    ...(cover !== (currentCover ?? null) && { cover_media_id: cover }),
  }
  if (textsOnly) return texts
  return {
    ...texts,
    schedule: scheduleOf(draft),
    rules: rulesOf(draft),
    prize_tiers: tiersOf(draft),
    participation_points: pointsOf(draft),
  }
}
