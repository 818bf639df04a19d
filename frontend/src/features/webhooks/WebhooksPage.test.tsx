import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aDelivery, anOrganization, aPage, aWebhook } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead, so that its first load on a
// busy machine does not eat the time a test waits for the page (see the README).
import './WebhooksPage'

type Webhook = Schemas['WebhookResponse']

const SECRET = 'whsec_c2VjcmV0LXNob3duLW9uY2U'
const organization = anOrganization()
const summer = aCampaign()

/**
 * The API as an owner (or `role`) of ACME sees it, with its endpoints kept in step with creations,
 * changes and deletions; `w1` has one delivery.
 */
function webhooksApi(initial: Webhook[], routes: Record<string, Handler> = {}, role: Schemas['Role'] | null = 'owner') {
  startSession(authResponse())
  let webhooks = [...initial]
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/organizations': () => json(aPage(role ? [{ organization, role }] : [])),
    'GET /api/v1/organizations/acme': () => json(organization),
    'GET /api/v1/campaigns': () => json(aPage([summer])),
    'GET /api/v1/organizations/acme/webhooks': () => json(aPage(webhooks)),
    'GET /api/v1/webhooks/w1/deliveries': () => json(aPage([aDelivery()])),
    'GET /api/v1/webhooks/w2/deliveries': () => json(aPage([])),
    'GET /api/v1/webhooks/w9/deliveries': () => json(aPage([])),
    'POST /api/v1/organizations/acme/webhooks': async (request) => {
      const body = (await request.json()) as Schemas['CreateWebhookRequest']
      const created = aWebhook({
        id: 'w9',
        url: body.url,
        description: body.description ?? '',
        event_types: body.event_types ?? null,
        campaign_id: body.campaign ?? null,
      })
      webhooks = [...webhooks, created]
      return json({ ...created, secret: SECRET }, 201)
    },
    'PATCH /api/v1/webhooks/w2': async (request) => {
      const body = (await request.json()) as Schemas['UpdateWebhookRequest']
      const changed = { ...webhooks[1], enabled: body.enabled ?? true, disabled_reason: null, failing_since: null }
      webhooks = webhooks.map((webhook) => (webhook.id === 'w2' ? changed : webhook))
      return json(changed)
    },
    'DELETE /api/v1/webhooks/w1': () => {
      webhooks = webhooks.filter((webhook) => webhook.id !== 'w1')
      return new Response(null, { status: 204 })
    },
    ...routes,
  })
}

const failing = aWebhook({
  id: 'w2',
  url: 'https://crm.example.org/in',
  description: '',
  event_types: ['contribution.published', 'vote.cast'],
  campaign_id: 'c1',
  enabled: false,
  disabled_reason: 'failing',
  failing_since: '2026-02-20T10:00:00Z',
})

/** Switched off by a manager while it was failing: the reason, not the failures, is what the card says. */
const switchedOff = aWebhook({
  id: 'w3',
  url: 'https://old.example.org/in',
  description: '',
  enabled: false,
  disabled_reason: 'manager',
  failing_since: '2026-02-27T10:00:00Z',
})

const card = async (url: string) => within(await screen.findByRole('article', { name: url }))

describe('webhooks', () => {
  it('lists the endpoints with their status, and explains a disabled one', async () => {
    webhooksApi([aWebhook(), failing, switchedOff], { 'GET /api/v1/webhooks/w3/deliveries': () => json(aPage([])) })
    renderRoute('/o/acme/webhooks')

    expect(await screen.findByRole('heading', { level: 1, name: 'Webhooks of ACME' })).toBeVisible()
    const enabled = await card('https://hooks.example.com/schwarm')
    expect(enabled.getByText('Enabled')).toBeVisible()
    expect(enabled.getByText('All events, also those added later')).toBeVisible()
    expect(enabled.getByText('All campaigns')).toBeVisible()

    const disabled = await card('https://crm.example.org/in')
    expect(disabled.getByText('Disabled')).toBeVisible()
    expect(
      disabled.getByText('Switched off because every delivery kept failing. Fix the receiver, then enable it again.'),
    ).toBeVisible()
    expect(disabled.getByRole('list').textContent).toBe('contribution.publishedvote.cast')
    expect(await disabled.findByText('Summer bottle')).toBeVisible()
    const byManager = await card('https://old.example.org/in')
    expect(byManager.getByText('Disabled')).toBeVisible()
    expect(byManager.getByText('Switched off by a manager: nothing is sent to it until it is enabled again.')).toBeVisible()
    expect(byManager.queryByText(/every delivery failed/)).toBeNull()
    expect(enabled.queryByText(/Switched off/)).toBeNull()

    await act(() => switchLanguage('de'))

    expect(disabled.getByText('Abgeschaltet')).toBeVisible()
    expect(disabled.getByText(/Abgeschaltet, weil jede Zustellung fehlschlug/)).toBeVisible()
    expect(byManager.getByText(/^Von einem Manager abgeschaltet/)).toBeVisible()
  })

  it('creates an endpoint for chosen events and one campaign, and shows its secret once', async () => {
    const fake = webhooksApi([])
    const user = userEvent.setup()
    renderRoute('/o/acme/webhooks')
    expect(await screen.findByText('No endpoints yet. Add one below.')).toBeVisible()
    await screen.findByRole('option', { name: 'Summer bottle' })

    await user.type(screen.getByRole('textbox', { name: /^Address \(URL\)/ }), 'https://hooks.example.com/new')
    await user.type(screen.getByRole('textbox', { name: /^Description/ }), 'CRM sync')
    await user.click(screen.getByRole('radio', { name: 'Only the events I choose' }))
    const votes = within(screen.getByRole('group', { name: 'Votes' }))
    await user.click(votes.getByRole('checkbox', { name: 'A vote was cast' }))
    await user.click(screen.getByRole('checkbox', { name: 'A contribution was published' }))
    await user.selectOptions(screen.getByRole('combobox', { name: /^Campaign/ }), 'Summer bottle')
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }))

    const secret = await screen.findByRole('region', { name: 'Signing secret for https://hooks.example.com/new' })
    expect(within(secret).getByRole('heading')).toHaveFocus()
    expect(secret).toHaveTextContent('Store it now: it will not be shown again.')
    expect(within(secret).getByRole('textbox', { name: 'Signing secret' })).toHaveValue(SECRET)
    expect(within(secret).getByRole('button', { name: 'Copy secret' })).toBeVisible()
    expect(await fake.sent('POST /api/v1/organizations/acme/webhooks')[0].json()).toEqual({
      url: 'https://hooks.example.com/new',
      description: 'CRM sync',
      // In the API's order, whatever order they were ticked in.
      event_types: ['contribution.published', 'vote.cast'],
      campaign: 'c1',
    })
    // The list shows the new endpoint, never its secret; the form is empty again.
    expect(await card('https://hooks.example.com/new')).toBeTruthy()
    expect(screen.getByRole('textbox', { name: /^Address \(URL\)/ })).toHaveValue('')

    await user.click(within(secret).getByRole('button', { name: 'I have stored it' }))

    expect(screen.queryByRole('region', { name: /Signing secret/ })).toBeNull()
    expect(document.body.innerHTML).not.toContain(SECRET)
  })

  it('subscribes to every event (also later ones) unless told otherwise, and asks for one event when choosing', async () => {
    const fake = webhooksApi([])
    const user = userEvent.setup()
    renderRoute('/o/acme/webhooks')
    await screen.findByText('No endpoints yet. Add one below.')
    await user.type(screen.getByRole('textbox', { name: /^Address \(URL\)/ }), 'https://hooks.example.com/all')

    await user.click(screen.getByRole('radio', { name: 'Only the events I choose' }))
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }))

    expect(fake.sent('POST /api/v1/organizations/acme/webhooks')).toHaveLength(0)
    const first = screen.getByRole('checkbox', { name: 'A campaign was published' })
    expect(first).toHaveFocus()
    expect(first).toHaveAccessibleDescription(/Choose at least one event\./)

    await user.click(screen.getByRole('radio', { name: 'All events, also those added later' }))
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }))

    await screen.findByRole('region', { name: /Signing secret/ })
    expect(await fake.sent('POST /api/v1/organizations/acme/webhooks')[0].json()).toEqual({
      url: 'https://hooks.example.com/all',
      description: '',
      event_types: null,
      campaign: null,
    })
  })

  it('puts a refused internal address on the address field, in the UI’s language', async () => {
    webhooksApi([], {
      'POST /api/v1/organizations/acme/webhooks': () =>
        problem(
          422,
          'Unprocessable Entity',
          'url: the address is loopback, private, link-local or otherwise internal',
          [{ field: 'url', code: 'webhook.target_forbidden', message: 'the address is loopback, private, link-local or otherwise internal' }],
          'webhook.target_forbidden',
        ),
    })
    const user = userEvent.setup()
    renderRoute('/o/acme/webhooks')
    await screen.findByText('No endpoints yet. Add one below.')

    await user.type(screen.getByRole('textbox', { name: /^Address \(URL\)/ }), 'https://127.0.0.1/hook')
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }))

    const url = screen.getByRole('textbox', { name: /^Address \(URL\)/ })
    await waitFor(() => expect(url).toHaveAttribute('aria-invalid', 'true'))
    expect(url).toHaveFocus()
    expect(url).toHaveAccessibleDescription(/This address leads to an internal or private network\./)
    expect(url).not.toHaveAccessibleDescription(/loopback/)
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the marked fields.')
    expect(screen.queryByRole('region', { name: /Signing secret/ })).toBeNull()

    await act(() => switchLanguage('de'))

    expect(screen.getByRole('textbox', { name: /^Adresse \(URL\)/ })).toHaveAccessibleDescription(
      /Diese Adresse führt in ein internes oder privates Netz\./,
    )
  })

  it('says in its own words that the organization has as many endpoints as it may', async () => {
    webhooksApi([], {
      'POST /api/v1/organizations/acme/webhooks': () =>
        json(
          {
            type: 'urn:schwarm:problem:webhook.limit_reached',
            title: 'Conflict',
            status: 409,
            code: 'webhook.limit_reached',
            detail: 'an organization has at most 20 webhooks',
            params: { max: 20 },
          },
          409,
        ),
    })
    const user = userEvent.setup()
    renderRoute('/o/acme/webhooks')
    await screen.findByText('No endpoints yet. Add one below.')

    await user.type(screen.getByRole('textbox', { name: /^Address \(URL\)/ }), 'https://hooks.example.com/21')
    await user.click(screen.getByRole('button', { name: 'Add endpoint' }))

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This organization has 20 endpoints, the most it may have. Delete one first.',
    )
  })

  it('shows a delivery’s attempts and sends it again', async () => {
    const fake = webhooksApi([aWebhook()], {
      'POST /api/v1/webhooks/w1/deliveries/msg_1/redeliver': () => json(aDelivery({ next_attempt_at: null }), 202),
    })
    const user = userEvent.setup()
    renderRoute('/o/acme/webhooks')
    const endpoint = await card('https://hooks.example.com/schwarm')
    const table = within(await endpoint.findByRole('table'))
    const row = table.getByRole('row', { name: /contribution\.published/ })
    expect(within(row).getByText('Pending')).toBeVisible()
    expect(within(row).getAllByRole('cell')[1]).toHaveTextContent('1')
    expect(within(row).getAllByRole('cell')[2]).toHaveTextContent('HTTP 500')

    const show = within(row).getByRole('button', { name: 'Show attempts' })
    expect(show).toHaveAttribute('aria-expanded', 'false')
    await user.click(show)
    const log = table.getByRole('list', { name: 'Attempts of contribution.published' })
    expect(within(row).getByRole('button', { name: 'Hide attempts' })).toHaveAttribute('aria-expanded', 'true')
    expect(log).toHaveTextContent(/Attempt 1, .*, 120 ms: HTTP 500/)
    expect(log).toHaveTextContent('upstream exploded')

    await user.click(within(row).getByRole('button', { name: 'Send again' }))

    expect(await endpoint.findByText('Sent again: the message is queued.')).toBeVisible()
    expect(fake.sent('POST /api/v1/webhooks/w1/deliveries/msg_1/redeliver')).toHaveLength(1)
    await waitFor(() => expect(fake.sent('GET /api/v1/webhooks/w1/deliveries').length).toBeGreaterThan(1))
  })

  it('sends a test message, enables a disabled endpoint again, and rotates a secret after asking', async () => {
    const fake = webhooksApi([aWebhook(), failing], {
      'POST /api/v1/webhooks/w1/ping': () =>
        json(aDelivery({ id: 'msg_ping', event_type: 'webhook.ping', attempts: 0, attempt_log: [], next_attempt_at: null }), 202),
      'POST /api/v1/webhooks/w1/rotate-secret': () =>
        json({ ...aWebhook({ previous_secret_valid_until: '2026-03-02T10:00:00Z' }), secret: 'whsec_rotated' }),
    })
    const user = userEvent.setup()
    renderRoute('/o/acme/webhooks')
    const endpoint = await card('https://hooks.example.com/schwarm')

    await user.click(endpoint.getByRole('button', { name: 'Send a test message' }))
    expect(await endpoint.findByText(/A test message is on its way/)).toBeVisible()
    expect(fake.sent('POST /api/v1/webhooks/w1/ping')).toHaveLength(1)

    const disabled = await card('https://crm.example.org/in')
    await user.click(disabled.getByRole('button', { name: 'Enable again' }))
    expect(await disabled.findByText('Enabled')).toBeVisible()
    expect(await fake.sent('PATCH /api/v1/webhooks/w2')[0].json()).toEqual({ enabled: true })

    await user.click(endpoint.getByRole('button', { name: 'New secret' }))
    expect(fake.sent('POST /api/v1/webhooks/w1/rotate-secret')).toHaveLength(0)
    await user.click(endpoint.getByRole('button', { name: 'Yes, make a new secret' }))

    const secret = await screen.findByRole('region', { name: 'New signing secret for https://hooks.example.com/schwarm' })
    expect(within(secret).getByRole('textbox', { name: 'Signing secret' })).toHaveValue('whsec_rotated')
    expect(secret).toHaveTextContent('The previous secret keeps signing for 24 hours')
    expect(within(secret).getByRole('heading')).toHaveFocus()
  })

  it('deletes an endpoint after asking', async () => {
    const fake = webhooksApi([aWebhook()])
    const user = userEvent.setup()
    renderRoute('/o/acme/webhooks')
    const endpoint = await card('https://hooks.example.com/schwarm')

    await user.click(endpoint.getByRole('button', { name: 'Delete' }))
    await user.click(endpoint.getByRole('button', { name: 'Yes, delete it' }))

    expect(await screen.findByText('The endpoint https://hooks.example.com/schwarm was deleted.')).toBeVisible()
    expect(fake.sent('DELETE /api/v1/webhooks/w1')).toHaveLength(1)
    expect(screen.queryByRole('article', { name: 'https://hooks.example.com/schwarm' })).toBeNull()
  })

  it('tells a member who does not manage the organization that only managers see its webhooks', async () => {
    const fake = webhooksApi([aWebhook()], {}, 'juror')
    renderRoute('/o/acme/webhooks')

    expect(await screen.findByText('Only the owners and managers of this organization manage its webhooks.')).toBeVisible()
    expect(fake.sent('GET /api/v1/organizations/acme/webhooks')).toEqual([])
  })

  it('scrolls to the endpoint a notification links to', async () => {
    webhooksApi([aWebhook(), failing])
    const shown: Element[] = []
    // jsdom has no `scrollIntoView`: record which element is asked to come into view.
    Element.prototype.scrollIntoView = function (this: Element) {
      shown.push(this)
    }
    try {
      renderRoute('/o/acme/webhooks#webhook-w2')

      const target = await screen.findByRole('article', { name: 'https://crm.example.org/in' })
      expect(target).toHaveAttribute('id', 'webhook-w2')
      await waitFor(() => expect(shown).toEqual([target]))
    } finally {
      Reflect.deleteProperty(Element.prototype, 'scrollIntoView')
    }
  })
})
