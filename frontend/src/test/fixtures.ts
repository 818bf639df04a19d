// Typed data as the API sends it, for component tests. Each generator gives a complete answer
// (typed from the generated schema: when the API changes, the fixtures fail to compile, not the
// tests at random), and a test overrides only what it is about:
//   aCampaign({ phase: 'voting', rules: { voting_method: 'stars' } })
import type { Schemas } from '../api/types'
import { json, me, type Handler } from './fakeApi'

type Campaign = Schemas['CampaignResponse']
type Rules = Schemas['RulesDto']
type Points = Schemas['PointsDto']

const CREATED = '2026-01-01T00:00:00Z'

/** A page of a list as the API pages it; the last one unless a cursor is given. */
export function aPage<T>(items: T[], nextCursor: string | null = null) {
  return { items, next_cursor: nextCursor }
}

/** Rules as the API's defaults have them: one entry each, upvotes, open to everyone. */
export function someRules(overrides: Partial<Rules> = {}): Rules {
  return {
    max_contributions_per_member: 1,
    voting_method: 'upvote',
    vote_budget: null,
    allow_self_vote: false,
    vote_during_submission: false,
    hide_tallies: false,
    require_approval: false,
    guaranteed_prize: false,
    jury_weight_percent: 0,
    remix_credit_percent: 0,
    eligibility: 'open',
    participation_target_percent: null,
    contribution_target: null,
    ...overrides,
  }
}

/** A campaign's fields to change; its rules and points are merged into the defaults. */
export type CampaignOverrides = Partial<Omit<Campaign, 'rules' | 'participation_points'>> & {
  rules?: Partial<Rules>
  participation_points?: Partial<Points>
}

/** "Summer bottle" (`c1`, `/c/summer-bottle`) by acme: a design campaign open for submissions. */
export function aCampaign({ rules, participation_points, ...overrides }: CampaignOverrides = {}): Campaign {
  return {
    id: 'c1',
    slug: 'summer-bottle',
    organization: 'acme',
    organization_name: 'ACME',
    kind: 'design',
    title: 'Summer bottle',
    summary: '',
    brief: '',
    phase: 'submission',
    rules: someRules(rules),
    prize_tiers: [],
    participation_points: { per_contribution: 0, per_vote: 0, per_referral: 0, ...participation_points },
    schedule: null,
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  }
}

/** "Wave bottle" (`k1`) in campaign `c1`, published, by Bea alone. */
export function aContribution(overrides: Partial<Schemas['ContributionResponse']> = {}): Schemas['ContributionResponse'] {
  return {
    id: 'k1',
    campaign_id: 'c1',
    title: 'Wave bottle',
    body: '',
    tags: [],
    status: 'published',
    submitter_id: 'u2',
    authors: [{ user_id: 'u2', display_name: 'Bea', share_bp: 10000, accepted: true }],
    media: [],
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  }
}

/** A comment by Bea under contribution `k1`. */
export function aComment(overrides: Partial<Schemas['CommentResponse']> = {}): Schemas['CommentResponse'] {
  return {
    id: 'm1',
    contribution_id: 'k1',
    author_id: 'u2',
    author_display_name: 'Bea',
    body: 'Love it',
    parent_id: null,
    deleted_at: null,
    created_at: '2026-01-02T10:00:00Z',
    ...overrides,
  }
}

/** ACME (`o1`, `/o/acme`), the organization behind the campaigns above. */
export function anOrganization(overrides: Partial<Schemas['OrganizationResponse']> = {}): Schemas['OrganizationResponse'] {
  return { id: 'o1', slug: 'acme', name: 'ACME', description: '', created_at: CREATED, updated_at: CREATED, ...overrides }
}

/** First prize for "Wave bottle", split between its author (me) and the author it remixed. */
export function anAward(overrides: Partial<Schemas['AwardResponse']> = {}): Schemas['AwardResponse'] {
  return {
    id: 'a1',
    campaign_id: 'c1',
    contribution_id: 'k1',
    contribution_title: 'Wave bottle',
    rank: 1,
    title: 'First prize',
    amount_minor: 50001,
    currency: 'EUR',
    points: 100,
    status: 'pending',
    splits: [
      { user_id: me.id, display_name: 'Ada', reason: 'author', amount_minor: 37501, points: 75 },
      { user_id: 'u2', display_name: 'Grace', reason: 'remix_parent', amount_minor: 12500, points: 25 },
    ],
    created_at: '2030-07-01T00:00:00Z',
    updated_at: '2030-07-01T00:00:00Z',
    ...overrides,
  }
}

/** A published campaign as the reach, timeline and insight tests use it. */
export const publishedCampaign = aCampaign({
  summary: 'Design our bottle',
  brief: 'A bottle for summer.',
  participation_points: { per_contribution: 5, per_vote: 1, per_referral: 20 },
})

/** What the page of `publishedCampaign` loads besides its visit. */
export function campaignPageRoutes(): Record<string, Handler> {
  return {
    'GET /api/v1/campaigns/summer-bottle': () => json(publishedCampaign),
    'GET /api/v1/campaigns/c1/contributions': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/points-leaderboard': () => json(aPage([])),
    'GET /api/v1/me/organizations': () => json(aPage([])),
  }
}

/** The API's answer to a counted first visit. */
export const visited = () => json({ first_touch: true, counted: true, via_recognized: true })

/** An unread notification: Bea's comment on my “Wave bottle” (`k1`) in “Summer bottle”. */
export function aNotification(overrides: Partial<Schemas['NotificationResponse']> = {}): Schemas['NotificationResponse'] {
  return {
    id: 'n1',
    kind: 'comment_received',
    category: 'comments',
    subject_id: 'k1',
    campaign_id: 'c1',
    actor_id: 'u2',
    count: 1,
    data: {
      contribution_id: 'k1',
      contribution_title: 'Wave bottle',
      campaign_slug: 'summer-bottle',
      campaign_title: 'Summer bottle',
      organization_slug: 'acme',
      event_type: 'comment.created',
    },
    read_at: null,
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T10:00:00Z',
    ...overrides,
  }
}

/** The notification settings as the API's defaults have them: all in the inbox, mail at once or daily. */
export function someNotificationSettings(): Schemas['NotificationSettings'] {
  return {
    categories: [
      { category: 'my_contributions', in_app: true, email: 'immediate' },
      { category: 'co_authorship', in_app: true, email: 'immediate' },
      { category: 'comments', in_app: true, email: 'daily' },
      { category: 'moderation', in_app: true, email: 'immediate' },
      { category: 'campaign_news', in_app: true, email: 'daily' },
      { category: 'awards', in_app: true, email: 'immediate' },
      { category: 'account', in_app: true, email: 'immediate' },
      { category: 'pledges', in_app: true, email: 'immediate' },
      { category: 'tasks', in_app: true, email: 'daily' },
    ],
  }
}

/** ACME's endpoint `w1` at hooks.example.com: enabled, every event, every campaign. */
export function aWebhook(overrides: Partial<Schemas['WebhookResponse']> = {}): Schemas['WebhookResponse'] {
  return {
    id: 'w1',
    organization: 'acme',
    url: 'https://hooks.example.com/schwarm',
    description: 'CRM sync',
    event_types: null,
    campaign_id: null,
    enabled: true,
    disabled_reason: null,
    failing_since: null,
    previous_secret_valid_until: null,
    created_at: CREATED,
    updated_at: CREATED,
    ...overrides,
  }
}

/** A `contribution.published` message to `w1` whose one attempt got a 500; the next is due later. */
export function aDelivery(overrides: Partial<Schemas['DeliveryResponse']> = {}): Schemas['DeliveryResponse'] {
  return {
    id: 'msg_1',
    event_id: 'e1',
    event_type: 'contribution.published',
    status: 'pending',
    attempts: 1,
    next_attempt_at: '2030-01-01T00:05:00Z',
    created_at: '2026-03-01T10:00:00Z',
    attempt_log: [
      {
        attempt: 1,
        attempted_at: '2026-03-01T10:00:01Z',
        status_code: 500,
        duration_ms: 120,
        response: 'upstream exploded',
        error: null,
      },
    ],
    ...overrides,
  }
}

/** "Early bird" (`t1`) of `c1`: from €25, 12 of 50 taken, available now, delivered September 2030. */
export function aTier(overrides: Partial<Schemas['TierResponse']> = {}): Schemas['TierResponse'] {
  return {
    id: 't1',
    campaign_id: 'c1',
    title: 'Early bird',
    description: 'A bottle from the first batch.',
    min_amount_minor: 2500,
    quantity_limit: 50,
    taken: 12,
    remaining: 38,
    available_from: null,
    available_until: null,
    available_now: true,
    estimated_delivery: '2030-09',
    created_at: CREATED,
    ...overrides,
  }
}

/**
 * The funding of `c1`: €5,000 all or nothing with simulated payments and one stretch goal at
 * €7,500; €3,000 pledged by 42 backers, €1,250 collected from 17; open for 10 more days.
 */
export function aFunding(overrides: Partial<Schemas['FundingResponse']> = {}): Schemas['FundingResponse'] {
  return {
    campaign_id: 'c1',
    goal_minor: 500000,
    currency: 'EUR',
    currency_digits: 2,
    model: 'all_or_nothing',
    backer_goal: null,
    provider: 'simulated',
    grace_days: 7,
    stretch_goals: [{ amount_minor: 750000, title: 'A second colour' }],
    frozen: true,
    // Noon UTC: the same day in every time zone the tests may run in.
    opens_at: '2030-06-01T12:00:00Z',
    deadline: '2030-06-20T12:00:00Z',
    days_left: 10,
    open: true,
    totals: {
      pledged_minor: 300000,
      collected_minor: 125000,
      dropped_minor: 5000,
      refunded_minor: 0,
      backers: 42,
      collected_backers: 17,
      unresolved: 25,
    },
    percent_collected: 25,
    percent_pledged: 60,
    outcome: null,
    decided_at: null,
    tiers: [aTier()],
    ...overrides,
  }
}

/** My pledge `p1` of €30 for “Early bird” to “Summer bottle”: active, simulated, changeable. */
export function aPledge(overrides: Partial<Schemas['PledgeResponse']> = {}): Schemas['PledgeResponse'] {
  return {
    id: 'p1',
    campaign_id: 'c1',
    campaign_slug: 'summer-bottle',
    campaign_title: 'Summer bottle',
    backer_id: me.id,
    backer_name: 'Ada',
    tier_id: 't1',
    tier_title: 'Early bird',
    amount_minor: 3000,
    currency: 'EUR',
    status: 'active',
    provider: 'simulated',
    payment_method: 'sim_ok',
    failure: null,
    grace_until: null,
    changeable: true,
    collected_at: null,
    ended_at: null,
    created_at: '2030-06-02T10:00:00Z',
    updated_at: '2030-06-02T10:00:00Z',
    payments: [],
    ...overrides,
  }
}

/** The question of micro-task campaign `c1`: which animal, one of three; I have 5 answers approved. */
export function aTaskSettings(overrides: Partial<Schemas['TaskSettingsResponse']> = {}): Schemas['TaskSettingsResponse'] {
  return {
    campaign_id: 'c1',
    answer_form: {
      kind: 'single_choice',
      question: 'Which animal is it?',
      options: [
        { value: 'cat', label: 'Cat' },
        { value: 'dog', label: 'Dog' },
        { value: 'fox', label: 'Fox' },
      ],
    },
    strategy: 'depth_first',
    lease_minutes: 15,
    review_delay_hours: 72,
    retirement: 'count',
    consensus_k: null,
    gold_rate_percent: 0,
    min_accuracy_percent: null,
    gold_min_answers: 3,
    rejection_guard_percent: 30,
    form_frozen: false,
    you: {
      paused: false,
      paused_reason: null,
      active_claims: 0,
      pending: 2,
      approved: 5,
      rejected: 1,
      points: 50,
      gold_accuracy_percent: 80,
      gold_answered: 5,
    },
    ...overrides,
  }
}

/** Task `tk1` of `c1`: a zoo photo (`/api/v1/media/m1`) with a text, wanting 3 answers for 10 points each. */
export function aTask(overrides: Partial<Schemas['TaskResponse']> = {}): Schemas['TaskResponse'] {
  return {
    id: 'tk1',
    campaign_id: 'c1',
    payload: { text: 'A photo from the zoo', image: 'm1', link: null },
    image_url: '/api/v1/media/m1',
    instructions: 'Look **closely**.',
    redundancy: 3,
    reward_points: 10,
    priority: 0,
    state: 'open',
    taken: 1,
    answers: 0,
    created_at: CREATED,
    ...overrides,
  }
}

/** My claim `cl1` on task `tk1` of “Summer bottle”, leased from 12:00 to 12:15 on 2030-06-10 (UTC). */
export function aClaim(overrides: Partial<Schemas['ClaimResponse']> = {}): Schemas['ClaimResponse'] {
  return {
    id: 'cl1',
    campaign_id: 'c1',
    campaign_slug: 'summer-bottle',
    campaign_title: 'Summer bottle',
    worker_id: me.id,
    worker_name: 'Ada',
    status: 'active',
    lease_expires_at: '2030-06-10T12:15:00Z',
    task: aTask(),
    answer_form: aTaskSettings().answer_form,
    points: 0,
    created_at: '2030-06-10T12:00:00Z',
    ...overrides,
  }
}

/** Bea's record as a worker in `c1`: 12 approved, 90 % right on 10 gold tasks. */
export function aWorker(overrides: Partial<Schemas['WorkerStanding']> = {}): Schemas['WorkerStanding'] {
  return {
    user_id: 'u2',
    display_name: 'Bea',
    approved: 12,
    rejected: 1,
    pending: 3,
    points: 120,
    gold_accuracy_percent: 90,
    gold_answered: 10,
    paused: false,
    paused_reason: null,
    ...overrides,
  }
}

/** The progress of `c1`: 100 tasks, half done, 12 answers an hour, done before the close. */
export function aTaskProgress(overrides: Partial<Schemas['TaskProgress']> = {}): Schemas['TaskProgress'] {
  return {
    tasks: { total: 100, open: 30, in_progress: 20, completed: 40, retired: 10, gold: 5 },
    answers: { active_leases: 4, pending_review: 7, approved: 150, rejected: 9, expired_leases: 3, released_leases: 2 },
    answers_wanted: 120,
    answers_last_hour: 14,
    answers_per_hour: 12.5,
    workers: 23,
    paused_workers: 1,
    closes_at: '2030-06-20T12:00:00Z',
    projected_completion_at: '2030-06-15T12:00:00Z',
    on_track: true,
    leaderboard: [aWorker()],
    ...overrides,
  }
}

/** ACME's invitation `i1`: a shared link to “Summer bottle” (`c1`), 2 of 10 places taken, no end. */
export function anInvitation(overrides: Partial<Schemas['InvitationResponse']> = {}): Schemas['InvitationResponse'] {
  return {
    id: 'i1',
    campaign_id: 'c1',
    email: null,
    max_uses: 10,
    uses: 2,
    expires_at: null,
    created_at: '2026-03-01T10:00:00Z',
    revoked_at: null,
    status: 'active',
    ...overrides,
  }
}

/** Bea (`u2`), admitted to “Summer bottle” (`c1`) by invitation `i1`; the right's id is `g1`. */
export function aParticipant(overrides: Partial<Schemas['ParticipantResponse']> = {}): Schemas['ParticipantResponse'] {
  return {
    id: 'g1',
    user_id: 'u2',
    display_name: 'Bea',
    campaign_id: 'c1',
    invitation_id: 'i1',
    granted_at: '2026-03-02T10:00:00Z',
    ...overrides,
  }
}

/** What the link of an active invitation by ACME to “Summer bottle” shows, valid until mid-2030. */
export function anInvitationPreview(overrides: Partial<Schemas['InvitationPreview']> = {}): Schemas['InvitationPreview'] {
  return {
    organization_slug: 'acme',
    organization_name: 'ACME',
    campaign_id: 'c1',
    campaign_slug: 'summer-bottle',
    campaign_title: 'Summer bottle',
    status: 'active',
    expires_at: '2030-06-30T12:00:00Z',
    ...overrides,
  }
}

/** Cleo's open report of “Wave bottle” (`k1`) as spam, as the moderation desk lists it. */
export function aDeskReport(overrides: Partial<Schemas['DeskReport']> = {}): Schemas['DeskReport'] {
  return {
    id: 'r1',
    category: 'spam',
    reason: 'Buy cheap watches',
    reporter_id: 'u3',
    reporter_display_name: 'Cleo',
    created_at: '2026-01-03T09:00:00Z',
    target_type: 'contribution',
    target_id: 'k1',
    contribution: aContribution(),
    comment: null,
    open_reports_on_subject: 1,
    resolution: null,
    resolution_reason: null,
    resolved_by: null,
    resolved_at: null,
    ...overrides,
  }
}
