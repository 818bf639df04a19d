import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, anInvitation, anOrganization, aPage, aParticipant } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead, so that its first load on a
// busy machine does not eat the time a test waits for the page (see the README).
import './InvitationsPage'

type Invitation = Schemas['InvitationResponse']

const LINK = 'http://127.0.0.1:8080/invitations/inv_c2hvd24tb25jZQ'
const organization = anOrganization()
const summer = aCampaign({ rules: { eligibility: 'invite_only' } })
const winter = aCampaign({ id: 'c2', slug: 'winter-mug', title: 'Winter mug' })

/**
 * The API as an owner (or `role`) of ACME sees it, its invitations and participants kept in step
 * with creations, revocations and removals. A created link's answer carries its address; the list
 * never does.
 */
function invitationsApi(
  initial: Invitation[],
  routes: Record<string, Handler> = {},
  role: Schemas['Role'] | null = 'owner',
) {
  startSession(authResponse())
  let invitations = [...initial]
  let participants = [aParticipant()]
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/organizations': () => json(aPage(role ? [{ organization, role }] : [])),
    'GET /api/v1/organizations/acme': () => json(organization),
    'GET /api/v1/campaigns': () => json(aPage([summer, winter])),
    'GET /api/v1/organizations/acme/invitations': () => json(aPage(invitations)),
    'GET /api/v1/organizations/acme/participants': () => json(aPage(participants)),
    'POST /api/v1/organizations/acme/invitations': async (request) => {
      const body = (await request.json()) as Schemas['CreateInvitationRequest']
      const created = anInvitation({
        id: 'i9',
        campaign_id: body.campaign_id ?? null,
        email: body.email ?? null,
        max_uses: body.email ? 1 : (body.max_uses ?? null),
        uses: 0,
        expires_at: body.expires_at ?? null,
        created_at: '2026-03-05T09:30:00Z',
      })
      invitations = [created, ...invitations]
      return json(body.email ? created : { ...created, url: LINK }, 201)
    },
    'DELETE /api/v1/organizations/acme/invitations/i1': () => {
      invitations = invitations.map((invitation) =>
        invitation.id === 'i1' ? { ...invitation, status: 'revoked', revoked_at: '2026-03-06T10:00:00Z' } : invitation,
      )
      return new Response(null, { status: 204 })
    },
    'DELETE /api/v1/organizations/acme/participants/g1': () => {
      participants = []
      return new Response(null, { status: 204 })
    },
    ...routes,
  })
}

const invitationCard = async (name: string | RegExp) => within(await screen.findByRole('article', { name }))

describe('invitations', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'share')
  })

  it('is linked from the organization page for its managers', async () => {
    invitationsApi([])
    const user = userEvent.setup()
    renderRoute('/o/acme')

    await user.click(await screen.findByRole('link', { name: 'Invitations' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Invitations of ACME' })).toBeVisible()
  })

  it('creates a link for one campaign, limited in uses and time, and shows its address once', async () => {
    const share = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'share', { value: share, configurable: true })
    const fake = invitationsApi([])
    const user = userEvent.setup()
    renderRoute('/o/acme/invitations')
    expect(await screen.findByText(/No invitations yet/)).toBeVisible()
    // Campaigns open to everyone are said to be so; the invite-only one is named as it is.
    await screen.findByRole('option', { name: 'Summer bottle' })
    expect(screen.getByRole('option', { name: 'Winter mug (open to everyone)' })).toBeInTheDocument()

    await user.selectOptions(screen.getByRole('combobox', { name: /^Invite to/ }), 'Summer bottle')
    await user.type(screen.getByRole('spinbutton', { name: /^How many people may accept it/ }), '25')
    await user.type(screen.getByLabelText(/^Valid until/), '2030-06-30')
    await user.click(screen.getByRole('button', { name: 'Create link' }))

    const shown = await screen.findByRole('region', { name: 'Your new invitation link' })
    expect(within(shown).getByRole('heading')).toHaveFocus()
    expect(shown).toHaveTextContent('it is shown only this once')
    expect(within(shown).getByRole('textbox', { name: 'Invitation link' })).toHaveValue(LINK)
    expect(within(shown).getByRole('button', { name: 'Copy link' })).toBeVisible()
    expect(await fake.sent('POST /api/v1/organizations/acme/invitations')[0].json()).toEqual({
      campaign_id: 'c1',
      max_uses: 25,
      // The end of the chosen day where the manager is.
      expires_at: new Date('2030-06-30T23:59:59.999').toISOString(),
    })

    await user.click(within(shown).getByRole('button', { name: 'Share…' }))
    expect(share).toHaveBeenCalledWith(expect.objectContaining({ url: LINK, title: 'Invitation from ACME' }))

    // The list shows the new invitation, never its address; the form is empty again.
    const card = await invitationCard(/^Shared link of /)
    expect(card.getByText('Active')).toBeVisible()
    expect(card.getByText('Summer bottle')).toBeVisible()
    expect(card.getByText('0 of 25')).toBeVisible()
    expect(screen.getByRole('spinbutton', { name: /^How many people may accept it/ })).toHaveValue(null)

    await user.click(within(shown).getByRole('button', { name: 'Done' }))

    expect(screen.queryByRole('region', { name: 'Your new invitation link' })).toBeNull()
    expect(document.body.innerHTML).not.toContain(LINK)
    expect(fake.sent('POST /api/v1/organizations/acme/invitations')).toHaveLength(1)
  })

  it('mails an invitation to one person for all invite-only campaigns, without showing its link', async () => {
    const fake = invitationsApi([])
    const user = userEvent.setup()
    renderRoute('/o/acme/invitations')
    await screen.findByText(/No invitations yet/)

    await user.click(screen.getByRole('radio', { name: 'By email' }))
    expect(screen.queryByRole('spinbutton', { name: /^How many people/ })).toBeNull()
    await user.type(screen.getByRole('textbox', { name: /^Email address/ }), 'grace@example.com')
    await user.click(screen.getByRole('button', { name: 'Send invitation' }))

    expect(await screen.findByText('The invitation is on its way to grace@example.com.')).toBeVisible()
    expect(await fake.sent('POST /api/v1/organizations/acme/invitations')[0].json()).toEqual({ email: 'grace@example.com' })
    expect(screen.queryByRole('region', { name: 'Your new invitation link' })).toBeNull()
    const card = await invitationCard('Mailed to grace@example.com')
    expect(card.getByText('All invite-only campaigns')).toBeVisible()
    expect(card.getByText('0 of 1')).toBeVisible()
  })

  it('puts a refused past expiry on the date field, in the UI’s language', async () => {
    const fake = invitationsApi([], {
      'POST /api/v1/organizations/acme/invitations': () =>
        problem(
          422,
          'Unprocessable Entity',
          'expires_at: must be in the future',
          [{ field: 'expires_at', code: 'field.range', message: 'must be in the future' }],
          'field.range',
        ),
    })
    const user = userEvent.setup()
    renderRoute('/o/acme/invitations')
    await screen.findByText(/No invitations yet/)

    await user.type(screen.getByLabelText(/^Valid until/), '2020-01-31')
    await user.click(screen.getByRole('button', { name: 'Create link' }))

    const expiry = screen.getByLabelText(/^Valid until/)
    await waitFor(() => expect(expiry).toHaveAttribute('aria-invalid', 'true'))
    expect(expiry).toHaveFocus()
    expect(expiry).toHaveAccessibleDescription(/Choose a day in the future\./)
    expect(expiry).not.toHaveAccessibleDescription(/must be in the future/)
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the marked fields.')
    expect(screen.queryByRole('region', { name: 'Your new invitation link' })).toBeNull()
    expect((await fake.sent('POST /api/v1/organizations/acme/invitations')[0].json()).expires_at).toBe(
      new Date('2020-01-31T23:59:59.999').toISOString(),
    )

    await act(() => switchLanguage('de'))

    expect(screen.getByLabelText(/^Gültig bis/)).toHaveAccessibleDescription(/Wähle einen Tag in der Zukunft\./)
  })

  it('asks for a whole number of places before sending anything', async () => {
    const fake = invitationsApi([])
    const user = userEvent.setup()
    renderRoute('/o/acme/invitations')
    await screen.findByText(/No invitations yet/)

    const places = screen.getByRole('spinbutton', { name: /^How many people may accept it/ })
    await user.type(places, '0')
    await user.click(screen.getByRole('button', { name: 'Create link' }))

    expect(places).toHaveFocus()
    expect(places).toHaveAccessibleDescription(/Enter a whole number of at least 1\./)
    expect(fake.sent('POST /api/v1/organizations/acme/invitations')).toHaveLength(0)
  })

  it('lists invitations with their status, places and end, and revokes one after asking', async () => {
    const fake = invitationsApi([
      anInvitation(),
      anInvitation({
        id: 'i2',
        email: 'ada@example.com',
        campaign_id: null,
        max_uses: 1,
        uses: 1,
        status: 'used_up',
        expires_at: '2030-07-01T12:00:00Z',
      }),
    ])
    const user = userEvent.setup()
    renderRoute('/o/acme/invitations')

    const link = await invitationCard(/^Shared link of /)
    expect(link.getByText('Active')).toBeVisible()
    expect(link.getByText('2 of 10')).toBeVisible()
    expect(link.getByText('No end')).toBeVisible()
    expect(await link.findByText('Summer bottle')).toBeVisible()
    const mailed = await invitationCard('Mailed to ada@example.com')
    expect(mailed.getByText('Used up')).toBeVisible()
    expect(mailed.getByText('All invite-only campaigns')).toBeVisible()
    // Nobody can accept it any more: there is nothing to revoke.
    expect(mailed.queryByRole('button', { name: /^Revoke/ })).toBeNull()

    await user.click(link.getByRole('button', { name: /^Revoke/ }))
    expect(fake.sent('DELETE /api/v1/organizations/acme/invitations/i1')).toHaveLength(0)
    await user.click(link.getByRole('button', { name: 'Yes, revoke it' }))

    expect(await screen.findByText('The invitation was revoked.')).toBeVisible()
    expect(screen.getByRole('heading', { level: 2, name: 'Invitations' })).toHaveFocus()
    expect(fake.sent('DELETE /api/v1/organizations/acme/invitations/i1')).toHaveLength(1)
    expect(await link.findByText('Revoked')).toBeVisible()
    expect(link.queryByRole('button', { name: /^Revoke/ })).toBeNull()
  })

  it('removes an invited participant after asking', async () => {
    const fake = invitationsApi([anInvitation()])
    const user = userEvent.setup()
    renderRoute('/o/acme/invitations')
    const participants = within(await screen.findByRole('region', { name: 'Invited participants' }))
    const bea = within((await participants.findByRole('heading', { name: 'Bea' })).closest('li')!)
    expect(await bea.findByText('For: Summer bottle')).toBeVisible()

    await user.click(bea.getByRole('button', { name: 'Remove Bea' }))
    await user.click(bea.getByRole('button', { name: 'Yes, remove Bea' }))

    expect(await participants.findByText('Bea can no longer take part.')).toBeVisible()
    expect(fake.sent('DELETE /api/v1/organizations/acme/participants/g1')).toHaveLength(1)
    expect(await participants.findByText('Nobody has accepted an invitation yet.')).toBeVisible()
  })

  it('tells a member who does not manage the organization that only managers invite', async () => {
    const fake = invitationsApi([anInvitation()], {}, 'moderator')
    renderRoute('/o/acme/invitations')

    expect(await screen.findByText('Only the owners and managers of this organization invite people.')).toBeVisible()
    expect(fake.sent('GET /api/v1/organizations/acme/invitations')).toEqual([])
    expect(fake.sent('GET /api/v1/organizations/acme/participants')).toEqual([])
  })
})
