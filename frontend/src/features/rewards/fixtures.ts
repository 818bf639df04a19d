// Awards as the API sends them, for the rewards tests.
import type { Award } from './queries'
import { me } from '../../test/fakeApi'

export function award(overrides: Partial<Award> = {}): Award {
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
