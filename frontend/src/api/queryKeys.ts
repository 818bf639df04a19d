// Every key of the query cache, one factory per feature. Queries, invalidations, cache updates and
// tests take their keys from here, so an invalidation always matches what the queries used. Keys
// nest: a shorter key is a prefix that matches every key under it (`campaignKeys.lists()` is every
// campaign list, whatever its filters). The queries themselves (`queryOptions`) are in each
// feature's queries.ts.
//
// The keys sit here, below the features, because a change in one feature makes another's data
// stale: a moderator's decision changes the gallery, a deleted comment leaves the moderators' list,
// a new membership changes which drafts a campaign list holds. Reaching into each other's queries
// for that would tie the features in a circle.
import type { QueryOf } from './types'

/** What the signed-in user owns or sees as themselves: gone with them (sign-out, session end). */
export const meKeys = {
  all: ['me'] as const,
  account: () => [...meKeys.all, 'account'] as const,
  /** How many more contributions I may submit, per campaign. */
  submissionAllowances: () => [...meKeys.all, 'submission-allowance'] as const,
  submissionAllowance: (campaignId: string) => [...meKeys.submissionAllowances(), campaignId] as const,
}

/** The filters of a campaign list (`GET /campaigns` without its paging). */
export type CampaignListFilters = Omit<QueryOf<'/api/v1/campaigns'>, 'cursor' | 'limit'>

export const campaignKeys = {
  all: ['campaigns'] as const,
  lists: () => [...campaignKeys.all, 'list'] as const,
  list: (filters: CampaignListFilters) => [...campaignKeys.lists(), filters] as const,
  details: () => [...campaignKeys.all, 'detail'] as const,
  /** Pages address a campaign by its slug, contributions name it by its id: both are cached. */
  detail: (idOrSlug: string) => [...campaignKeys.details(), idOrSlug] as const,
}

export const contributionKeys = {
  all: ['contributions'] as const,
  galleries: () => [...contributionKeys.all, 'gallery'] as const,
  gallery: (campaignId: string, sort: string, seed: string) => [...contributionKeys.galleries(), campaignId, sort, seed] as const,
  details: () => [...contributionKeys.all, 'detail'] as const,
  detail: (id: string) => [...contributionKeys.details(), id] as const,
  /** The earlier versions of one contribution (kept apart: the detail's cache holds a contribution). */
  revisions: (id: string) => [...contributionKeys.all, 'revisions', id] as const,
}

export const commentKeys = {
  all: ['comments'] as const,
  /** The comments under one contribution. */
  thread: (contributionId: string) => [...commentKeys.all, 'thread', contributionId] as const,
}

export const moderationKeys = {
  all: ['moderation'] as const,
  queue: (campaignId: string) => [...moderationKeys.all, 'queue', campaignId] as const,
  /** Every list of the moderation desk: a resolution, a deleted comment or a new report changes them. */
  reportLists: () => [...moderationKeys.all, 'reports'] as const,
  /** A campaign's reports, open or resolved, all or those on one subject (`targetId`). */
  reports: (campaignId: string, filters: { status: 'open' | 'resolved'; targetId: string | null }) =>
    [...moderationKeys.reportLists(), campaignId, filters] as const,
  /** The decisions on one contribution. */
  log: (contributionId: string) => [...moderationKeys.all, 'log', contributionId] as const,
}

export const voteKeys = {
  all: ['votes'] as const,
  /** My votes in a campaign. */
  mine: (campaignId: string) => [...voteKeys.all, 'mine', campaignId] as const,
  leaderboard: (campaignId: string) => [...voteKeys.all, 'leaderboard', campaignId] as const,
  integrity: (campaignId: string) => [...voteKeys.all, 'integrity', campaignId] as const,
}

export const rewardKeys = {
  all: ['rewards'] as const,
  /** My points, badges and awards (under `meKeys`). */
  mine: () => [...meKeys.all, 'rewards'] as const,
  awards: (campaignId: string) => [...rewardKeys.all, 'awards', campaignId] as const,
  awardsPreview: (campaignId: string) => [...rewardKeys.all, 'awards', campaignId, 'preview'] as const,
  pointsLeaderboard: (campaignId: string) => [...rewardKeys.all, 'points-leaderboard', campaignId] as const,
}

export const organizationKeys = {
  all: ['organizations'] as const,
  detail: (slug: string) => [...organizationKeys.all, slug] as const,
  members: (slug: string) => [...organizationKeys.detail(slug), 'members'] as const,
  /** The organizations I belong to, with my role in each (under `meKeys`). */
  mine: () => [...meKeys.all, 'organizations'] as const,
}

export const reachKeys = {
  all: ['reach'] as const,
  channels: (campaignId: string) => [...reachKeys.all, 'channels', campaignId] as const,
  /** The mutation that asks for my referral code (under `meKeys`). */
  myReferral: (campaignId: string) => [...meKeys.all, 'referral', campaignId] as const,
}

export const insightKeys = {
  all: ['insight'] as const,
  analytics: (campaignId: string) => [...insightKeys.all, 'analytics', campaignId] as const,
}

export const timelineKeys = {
  /** My journey across campaigns (under `meKeys`). */
  mine: () => [...meKeys.all, 'timeline'] as const,
}

export const tokenKeys = {
  /** My access tokens, never their secrets (under `meKeys`). */
  mine: () => [...meKeys.all, 'tokens'] as const,
}

export const sessionKeys = {
  /** The devices I am signed in on (under `meKeys`). */
  mine: () => [...meKeys.all, 'sessions'] as const,
}

export const notificationKeys = {
  /** My inbox, its unread count and my settings (under `meKeys`). */
  all: () => [...meKeys.all, 'notifications'] as const,
  inboxes: () => [...notificationKeys.all(), 'inbox'] as const,
  inbox: (unreadOnly: boolean) => [...notificationKeys.inboxes(), { unreadOnly }] as const,
  /** The bell's count. */
  unread: () => [...notificationKeys.all(), 'unread'] as const,
  settings: () => [...notificationKeys.all(), 'settings'] as const,
}

export const webhookKeys = {
  all: ['webhooks'] as const,
  /** An organization's endpoints. */
  list: (organizationSlug: string) => [...webhookKeys.all, 'list', organizationSlug] as const,
  /** The messages sent to one endpoint. */
  deliveries: (id: string) => [...webhookKeys.all, 'deliveries', id] as const,
}

/**
 * Invitations to an organization's invite-only campaigns: its managers' list of invitations and
 * of the people they admitted, and what a link leads to (public, by its token).
 */
export const invitationKeys = {
  all: ['invitations'] as const,
  /** An organization's invitations, newest first. */
  list: (organizationSlug: string) => [...invitationKeys.all, 'list', organizationSlug] as const,
  /** The people an organization's invitations admitted. */
  participants: (organizationSlug: string) => [...invitationKeys.all, 'participants', organizationSlug] as const,
  /** What the invitation behind a link is for, and whether it still works. */
  preview: (token: string) => [...invitationKeys.all, 'preview', token] as const,
}

/** Crowdfunding: a funding campaign's progress and tiers, and its managers' report and backers. */
export const fundingKeys = {
  all: ['funding'] as const,
  /** Everything of one campaign's funding: a pledge or a settlement changes all of it. */
  campaign: (campaignId: string) => [...fundingKeys.all, campaignId] as const,
  /** The public progress, with the tiers. */
  detail: (campaignId: string) => [...fundingKeys.campaign(campaignId), 'detail'] as const,
  report: (campaignId: string) => [...fundingKeys.campaign(campaignId), 'report'] as const,
  backerLists: (campaignId: string) => [...fundingKeys.campaign(campaignId), 'backers'] as const,
  /** The backers, all or in one state. */
  backers: (campaignId: string, status: string | null) => [...fundingKeys.backerLists(campaignId), { status }] as const,
}

export const pledgeKeys = {
  /** My pledges across campaigns (under `meKeys`). */
  mine: () => [...meKeys.all, 'pledges'] as const,
}

/**
 * Micro-tasking: a campaign's tasks, the answers to review and its workers (managers). A review,
 * a new task or an import changes several of them (counts, results, the queue, the workers'
 * records), so each invalidates the campaign's whole prefix.
 */
export const taskKeys = {
  all: ['tasks'] as const,
  campaign: (campaignId: string) => [...taskKeys.all, campaignId] as const,
  /** The tasks, all or in one state. */
  list: (campaignId: string, state: string) => [...taskKeys.campaign(campaignId), 'list', { state }] as const,
  /** The answers in one state (`submitted`: the review queue). */
  claims: (campaignId: string, status: string) => [...taskKeys.campaign(campaignId), 'claims', { status }] as const,
  workers: (campaignId: string) => [...taskKeys.campaign(campaignId), 'workers'] as const,
  progress: (campaignId: string) => [...taskKeys.campaign(campaignId), 'progress'] as const,
}

/** What belongs to me as a worker (under `meKeys`). */
export const workKeys = {
  /** A campaign's question and rules, with my standing in it: the answer carries both. */
  settings: (campaignId: string) => [...meKeys.all, 'task-settings', campaignId] as const,
  /** My claims and answers across campaigns, all or in one state. */
  claims: () => [...meKeys.all, 'claims'] as const,
  claimList: (status: string | null) => [...workKeys.claims(), { status }] as const,
}

export const statusKeys = {
  health: () => ['health'] as const,
}

/**
 * People found to add to a form (co-authors, members), by part of a name or by an exact email
 * address. Only the signed-in see them (under `meKeys`), so nobody after them reuses a lookup.
 */
export const peopleKeys = {
  all: () => [...meKeys.all, 'people'] as const,
  byName: (text: string) => [...peopleKeys.all(), 'name', text] as const,
  byEmail: (address: string) => [...peopleKeys.all(), 'email', address] as const,
}

export const mediaKeys = {
  /** What an upload may be (the same for everyone, so not under `meKeys`). */
  limits: () => ['media', 'limits'] as const,
}
