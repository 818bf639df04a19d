import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { campaignKeys } from '../../api/queryKeys'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { i18n } from '../../i18n'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aContribution, aPage, type CampaignOverrides } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const HINT = /if you save changes, it goes back to the moderators/

/** Ada's own entry, approved and public. */
const mine = aContribution({
  submitter_id: me.id,
  authors: [{ user_id: me.id, display_name: 'Ada', share_bp: 10000, accepted: true }],
  published_at: '2026-01-02T00:00:00Z',
})

function editApi(
  contribution: Schemas['ContributionResponse'],
  campaign: CampaignOverrides = { rules: { require_approval: true } },
  routes: Record<string, Handler> = {},
) {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/organizations': () => json(aPage([])),
    'GET /api/v1/contributions/k1': () => json(contribution),
    'GET /api/v1/campaigns/c1': () => json(aCampaign(campaign)),
    'GET /api/v1/contributions/k1/comments': () => json(aPage([])),
    'GET /api/v1/contributions/k1/revisions': () => json(aPage([])),
    ...routes,
  })
}

describe('editing a contribution', () => {
  it('warns that saving sends a public entry back to review, and shows it awaiting approval after saving', async () => {
    // As the API does: once saved, the contribution reads as it was saved.
    let current: Schemas['ContributionResponse'] = mine
    const fake = editApi(mine, undefined, {
      'PATCH /api/v1/contributions/k1': async (request) => {
        const { title } = (await request.json()) as { title: string }
        current = { ...mine, title, status: 'submitted', updated_at: '2026-01-06T00:00:00Z' }
        return json(current)
      },
      'GET /api/v1/contributions/k1': () => json(current),
    })
    const user = userEvent.setup()
    renderRoute('/contributions/k1/edit')

    const hint = await screen.findByText(HINT)
    expect(hint).toBeVisible()
    const save = screen.getByRole('button', { name: 'Save changes' })
    expect(save).toHaveAccessibleDescription(HINT)

    const title = screen.getByRole('textbox', { name: /^Title/ })
    await user.clear(title)
    await user.type(title, 'Wave bottle, blue')
    await user.click(save)

    expect(await screen.findByRole('heading', { level: 1, name: 'Wave bottle, blue' })).toBeVisible()
    expect(screen.getByText('Awaiting approval')).toBeVisible()
    expect(screen.getByText('Moderators will review it before it appears in the gallery.')).toBeVisible()
    expect(await fake.sent('PATCH /api/v1/contributions/k1')[0].json()).toMatchObject({ title: 'Wave bottle, blue' })
    // The edit kept the version it replaced: the page asks for the history.
    await waitFor(() => expect(fake.sent('GET /api/v1/contributions/k1/revisions')).toHaveLength(1))
  })

  it('gives no such warning where the campaign publishes without review', async () => {
    editApi(mine, { rules: { require_approval: false } })
    const { queryClient } = renderRoute('/contributions/k1/edit')

    expect(await screen.findByRole('button', { name: 'Save changes' })).toBeVisible()
    await waitFor(() => expect(queryClient.getQueryState(campaignKeys.detail('c1'))?.status).toBe('success'))
    expect(screen.queryByText(HINT)).toBeNull()
  })

  it('gives no such warning for an entry still awaiting review', async () => {
    editApi({ ...mine, status: 'submitted', published_at: null })
    const { queryClient } = renderRoute('/contributions/k1/edit')

    expect(await screen.findByRole('button', { name: 'Save changes' })).toBeVisible()
    await waitFor(() => expect(queryClient.getQueryState(campaignKeys.detail('c1'))?.status).toBe('success'))
    expect(screen.queryByText(HINT)).toBeNull()
  })

  it('warns in German too', async () => {
    await i18n.changeLanguage('de')
    editApi({ ...mine, status: 'shortlisted' })
    renderRoute('/contributions/k1/edit')

    expect(await screen.findByText(/Wenn du Änderungen speicherst, geht er zurück an die Moderation/)).toBeVisible()
  })

  it('says so when someone else changed the entry meanwhile', async () => {
    editApi(mine, undefined, {
      'PATCH /api/v1/contributions/k1': () =>
        problem(409, 'Conflict', 'the contribution changed meanwhile; reload it and try again', undefined, 'conflict.changed_meanwhile'),
    })
    const user = userEvent.setup()
    renderRoute('/contributions/k1/edit')

    await user.click(await screen.findByRole('button', { name: 'Save changes' }))

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed this contribution while you were editing it (a co-author or a moderator). Your changes were not saved',
    )
  })
})
