import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, anAward as award, anOrganization, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The organiser's tools load lazily: imported up front, so their first load does not eat a query's wait.
import '../campaign-page/organiser/CampaignAdminBar'
import './manage/ManageAwards'

const campaign = (phase: Schemas['Phase']) => aCampaign({ phase, rules: { remix_credit_percent: 25 } })

function stub(phase: Schemas['Phase'], role: Schemas['Role'] | null, routes: Record<string, Handler>) {
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/organizations': () => json(aPage(role ? [{ organization: anOrganization(), role }] : [])),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign(phase)),
    'GET /api/v1/campaigns/c1/contributions': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/leaderboard': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/points-leaderboard': () => json(aPage([])),
    ...routes,
  })
}

const awardsRegion = () => screen.findByRole('region', { name: 'Awards' })

describe('finalizing awards', () => {
  it.each([
    [201, 'The awards were created.'],
    [200, 'The awards had been finalized before; here they are.'],
  ])('previews the awards, then creates them on confirmation (%i)', async (status, message) => {
    startSession(authResponse())
    const fake = stub('judging', 'manager', {
      'GET /api/v1/campaigns/c1/awards': () => json([]),
      'GET /api/v1/campaigns/c1/awards/preview': () => json([award()]),
      'POST /api/v1/campaigns/c1/awards/finalize': () => json([award()], status),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')
    const region = within(await awardsRegion())
    expect(await region.findByText('No awards yet.')).toBeVisible()

    await user.click(region.getByRole('button', { name: 'Preview awards' }))
    const preview = within(await region.findByRole('region', { name: 'Preview: who would get what' }))
    const planned = await preview.findByRole('article', { name: 'Rank 1: Wave bottle' })
    expect(planned).toHaveTextContent('Total€500.01 and 100 points')
    expect(fake.sent('POST /api/v1/campaigns/c1/awards/finalize')).toHaveLength(0)

    await user.click(preview.getByRole('button', { name: 'Finalize these awards' }))

    expect(await region.findByRole('status')).toHaveTextContent(message)
    const card = region.getByRole('article', { name: 'Rank 1: Wave bottle' })
    expect(within(card).getByRole('table', { name: 'Split of “Wave bottle”' })).toHaveTextContent('GraceAuthor of the remixed entry€125.0025')
    expect(region.queryByRole('button', { name: 'Finalize these awards' })).not.toBeInTheDocument()
    expect(fake.sent('POST /api/v1/campaigns/c1/awards/finalize')).toHaveLength(1)
  })

  it('goes back from the preview without creating anything', async () => {
    startSession(authResponse())
    const fake = stub('judging', 'owner', {
      'GET /api/v1/campaigns/c1/awards': () => json([]),
      'GET /api/v1/campaigns/c1/awards/preview': () => json([award()]),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')
    const region = within(await awardsRegion())
    await user.click(await region.findByRole('button', { name: 'Preview awards' }))
    await region.findByRole('article', { name: 'Rank 1: Wave bottle' })
    await user.click(region.getByRole('button', { name: 'Back' }))
    expect(region.getByRole('button', { name: 'Preview awards' })).toBeVisible()
    expect(fake.sent('POST /api/v1/campaigns/c1/awards/finalize')).toHaveLength(0)
  })

  it('shows why when voting has not closed yet (409), with nothing to confirm', async () => {
    startSession(authResponse())
    stub('judging', 'owner', {
      'GET /api/v1/campaigns/c1/awards': () => json([]),
      'GET /api/v1/campaigns/c1/awards/preview': () => problem(409, 'Conflict', 'voting has not closed yet'),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')
    const region = within(await awardsRegion())
    await user.click(await region.findByRole('button', { name: 'Preview awards' }))

    expect(await region.findByRole('alert')).toHaveTextContent('voting has not closed yet')
    expect(region.getByRole('button', { name: 'Finalize these awards' })).toBeDisabled()
  })

  it('is not offered before voting has closed, nor to members who do not manage', async () => {
    startSession(authResponse())
    stub('voting', 'manager', {})
    renderRoute('/c/summer-bottle')
    await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })
    await screen.findByRole('region', { name: 'Organiser tools' })
    expect(screen.queryByRole('region', { name: 'Awards' })).not.toBeInTheDocument()
  })
})

describe('award status actions', () => {
  const actionNames = async () => {
    const groups = await screen.findAllByRole('group', { name: /^Actions for/ })
    return groups.map((group) => within(group).queryAllByRole('button').map((button) => button.textContent))
  }

  it('offers only the steps each status allows', async () => {
    startSession(authResponse())
    stub('closed', 'manager', {
      'GET /api/v1/campaigns/c1/awards': () =>
        json([
          award({ id: 'a1', status: 'pending', contribution_title: 'One' }),
          award({ id: 'a2', status: 'approved', contribution_title: 'Two' }),
          award({ id: 'a3', status: 'paid', contribution_title: 'Three' }),
          award({ id: 'a4', status: 'cancelled', contribution_title: 'Four' }),
        ]),
    })
    renderRoute('/c/summer-bottle')
    expect(await actionNames()).toEqual([
      ['Approve', 'Cancel award'],
      ['Mark paid', 'Cancel award'],
    ])
    expect(screen.getByRole('group', { name: 'Actions for “One”' })).toBeVisible()
    expect(screen.getByRole('group', { name: 'Actions for “Two”' })).toBeVisible()
    expect(screen.queryByRole('group', { name: 'Actions for “Three”' })).not.toBeInTheDocument()
  })

  it('sends the step with the note and shows the new status; a 409 shows its detail', async () => {
    startSession(authResponse())
    let answer = () => json(award({ status: 'approved' }))
    const fake = stub('closed', 'manager', {
      'GET /api/v1/campaigns/c1/awards': () => json([award()]),
      'PATCH /api/v1/awards/a1': () => answer(),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')
    const group = within(await screen.findByRole('group', { name: 'Actions for “Wave bottle”' }))
    await user.type(group.getByRole('textbox', { name: 'Note (optional)' }), 'checked by legal')

    await user.click(group.getByRole('button', { name: 'Approve' }))

    expect(await group.findByRole('status')).toHaveTextContent('The award is now Approved.')
    expect(await fake.sent('PATCH /api/v1/awards/a1')[0].json()).toEqual({ status: 'approved', note: 'checked by legal' })
    expect(screen.getByRole('article', { name: 'Rank 1: Wave bottle' })).toHaveTextContent('First prize · Approved')
    expect(group.getByRole('button', { name: 'Mark paid' })).toBeVisible()
    expect(group.queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument()

    answer = () => problem(409, 'Conflict', 'a paid award cannot be cancelled')
    await user.click(group.getByRole('button', { name: 'Cancel award' }))
    await user.click(group.getByRole('button', { name: 'Yes, cancel the award' }))

    expect(await group.findByRole('alert')).toHaveTextContent('Conflict: a paid award cannot be cancelled')
    expect(await fake.sent('PATCH /api/v1/awards/a1')[1].json()).toEqual({ status: 'cancelled', note: null })
  })
})

describe('public winners', () => {
  it('shows the winners once the campaign has closed, without payment status for the public', async () => {
    stub('closed', null, { 'GET /api/v1/campaigns/c1/awards': () => json([award({ status: null })]) })
    renderRoute('/c/summer-bottle')
    const winners = within(await screen.findByRole('region', { name: 'Winners' }))
    const card = await winners.findByRole('article', { name: 'Rank 1: Wave bottle' })
    expect(card).toHaveTextContent('First prize')
    expect(card).not.toHaveTextContent(/Pending|Approved|Paid|Cancelled/)
    expect(card).toHaveTextContent('Ada')
    expect(winners.queryByRole('button')).not.toBeInTheDocument()
  })

  it('shows a recipient how the payment of their award stands', async () => {
    stub('closed', null, { 'GET /api/v1/campaigns/c1/awards': () => json([award({ status: 'paid' })]) })
    renderRoute('/c/summer-bottle')
    const winners = within(await screen.findByRole('region', { name: 'Winners' }))
    const card = await winners.findByRole('article', { name: 'Rank 1: Wave bottle' })
    expect(card).toHaveTextContent('First prize · Paid')
  })

  it('leaves the section out when the API does not publish them (403)', async () => {
    const fake = stub('closed', null, { 'GET /api/v1/campaigns/c1/awards': () => problem(403, 'Forbidden') })
    renderRoute('/c/summer-bottle')
    await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })
    await vi.waitFor(() => expect(fake.sent('GET /api/v1/campaigns/c1/awards')).toHaveLength(1))
    await vi.waitFor(() => expect(screen.queryByRole('status')).not.toBeInTheDocument())
    expect(screen.queryByRole('region', { name: 'Winners' })).not.toBeInTheDocument()
  })

  it('is not asked for before the campaign has closed', async () => {
    const fake = stub('judging', null, {})
    renderRoute('/c/summer-bottle')
    await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })
    expect(fake.sent('GET /api/v1/campaigns/c1/awards')).toHaveLength(0)
    expect(screen.queryByRole('region', { name: 'Winners' })).not.toBeInTheDocument()
  })
})
