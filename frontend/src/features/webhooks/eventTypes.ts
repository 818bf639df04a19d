// The event types an endpoint can subscribe to, grouped by their prefix (`campaign.*`,
// `contribution.*`, ...), each with the key of its plain-language label. `Record`s over the
// generated `EventType` union: a type the API adds does not compile until it has a label and a
// group here.
import type { Schemas } from '../../api/types'
import type { en } from './strings'

export type EventType = Schemas['EventType']
/** `webhook.ping` goes to one endpoint when asked for, never by subscription. */
export type SubscribableEventType = Exclude<EventType, 'webhook.ping'>

type Prefix<T> = T extends `${infer P}.${string}` ? P : never
type Group = keyof typeof en.group

const LABELS: Record<SubscribableEventType, keyof typeof en.event> = {
  'campaign.published': 'campaignPublished',
  'campaign.phase_changed': 'campaignPhaseChanged',
  'campaign.closed': 'campaignClosed',
  'campaign.cancelled': 'campaignCancelled',
  'contribution.submitted': 'contributionSubmitted',
  'contribution.published': 'contributionPublished',
  'contribution.rejected': 'contributionRejected',
  'contribution.hidden': 'contributionHidden',
  'contribution.withdrawn': 'contributionWithdrawn',
  'contribution.updated': 'contributionUpdated',
  'contribution.co_author_answered': 'contributionCoAuthorAnswered',
  'comment.created': 'commentCreated',
  'comment.deleted': 'commentDeleted',
  'report.created': 'reportCreated',
  'vote.cast': 'voteCast',
  'vote.changed': 'voteChanged',
  'vote.retracted': 'voteRetracted',
  'votes.invalidated': 'votesInvalidated',
  'awards.finalized': 'awardsFinalized',
  'award.approved': 'awardApproved',
  'award.paid': 'awardPaid',
  'award.cancelled': 'awardCancelled',
  'points.granted': 'pointsGranted',
  'badge.earned': 'badgeEarned',
  'referral.converted': 'referralConverted',
  'member.added': 'memberAdded',
  'member.role_changed': 'memberRoleChanged',
  'member.removed': 'memberRemoved',
  'pledge.created': 'pledgeCreated',
  'pledge.changed': 'pledgeChanged',
  'pledge.cancelled': 'pledgeCancelled',
  'pledge.collected': 'pledgeCollected',
  'pledge.payment_failed': 'pledgePaymentFailed',
  'pledge.dropped': 'pledgeDropped',
  'pledge.refunded': 'pledgeRefunded',
  'campaign.funded': 'campaignFunded',
  'campaign.failed': 'campaignFailed',
  'tasks.added': 'tasksAdded',
  'claim.created': 'claimCreated',
  'claim.released': 'claimReleased',
  'claim.expired': 'claimExpired',
  'claim.submitted': 'claimSubmitted',
  'claim.approved': 'claimApproved',
  'claim.rejected': 'claimRejected',
  'task.retired': 'taskRetired',
  'worker.paused': 'workerPaused',
  'webhook.disabled': 'webhookDisabled',
}

/**
 * `vote.*` and `votes.*` are one group, as are `award.*` and `awards.*`; micro-tasking's `tasks.*`,
 * `task.*`, `claim.*` and `worker.*` are one too.
 */
const GROUPS: Record<Prefix<SubscribableEventType>, Group> = {
  campaign: 'campaigns',
  contribution: 'contributions',
  comment: 'comments',
  report: 'reports',
  vote: 'votes',
  votes: 'votes',
  awards: 'awards',
  award: 'awards',
  points: 'points',
  badge: 'badges',
  referral: 'referrals',
  member: 'members',
  pledge: 'pledges',
  tasks: 'tasks',
  task: 'tasks',
  claim: 'tasks',
  worker: 'tasks',
  webhook: 'webhooks',
}

/** Every subscribable type, in the API's order. */
export const EVENT_TYPES = Object.keys(LABELS) as SubscribableEventType[]

export function isSubscribable(type: string): type is SubscribableEventType {
  return Object.hasOwn(LABELS, type)
}

/** The strings key of a type's label (types contain `.`, which i18next reads as nesting). */
export function eventLabelKey(type: SubscribableEventType): `event.${keyof typeof en.event}` {
  return `event.${LABELS[type]}`
}

function groupOf(type: SubscribableEventType): Group {
  return GROUPS[type.slice(0, type.indexOf('.')) as Prefix<SubscribableEventType>]
}

/** The types by group, groups in the order their first type comes. */
export const EVENT_GROUPS: readonly { group: Group; types: SubscribableEventType[] }[] = EVENT_TYPES.reduce<
  { group: Group; types: SubscribableEventType[] }[]
>((groups, type) => {
  const group = groupOf(type)
  const existing = groups.find((candidate) => candidate.group === group)
  if (existing) existing.types.push(type)
  else groups.push({ group, types: [type] })
  return groups
}, [])
