// A published campaign and the routes its page calls, for the reach, timeline and insight tests.
import { json, type Handler } from '../../test/fakeApi'

export const campaign = {
  id: 'c1',
  slug: 'summer-bottle',
  organization: 'acme',
  kind: 'design',
  title: 'Summer bottle',
  summary: 'Design our bottle',
  brief: 'A bottle for summer.',
  phase: 'submission',
  rules: { voting_method: 'upvote' },
  prize_tiers: [],
  participation_points: { per_contribution: 5, per_vote: 1, per_referral: 20 },
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
}

/** What the campaign page loads besides the campaign's visit. */
export function campaignPageRoutes(): Record<string, Handler> {
  return {
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1/contributions': () => json({ items: [], next_cursor: null }),
    'GET /api/v1/campaigns/c1/points-leaderboard': () => json({ items: [], next_cursor: null }),
    'GET /api/v1/me/organizations': () => json({ items: [], next_cursor: null }),
  }
}

export const visited = () => json({ first_touch: true, counted: true, via_recognized: true })
