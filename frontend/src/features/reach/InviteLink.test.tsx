import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, me, problem, stubApi } from '../../test/fakeApi'
import { campaignPageRoutes, publishedCampaign as campaign, visited } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const VISITS = 'POST /api/v1/campaigns/summer-bottle/visits'
const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/

async function register() {
  const user = userEvent.setup()
  await user.type(await screen.findByRole('textbox', { name: /Display name/ }), 'Bea')
  await user.type(screen.getByRole('textbox', { name: /Email/ }), 'bea@example.com')
  await user.type(screen.getByLabelText(/^Password/), 'correct horse battery')
  await user.click(screen.getByRole('button', { name: 'Create account' }))
}

describe('invitation links', () => {
  it('records the visit with a kept visitor id and the code, then credits the sign-up to them', async () => {
    const fake = stubApi({
      ...campaignPageRoutes(),
      [VISITS]: visited,
      'POST /api/v1/auth/register': () => json(authResponse(), 201),
      'GET /api/v1/me': () => json(me),
    })
    const { router } = renderRoute('/c/summer-bottle?via=k3x9q2mz7w')

    expect(await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).toBeVisible()
    await waitFor(() => expect(fake.sent(VISITS)).toHaveLength(1))
    const visitorId = localStorage.getItem('schwarm.visitorId')
    expect(visitorId).toMatch(VISITOR_ID)
    expect(await fake.sent(VISITS)[0].json()).toEqual({ visitor_id: visitorId, via: 'k3x9q2mz7w' })
    // The page is the campaign's own address now, so a reload or a copied link does not credit the code again.
    await waitFor(() => expect(router.state.location.search).toBe(''))
    expect(router.state.location.pathname).toBe('/c/summer-bottle')
    expect(fake.sent(VISITS)).toHaveLength(1)

    await act(() => router.navigate('/register'))
    await register()

    await waitFor(() => expect(fake.sent('POST /api/v1/auth/register')).toHaveLength(1))
    expect(await fake.sent('POST /api/v1/auth/register')[0].json()).toEqual({
      display_name: 'Bea',
      email: 'bea@example.com',
      password: 'correct horse battery',
      locale: 'en',
      via: 'k3x9q2mz7w',
      visitor_id: visitorId,
    })
    // Credited once: another account made in this browser later was not invited.
    await waitFor(() => expect(localStorage.getItem('schwarm.via')).toBeNull())
    expect(localStorage.getItem('schwarm.visitorId')).toBe(visitorId)
  })

  it('keeps the first invitation when another link is opened later, and counts the same visitor', async () => {
    const fake = stubApi({ ...campaignPageRoutes(), [VISITS]: visited })
    const first = renderRoute('/c/summer-bottle?via=first-code')
    await waitFor(() => expect(fake.sent(VISITS)).toHaveLength(1))
    first.unmount()

    renderRoute('/c/summer-bottle?via=second-code')
    await waitFor(() => expect(fake.sent(VISITS)).toHaveLength(2))

    const [one, two] = await Promise.all(fake.sent(VISITS).map((request) => request.json()))
    expect(two.visitor_id).toBe(one.visitor_id)
    expect(two.via).toBe('second-code')
    expect(localStorage.getItem('schwarm.via')).toBe('first-code')
  })

  it('counts a plain page view without a code, and a failing count never shows', async () => {
    const fake = stubApi({ ...campaignPageRoutes(), [VISITS]: () => problem(503, 'Service Unavailable') })
    renderRoute('/c/summer-bottle')

    expect(await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).toBeVisible()
    await waitFor(() => expect(fake.sent(VISITS)).toHaveLength(1))
    expect(await fake.sent(VISITS)[0].json()).toEqual({ visitor_id: localStorage.getItem('schwarm.visitorId') })
    expect(await screen.findByText('No contributions yet.')).toBeVisible()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(localStorage.getItem('schwarm.via')).toBeNull()
  })

  it('survives an unreachable server when counting', async () => {
    const fake = stubApi({
      ...campaignPageRoutes(),
      [VISITS]: () => Promise.reject(new TypeError('Failed to fetch')),
    })
    renderRoute('/c/summer-bottle?via=abc')

    expect(await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).toBeVisible()
    await waitFor(() => expect(fake.sent(VISITS)).toHaveLength(1))
    expect(await screen.findByText('No contributions yet.')).toBeVisible()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('ignores a code the API could not take, and does not count a draft preview', async () => {
    const fake = stubApi({
      ...campaignPageRoutes(),
      'GET /api/v1/campaigns/summer-bottle': () => json({ ...campaign, phase: 'draft' }),
      [VISITS]: visited,
    })
    renderRoute('/c/summer-bottle?via=%3Cscript%3E')

    expect(await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).toBeVisible()
    expect(localStorage.getItem('schwarm.via')).toBeNull()
    expect(fake.sent(VISITS)).toHaveLength(0)
  })
})

describe('invite friends', () => {
  const referral = {
    campaign_id: 'c1',
    code: 'r3f3rr4l',
    link: '/c/summer-bottle?via=r3f3rr4l',
    visitors: 1234,
    sign_ups: 7,
    conversions: 3,
    created_at: '2026-01-02T00:00:00Z',
  }

  it('gets my link on demand, shows it in full with what it brought, and copies it', async () => {
    startSession(authResponse())
    const fake = stubApi({
      ...campaignPageRoutes(),
      [VISITS]: visited,
      'GET /api/v1/me': () => json(me),
      'POST /api/v1/campaigns/c1/referrals': () => json(referral, 201),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')

    const box = within(await screen.findByRole('region', { name: 'Invite friends' }))
    expect(box.getByText(/you earn 20 points/)).toBeVisible()
    expect(fake.sent('POST /api/v1/campaigns/c1/referrals')).toHaveLength(0)

    await user.click(box.getByRole('button', { name: 'Get my invite link' }))

    const link = await box.findByRole('textbox', { name: 'Your invite link' })
    const absolute = `${window.location.origin}/c/summer-bottle?via=r3f3rr4l`
    expect(link).toHaveValue(absolute)
    expect(link).toHaveAttribute('readonly')
    expect(link).toHaveFocus()
    expect(fake.sent('POST /api/v1/campaigns/c1/referrals')[0].headers.get('Authorization')).toBe('Bearer access-1')
    const stats = box.getByText('Visitors').closest('dl')
    expect(stats).toHaveTextContent('Visitors1,234Sign-ups7Took part3')

    await user.click(box.getByRole('button', { name: 'Copy link' }))

    expect(await box.findByText('Copied to the clipboard.')).toBeVisible()
    expect(await navigator.clipboard.readText()).toBe(absolute)
  })

  it('is offered only to signed-in visitors of a campaign one can still join', async () => {
    stubApi({ ...campaignPageRoutes(), [VISITS]: visited })
    renderRoute('/c/summer-bottle')
    expect(await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).toBeVisible()
    expect(screen.queryByRole('region', { name: 'Invite friends' })).toBeNull()
  })

  it('says why when the API refuses, and lets me try again', async () => {
    startSession(authResponse())
    stubApi({
      ...campaignPageRoutes(),
      [VISITS]: visited,
      'GET /api/v1/me': () => json(me),
      'POST /api/v1/campaigns/c1/referrals': () => problem(403, 'Forbidden', 'only invited members take part'),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')
    const box = within(await screen.findByRole('region', { name: 'Invite friends' }))

    await user.click(box.getByRole('button', { name: 'Get my invite link' }))

    expect(await box.findByRole('alert')).toHaveTextContent('Forbidden: only invited members take part')
    expect(box.getByRole('button', { name: 'Try again' })).toBeVisible()
  })
})
