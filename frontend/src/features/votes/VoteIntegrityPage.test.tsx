import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, me, stubApi } from '../../test/fakeApi'
import { aCampaign } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const campaign = aCampaign({ phase: 'voting' })

it('takes the votes of the chosen flags out with a reason, and says how many', async () => {
  startSession(authResponse())
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1/vote-integrity': () =>
      json([
        { kind: 'self_vote', reason: 'Bea voted for her own entry', voter_ids: ['u2'], vote_ids: ['v1'] },
        { kind: 'shared_device', reason: '3 voters from one device', voter_ids: ['u3', 'u4', 'u5'], vote_ids: ['v1', 'v2', 'v3'] },
        { kind: 'new_account_burst', reason: 'all taken out already', voter_ids: ['u6'], vote_ids: [] },
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
