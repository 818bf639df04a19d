import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { anInvitationPreview, anOrganization, aPage, campaignPageRoutes, visited } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead, so that its first load on a
// busy machine does not eat the time a test waits for the page (see the README).
import './AcceptInvitationPage'

const TOKEN = 'inv_c2VjcmV0LWxpbms'
const PAGE = `/invitations/${TOKEN}`

/** The API for an invitation link, with the campaign and organization pages it may lead to. */
function invitationApi(routes: Record<string, Handler> = {}) {
  return stubApi({
    ...campaignPageRoutes(),
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'POST /api/v1/campaigns/summer-bottle/visits': visited,
    'GET /api/v1/organizations/acme': () => json(anOrganization()),
    'GET /api/v1/campaigns': () => json(aPage([])),
    [`GET /api/v1/invitations/${TOKEN}`]: () => json(anInvitationPreview()),
    [`POST /api/v1/invitations/${TOKEN}/accept`]: () =>
      json({ organization_slug: 'acme', campaign_id: 'c1', campaign_slug: 'summer-bottle', new: true }),
    ...routes,
  })
}

describe('an invitation link', () => {
  it('accepts for the signed-in user and goes on to the campaign', async () => {
    startSession(authResponse())
    const fake = invitationApi()
    const user = userEvent.setup()
    const { router } = renderRoute(PAGE)

    expect(await screen.findByText('ACME invites you to take part in “Summer bottle”.')).toBeVisible()
    expect(screen.getByText('Active')).toBeVisible()
    expect(screen.getByText(/^The invitation is valid until /)).toBeVisible()
    expect(screen.queryByRole('link', { name: 'Sign in' })).toBeNull()

    await user.click(screen.getByRole('button', { name: 'Accept invitation' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/c/summer-bottle')
    const [accept] = fake.sent(`POST /api/v1/invitations/${TOKEN}/accept`)
    expect(accept.headers.get('Authorization')).toBe('Bearer access-1')
  })

  it('goes on to the organization when the invitation is for all its invite-only campaigns', async () => {
    startSession(authResponse())
    invitationApi({
      [`GET /api/v1/invitations/${TOKEN}`]: () =>
        json(anInvitationPreview({ campaign_id: null, campaign_slug: null, campaign_title: null, expires_at: null })),
      [`POST /api/v1/invitations/${TOKEN}/accept`]: () =>
        json({ organization_slug: 'acme', campaign_id: null, campaign_slug: null, new: true }),
    })
    const user = userEvent.setup()
    const { router } = renderRoute(PAGE)

    expect(await screen.findByText('ACME invites you to take part in its invite-only campaigns.')).toBeVisible()
    expect(screen.queryByText(/valid until/)).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }))

    await waitFor(() => expect(router.state.location.pathname).toBe('/o/acme'))
  })

  it('asks someone signed out to sign in or register, and comes back to the invitation after signing in', async () => {
    const fake = invitationApi({ 'POST /api/v1/auth/login': () => json(authResponse()) })
    const user = userEvent.setup()
    const { router } = renderRoute(PAGE)

    expect(await screen.findByText('ACME invites you to take part in “Summer bottle”.')).toBeVisible()
    expect(screen.getByText(/Sign in or create an account to accept it\./)).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull()
    const next = encodeURIComponent(PAGE)
    const main = within(screen.getByRole('main'))
    expect(main.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', `/register?next=${next}`)
    const signIn = main.getByRole('link', { name: 'Sign in' })
    expect(signIn).toHaveAttribute('href', `/login?next=${next}`)

    await user.click(signIn)
    await user.type(await screen.findByLabelText(/^Email/), 'ada@example.com')
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery')
    await user.click(within(screen.getByRole('main')).getByRole('button', { name: 'Sign in' }))

    expect(await screen.findByRole('button', { name: 'Accept invitation' })).toBeVisible()
    expect(router.state.location.pathname).toBe(PAGE)
    expect(fake.sent(`POST /api/v1/invitations/${TOKEN}/accept`)).toHaveLength(0)
  })

  it('explains an invitation that is used up, without a way to accept it', async () => {
    startSession(authResponse())
    invitationApi({ [`GET /api/v1/invitations/${TOKEN}`]: () => json(anInvitationPreview({ status: 'used_up' })) })
    renderRoute(PAGE)

    expect(await screen.findByText('Used up')).toBeVisible()
    expect(
      screen.getByText(
        'As many people have accepted this invitation as it admits, so it can no longer be accepted. Ask ACME for a new one.',
      ),
    ).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull()
    expect(screen.queryByText(/used_up/)).toBeNull()
    expect(screen.getByRole('link', { name: 'Go to ACME' })).toHaveAttribute('href', '/o/acme')

    await act(() => switchLanguage('de'))

    expect(screen.getByText('Aufgebraucht')).toBeVisible()
    expect(screen.getByText(/^So viele Leute haben diese Einladung angenommen, wie sie zulässt/)).toBeVisible()
  })

  it('explains in words when the invitation was revoked while the page was open', async () => {
    startSession(authResponse())
    invitationApi({
      [`POST /api/v1/invitations/${TOKEN}/accept`]: () =>
        json(
          {
            type: 'urn:schwarm:problem:invitation.unavailable',
            title: 'Gone',
            status: 410,
            code: 'invitation.unavailable',
            detail: 'the invitation can no longer be accepted',
            params: { reason: 'revoked' },
          },
          410,
        ),
    })
    const user = userEvent.setup()
    const { router } = renderRoute(PAGE)

    await user.click(await screen.findByRole('button', { name: 'Accept invitation' }))

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'ACME has withdrawn this invitation, so it can no longer be accepted.',
    )
    // Neither the machine code nor the API's English detail.
    expect(screen.queryByText(/invitation\.unavailable/)).toBeNull()
    expect(screen.queryByText(/the invitation can no longer be accepted/)).toBeNull()
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull()
    expect(router.state.location.pathname).toBe(PAGE)
  })

  it('says that a link which leads nowhere does not work', async () => {
    invitationApi({
      [`GET /api/v1/invitations/${TOKEN}`]: () =>
        json(
          { type: 'urn:schwarm:problem:not_found', title: 'Not Found', status: 404, code: 'not_found', detail: 'invitation not found' },
          404,
        ),
    })
    renderRoute(PAGE)

    expect(await screen.findByText(/This invitation link does not work\./)).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).toBeNull()
  })
})
