import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { i18n } from '../../i18n'
import { startSession } from '../../api/session'
import { authResponse, json, me, stubApi } from '../../test/fakeApi'
import type { Schemas } from '../../api/types'
import { aCampaign } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The page loads lazily: imported up front, so its first load does not eat a query's wait.
import './VoteIntegrityPage'

const campaign = aCampaign({ phase: 'voting' })

type Flag = Schemas['IntegrityFlag']

/** A flag whose drill-down lists its voters and votes (on entry “Wave”, one point each). */
function flag({ kind, voter_ids, vote_ids, params = {} }: Pick<Flag, 'kind' | 'voter_ids' | 'vote_ids'> & { params?: Flag['params'] }): Flag {
  return {
    kind,
    reason: 'English reason from the server',
    params,
    voter_ids,
    vote_ids,
    voters: voter_ids.map((id) => ({ id, display_name: `Name ${id}`, signed_up_at: '2026-01-01T10:00:00Z' })),
    votes: vote_ids.map((id, index) => ({
      id,
      voter_id: voter_ids[index % voter_ids.length] ?? 'u0',
      contribution_id: 'e1',
      contribution_title: 'Wave',
      value: 1,
      cast_at: '2026-01-01T10:05:00Z',
    })),
  }
}

it('takes the votes of the chosen flags out with a reason, and says how many', async () => {
  startSession(authResponse())
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1/vote-integrity': () =>
      json([
        flag({ kind: 'self_vote', voter_ids: ['u2'], vote_ids: ['v1'] }),
        flag({ kind: 'shared_device', voter_ids: ['u3', 'u4', 'u5'], vote_ids: ['v1', 'v2', 'v3'] }),
        flag({ kind: 'new_account_burst', voter_ids: ['u6'], vote_ids: [] }),
      ]),
    'POST /api/v1/campaigns/c1/vote-integrity/invalidate': () =>
      json({ id: 'i1', invalidated: 3, created_at: '2026-01-01T00:00:00Z' }, 201),
  })
  const user = userEvent.setup()
  renderRoute('/c/summer-bottle/vote-integrity')

  expect(await screen.findByRole('heading', { level: 1, name: 'Vote integrity' })).toBeVisible()
  expect(await screen.findByRole('checkbox', { name: 'Burst from new accounts' })).toBeDisabled()

  // A reason is required before anything is sent.
  await user.click(screen.getByRole('checkbox', { name: 'Self-vote' }))
  await user.click(screen.getByRole('checkbox', { name: 'Many voters from one device' }))
  expect(screen.getByText('3 votes chosen')).toBeVisible()
  await user.click(screen.getByRole('button', { name: 'Take these votes out of the score' }))
  expect(screen.getByText('Please give a reason.')).toBeVisible()
  expect(fake.sent('POST /api/v1/campaigns/c1/vote-integrity/invalidate')).toHaveLength(0)

  await user.type(screen.getByRole('textbox', { name: /^Reason/ }), 'one device, many accounts')
  await user.click(screen.getByRole('button', { name: 'Take these votes out of the score' }))

  expect(await screen.findByText('3 votes taken out of the score.')).toBeVisible()
  expect(await fake.sent('POST /api/v1/campaigns/c1/vote-integrity/invalidate')[0]?.json()).toEqual({
    vote_ids: ['v1', 'v2', 'v3'],
    reason: 'one device, many accounts',
  })
  expect(within(screen.getByRole('group', { name: 'Flags' })).queryAllByRole('checkbox', { checked: true })).toHaveLength(0)
})

it('opens a flag to show who voted for what, and takes out single votes of a ring', async () => {
  startSession(authResponse())
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1/vote-integrity': () =>
      json([flag({ kind: 'referral_ring', voter_ids: ['u1', 'u2', 'u3'], vote_ids: ['v1', 'v2', 'v3'], params: { author_name: 'Bea', signed_up_through_link: 3 } })]),
    'POST /api/v1/campaigns/c1/vote-integrity/invalidate': () => json({ id: 'i1', invalidated: 2, created_at: '2026-01-01T00:00:00Z' }, 201),
  })
  await i18n.changeLanguage('de')
  const user = userEvent.setup()
  renderRoute('/c/summer-bottle/vote-integrity')

  expect(
    await screen.findByText('3 Abstimmende kamen über den Empfehlungslink von Bea und stimmten nur für Beiträge von Bea (3 davon haben sich darüber angemeldet).'),
  ).toBeVisible()
  expect(screen.queryByText('English reason from the server')).not.toBeInTheDocument()
  await user.click(screen.getByText('Wer und was'))
  expect(screen.getByText(/^Name u2/, { selector: 'li' })).toHaveTextContent('Name u2 (angemeldet')
  await user.click(screen.getByRole('checkbox', { name: 'Stimme von Name u1 zu „Wave“ herausnehmen' }))
  await user.click(screen.getByRole('checkbox', { name: 'Stimme von Name u3 zu „Wave“ herausnehmen' }))
  const whole = screen.getByRole('checkbox', { name: /Freundeskreis/ })
  expect(whole).toHaveProperty('indeterminate', true)
  await user.type(screen.getByRole('textbox', { name: /^Begründung/ }), 'Freunde der Autorin')
  await user.click(screen.getByRole('button', { name: 'Diese Stimmen aus der Wertung nehmen' }))
  expect(await screen.findByText('2 Stimmen aus der Wertung genommen.')).toBeVisible()
  expect(await fake.sent('POST /api/v1/campaigns/c1/vote-integrity/invalidate')[0]?.json()).toEqual({
    vote_ids: ['v1', 'v3'],
    reason: 'Freunde der Autorin',
  })
})
