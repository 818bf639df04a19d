import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, problem, stubApi } from '../../test/fakeApi'
import { anOrganization, aPage, campaignPageRoutes, publishedCampaign as campaign, visited } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The organiser's tools load lazily: imported up front, so their first load does not eat a query's wait.
import '../campaign-page/organiser/CampaignAdminBar'

function channel(id: string, name: string, kind: string, code: string) {
  return { id, name, kind, code, link: `/c/summer-bottle?via=${code}`, created_at: '2026-03-01T12:00:00Z' }
}

/** The channels API of a manager, keeping the list in step with what is opened. */
function channelsApi(initial: ReturnType<typeof channel>[]) {
  startSession(authResponse())
  let channels = [...initial]
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1/channels': () => json({ items: channels, next_cursor: null }),
    'POST /api/v1/campaigns/c1/channels': async (request) => {
      const body = (await request.json()) as { name: string; kind: string }
      if (channels.some((existing) => existing.name === body.name)) {
        return problem(409, 'Conflict', `this campaign has a channel named \`${body.name}\``)
      }
      const created = channel('ch9', body.name, body.kind, 'n3wc0de')
      channels = [...channels, created]
      return json(created, 201)
    },
  })
}

const origin = () => window.location.origin

describe('invitation channels', () => {
  it('lists the channels with their full links to copy', async () => {
    channelsApi([channel('ch1', 'Design forum', 'community', 'k3x9q2mz7w')])
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/channels')

    expect(await screen.findByRole('heading', { level: 1, name: 'Invitation channels' })).toBeVisible()
    const item = within((await screen.findByRole('heading', { level: 3, name: 'Design forum' })).closest('li') as HTMLElement)
    expect(item.getByText('Community')).toBeVisible()
    expect(item.getByText(/opened Mar 1, 2026/)).toBeVisible()
    expect(item.getByRole('textbox', { name: 'Link of “Design forum”' })).toHaveValue(`${origin()}/c/summer-bottle?via=k3x9q2mz7w`)

    await user.click(item.getByRole('button', { name: 'Copy link of “Design forum”' }))

    expect(await item.findByText('Copied to the clipboard.')).toBeVisible()
    expect(await navigator.clipboard.readText()).toBe(`${origin()}/c/summer-bottle?via=k3x9q2mz7w`)
  })

  it('shows a channel’s QR code on request, to download as SVG', async () => {
    const fake = channelsApi([channel('ch1', 'Design forum', 'community', 'k3x9q2mz7w')])
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M4 4h7v7H4z"/></svg>'
    fake.fetch.mockImplementation(async (request: Request) => {
      fake.requests.push(request.clone())
      const path = new URL(request.url).pathname
      if (path === '/api/v1/campaigns/c1/channels/ch1/qr.svg') return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml' } })
      if (path === '/api/v1/campaigns/c1/channels') return json({ items: [channel('ch1', 'Design forum', 'community', 'k3x9q2mz7w')], next_cursor: null })
      if (path === '/api/v1/campaigns/summer-bottle') return json(campaign)
      return json(me)
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/channels')
    const item = within((await screen.findByRole('heading', { level: 3, name: 'Design forum' })).closest('li') as HTMLElement)
    expect(item.queryByRole('img')).not.toBeInTheDocument()

    await user.click(item.getByRole('button', { name: 'QR code of “Design forum”' }))

    const image = await item.findByRole('img', { name: 'QR code of the link of “Design forum”' })
    expect(decodeURIComponent(image.getAttribute('src') ?? '')).toBe(`data:image/svg+xml;charset=utf-8,${svg}`)
    expect(item.getByRole('link', { name: 'Download SVG (for print)' })).toHaveAttribute('download', 'summer-bottle-k3x9q2mz7w.svg')
    expect(item.getByRole('button', { name: 'Download PNG' })).toBeVisible()
    expect(item.getByRole('button', { name: 'Hide QR code of “Design forum”' })).toHaveAttribute('aria-expanded', 'true')
  })

  it('opens a channel and shows its link in the list', async () => {
    const fake = channelsApi([])
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/channels')
    expect(await screen.findByText(/No channels yet/)).toBeVisible()

    await user.type(screen.getByRole('textbox', { name: /^Name/ }), '  June newsletter ')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Newsletter')
    await user.click(screen.getByRole('button', { name: 'Open channel' }))

    expect(await screen.findByText('The channel “June newsletter” is open. Copy its link from the list.')).toBeVisible()
    expect(await fake.sent('POST /api/v1/campaigns/c1/channels')[0].json()).toEqual({ name: 'June newsletter', kind: 'newsletter' })
    expect(await screen.findByRole('textbox', { name: 'Link of “June newsletter”' })).toHaveValue(
      `${origin()}/c/summer-bottle?via=n3wc0de`,
    )
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveValue('')
  })

  it('says at the name when the campaign has a channel of that name (409)', async () => {
    channelsApi([channel('ch1', 'Design forum', 'community', 'k3x9q2mz7w')])
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/channels')
    await screen.findByRole('heading', { level: 3, name: 'Design forum' })

    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Design forum')
    await user.click(screen.getByRole('button', { name: 'Open channel' }))

    const name = screen.getByRole('textbox', { name: /^Name/ })
    expect(await screen.findByText('This campaign already has a channel with this name. Choose another name.')).toBeVisible()
    expect(name).toHaveAttribute('aria-invalid', 'true')
    expect(name).toHaveAccessibleDescription(/already has a channel with this name/)
    expect(name).toHaveFocus()
    expect(within(screen.getByRole('region', { name: 'Channels' })).getAllByRole('listitem')).toHaveLength(1)
  })

  it('puts other validation errors at their fields, in German too', async () => {
    startSession(authResponse())
    stubApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
      'GET /api/v1/campaigns/c1/channels': () => json({ items: [], next_cursor: null }),
      'POST /api/v1/campaigns/c1/channels': () =>
        problem(422, 'Unprocessable Entity', 'invalid fields: name', [{ field: 'name', message: 'must not be blank' }]),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/channels')
    await screen.findByText(/No channels yet/)
    await act(() => switchLanguage('de'))

    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'x')
    await user.click(screen.getByRole('button', { name: 'Kanal anlegen' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Bitte korrigiere die markierten Felder.')
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveAccessibleDescription(/must not be blank/)
    expect(screen.getByRole('combobox', { name: 'Art' })).toHaveDisplayValue('Community')
  })

  it('tells a participant without the role that they may not see the channels', async () => {
    startSession(authResponse())
    stubApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
      'GET /api/v1/campaigns/c1/channels': () => problem(403, 'Forbidden'),
    })
    renderRoute('/c/summer-bottle/channels')

    expect(await screen.findByRole('alert')).toHaveTextContent('You are not allowed to do this.')
    expect(screen.queryByRole('button', { name: 'Open channel' })).toBeVisible()
  })

  it('is linked, with the analytics, from the organiser tools of the campaign page', async () => {
    startSession(authResponse())
    stubApi({
      ...campaignPageRoutes(),
      'POST /api/v1/campaigns/summer-bottle/visits': visited,
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/organizations': () => json(aPage([{ organization: anOrganization({ name: 'Acme' }), role: 'manager' }])),
    })
    renderRoute('/c/summer-bottle')

    const tools = within(await screen.findByRole('region', { name: 'Organiser tools' }))
    expect(tools.getByRole('link', { name: 'Invitation channels' })).toHaveAttribute('href', '/c/summer-bottle/channels')
    expect(tools.getByRole('link', { name: 'Analytics' })).toHaveAttribute('href', '/c/summer-bottle/analytics')
  })
})
