import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aFunding, anOrganization, aPage, aPledge, aTier } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead, so that its first load on a
// busy machine does not eat the time a test waits for the page (see the README).
import './FundingDashboardPage'

const campaign = aCampaign({ kind: 'funding' })

const report: Schemas['FundingReport'] = {
  currency: 'EUR',
  currency_digits: 2,
  totals: aFunding().totals,
  by_status: [
    { key: 'active', label: null, pledges: 24, pledged_minor: 170000, collected_minor: 0 },
    { key: 'collected', label: null, pledges: 17, pledged_minor: 125000, collected_minor: 125000 },
  ],
  by_tier: [
    { key: 't1', label: 'Early bird', pledges: 12, pledged_minor: 30000, collected_minor: 7500 },
    { key: 'none', label: null, pledges: 30, pledged_minor: 270000, collected_minor: 117500 },
  ],
  by_channel: [
    { key: 'ch1', label: 'Design forum', pledges: 20, pledged_minor: 200000, collected_minor: 100000 },
    { key: 'direct', label: null, pledges: 22, pledged_minor: 100000, collected_minor: 25000 },
  ],
  by_day: [{ key: '2030-06-02', label: null, pledges: 42, pledged_minor: 300000, collected_minor: 125000 }],
}

const settled: Schemas['SettleReport'] = {
  dry_run: true,
  collected: 20,
  errored: 3,
  awaiting_transfer: 0,
  dropped: 1,
  reminded: 0,
  refunded: 0,
  released: 0,
  decided: null,
  more: false,
}

/** A manual pledge by Bea, waiting for her transfer. */
const transfer = aPledge({
  id: 'p3',
  backer_id: 'u2',
  backer_name: 'Bea',
  provider: 'manual',
  payment_method: 'bank_transfer',
  status: 'collecting',
  grace_until: '2030-06-27T12:00:00Z',
})

function dashboardApi(routes: Record<string, Handler> = {}, role: Schemas['Role'] = 'owner') {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/organizations': () => json(aPage([{ organization: anOrganization(), role }])),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1/funding': () => json(aFunding({ open: false, days_left: null })),
    'GET /api/v1/campaigns/c1/funding/report': () => json(report),
    'GET /api/v1/campaigns/c1/backers': () => json(aPage([aPledge({ backer_id: 'u3', backer_name: 'Cleo' }), transfer])),
    ...routes,
  })
}

const region = (name: string) => screen.findByRole('region', { name })

/**
 * Lets a frame go by, as a slower answer would: Preact runs the effects of what rendered meanwhile,
 * and the cleanups of what left, after the paint.
 */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)))

describe('the funding dashboard', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2030-06-21T12:00:00Z'), toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows the frozen rules, the rewards and the money by state, reward, channel and day', async () => {
    dashboardApi()
    renderRoute('/c/summer-bottle/funding')

    expect(await screen.findByRole('heading', { level: 1, name: 'Funding' })).toBeVisible()
    const settings = within(await region('Goal and rules'))
    expect(settings.getByText('A backer has pledged, so the goal and rules no longer change.')).toBeVisible()
    expect(settings.getByRole('textbox', { name: /^Goal/ })).toHaveValue('5000')
    expect(settings.getByRole('textbox', { name: /^Goal/ })).toBeDisabled()
    expect(settings.getByRole('radio', { name: 'All or nothing' })).toBeChecked()
    expect(settings.getByRole('radio', { name: 'Simulated (demo: no money moves)' })).toBeChecked()
    expect(settings.getByRole('button', { name: 'Save goal and rules' })).toBeDisabled()

    const rewards = within(await region('Rewards'))
    expect(rewards.getByRole('article', { name: /Early bird/ })).toHaveTextContent('38 of 50 left · 12 backers')

    const money = within(await region('Money'))
    const table = (name: string) => within(money.getByRole('table', { name }))
    expect(await money.findByRole('table', { name: 'By state' })).toBeVisible()
    expect(table('By state').getByRole('row', { name: /Paid/ })).toHaveTextContent('Paid17€1,250.00€1,250.00')
    expect(table('By reward').getByRole('row', { name: /No reward/ })).toHaveTextContent('No reward30€2,700.00€1,175.00')
    expect(table('By channel the backers came through').getByRole('row', { name: /Design forum/ })).toHaveTextContent(
      'Design forum20€2,000.00€1,000.00',
    )
    expect(table('By channel the backers came through').getByRole('row', { name: /Direct/ })).toBeVisible()
    expect(table('By day pledged').getByRole('row', { name: /Jun 2, 2030/ })).toHaveTextContent('42€3,000.00')
  })

  it('runs a dry settlement first, then the settlement, and shows what each did', async () => {
    let runs = 0
    let decided = false
    const funding = () =>
      aFunding({ open: false, days_left: null, outcome: decided ? 'funded' : null, decided_at: decided ? '2030-06-21T12:00:00Z' : null })
    const fake = dashboardApi({
      'GET /api/v1/campaigns/c1/funding': () => json(funding()),
      'POST /api/v1/campaigns/c1/funding/settle': async (request) => {
        const { dry_run } = (await request.json()) as Schemas['SettleRequest']
        runs += 1
        decided = !dry_run
        return json({ report: { ...settled, dry_run: dry_run ?? false, decided: dry_run ? null : 'funded' }, funding: funding() })
      },
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/funding')
    const settlement = within(await region('Settlement'))

    await user.click(settlement.getByRole('button', { name: 'Dry run: what would happen?' }))

    const dry = await settlement.findByText('A run now would do this (nothing was changed):')
    expect(dry.closest('[tabindex="-1"]')).toHaveFocus()
    const figure = (name: string) => settlement.getByText(name, { selector: 'dt' }).nextElementSibling
    expect(figure('Collected')).toHaveTextContent('20')
    expect(figure('Payments failed')).toHaveTextContent('3')
    expect(figure('Dropped')).toHaveTextContent('1')
    expect(figure('Outcome')).toHaveTextContent('Not decided yet')
    expect(await fake.sent('POST /api/v1/campaigns/c1/funding/settle')[0].json()).toEqual({ dry_run: true })
    // A dry run changes nothing, so nothing is asked for again.
    expect(fake.sent('GET /api/v1/campaigns/c1/funding')).toHaveLength(1)
    expect(screen.queryByText(/^Funded!/)).toBeNull()

    await user.click(settlement.getByRole('button', { name: 'Run settlement' }))
    expect(runs).toBe(1)
    await user.click(settlement.getByRole('button', { name: 'Yes, run it' }))

    expect(await settlement.findByText('The run did this:')).toBeVisible()
    expect(figure('Outcome')).toHaveTextContent('funded')
    expect(await fake.sent('POST /api/v1/campaigns/c1/funding/settle')[1].json()).toEqual({ dry_run: false })
    // The run's funding is shown at once: the progress says the campaign is funded.
    expect(await screen.findByText(/^Funded! The campaign reached its goal/)).toBeVisible()
    expect(settlement.getByText(/^Decided Jun 21, 2030.*: funded\.$/)).toBeVisible()
  })

  it('says in its own words that the settlement waits for the deadline', async () => {
    dashboardApi({
      'POST /api/v1/campaigns/c1/funding/settle': () =>
        json({ type: 'urn:schwarm:problem:funding.window_open', title: 'Conflict', status: 409, code: 'funding.window_open', detail: 'the window is open' }, 409),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/funding')
    const settlement = within(await region('Settlement'))

    await user.click(settlement.getByRole('button', { name: 'Dry run: what would happen?' }))

    expect(await settlement.findByRole('alert')).toHaveTextContent('The funding window is still open: settlement runs after the deadline.')
  })

  it('records a bank transfer as received, for the whole amount', async () => {
    const fake = dashboardApi({
      'POST /api/v1/pledges/p3/payments': () => json({ ...transfer, status: 'collected' }, 201),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/funding')
    const backers = within(await region('Backers'))

    const bea = await backers.findByRole('row', { name: /Bea/ })
    expect(bea).toHaveTextContent('BeaEarly bird€30.00Being collecteduntil Jun 27, 2030')
    // Only a manual pledge is recorded by hand.
    expect(within(backers.getByRole('row', { name: /Cleo/ })).queryByRole('button')).toBeNull()

    const record = within(bea).getByRole('button', { name: 'Record payment' })
    expect(record).toHaveAccessibleDescription('Bea')
    await user.click(record)
    const form = within(backers.getByRole('form', { name: 'Payment of €30.00 from Bea' }))
    await user.type(form.getByRole('textbox', { name: /^Reference/ }), 'SEPA 4711')
    await user.click(form.getByRole('button', { name: 'Record €30.00 received' }))

    expect(await backers.findByText('The payment of €30.00 from Bea was recorded.')).toBeVisible()
    expect(await fake.sent('POST /api/v1/pledges/p3/payments')[0].json()).toEqual({ amount_minor: 3000, reference: 'SEPA 4711' })
    expect(backers.queryByRole('form')).toBeNull()
  })

  it('records a payment in a list filtered by state, and says so once the row has left the list', async () => {
    let received = false
    // The money's report is asked for again after the record too: it answers when the test says.
    let reports = 0
    let answerReport = () => {}
    const reportAsked = new Promise<void>((resolve) => {
      answerReport = resolve
    })
    dashboardApi({
      'GET /api/v1/campaigns/c1/funding/report': async () => {
        reports += 1
        if (reports > 1) await reportAsked
        return json(report)
      },
      'GET /api/v1/campaigns/c1/backers': (request) =>
        new URL(request.url).searchParams.get('status') === 'collecting'
          ? json(aPage(received ? [] : [transfer]))
          : json(aPage([aPledge({ backer_id: 'u3', backer_name: 'Cleo' }), received ? { ...transfer, status: 'collected' } : transfer])),
      'POST /api/v1/pledges/p3/payments': () => {
        received = true
        return json({ ...transfer, status: 'collected' }, 201)
      },
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/funding')
    const backers = within(await region('Backers'))
    await backers.findByRole('row', { name: /Bea/ })
    await user.selectOptions(backers.getByRole('combobox', { name: 'State' }), 'Being collected')
    await waitFor(() => expect(backers.queryByRole('row', { name: /Cleo/ })).toBeNull())

    await user.click(within(backers.getByRole('row', { name: /Bea/ })).getByRole('button', { name: 'Record payment' }))
    const form = within(backers.getByRole('form', { name: 'Payment of €30.00 from Bea' }))
    await user.click(form.getByRole('button', { name: 'Record €30.00 received' }))

    // Paid, Bea's pledge is no longer being collected: her row and its form leave the list first.
    expect(await backers.findByText('No backers in this state.')).toBeVisible()
    expect(backers.queryByRole('form')).toBeNull()
    await nextFrame()
    answerReport()
    expect(await backers.findByText('The payment of €30.00 from Bea was recorded.')).toBeVisible()
    expect(backers.getByRole('combobox', { name: 'State' })).toHaveFocus()
  })

  it('filters the backers by state', async () => {
    const fake = dashboardApi()
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/funding')
    const backers = within(await region('Backers'))
    await backers.findByRole('row', { name: /Bea/ })

    await user.selectOptions(backers.getByRole('combobox', { name: 'State' }), 'Payment failed')

    await waitFor(() => expect(fake.sent('GET /api/v1/campaigns/c1/backers')).toHaveLength(2))
    expect(new URL(fake.sent('GET /api/v1/campaigns/c1/backers')[1].url).searchParams.get('status')).toBe('errored')
  })

  it('adds a reward, and explains why a chosen one cannot be deleted', async () => {
    const fake = dashboardApi({
      'POST /api/v1/campaigns/c1/tiers': () => json(aTier({ id: 't9', title: 'Sticker' }), 201),
      'DELETE /api/v1/tiers/t1': () =>
        json({ type: 'urn:schwarm:problem:tier.has_pledges', title: 'Conflict', status: 409, code: 'tier.has_pledges' }, 409),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/funding')
    const rewards = within(await region('Rewards'))

    const form = within(rewards.getByRole('form', { name: 'Add a reward' }))
    await user.type(form.getByRole('textbox', { name: /^Title/ }), 'Sticker')
    await user.type(form.getByRole('textbox', { name: /^Minimum amount \(EUR\)/ }), '5')
    await user.type(form.getByRole('spinbutton', { name: /^How many/ }), '100')
    await user.click(form.getByRole('button', { name: 'Add reward' }))

    expect(await rewards.findByText('The reward “Sticker” was added.')).toBeVisible()
    expect(await fake.sent('POST /api/v1/campaigns/c1/tiers')[0].json()).toEqual({
      title: 'Sticker',
      description: '',
      min_amount_minor: 500,
      quantity_limit: 100,
      available_from: null,
      available_until: null,
      estimated_delivery: null,
    })
    expect(form.getByRole('textbox', { name: /^Title/ })).toHaveValue('')

    const early = within(rewards.getByRole('article', { name: /Early bird/ }))
    await user.click(early.getByRole('button', { name: 'Delete' }))
    await user.click(early.getByRole('button', { name: 'Yes, delete it' }))

    expect(await early.findByRole('alert')).toHaveTextContent(
      'Backers chose this reward, so it cannot be deleted. Lower its limit to what is taken to close it.',
    )
  })

  it('deletes a reward nobody chose, and says so once its row has left the page', async () => {
    let deleted = false
    // The money's report is asked for again after the deletion too: it answers when the test says.
    let reports = 0
    let answerReport = () => {}
    const reportAsked = new Promise<void>((resolve) => {
      answerReport = resolve
    })
    dashboardApi({
      'GET /api/v1/campaigns/c1/funding': () => json(aFunding({ open: false, days_left: null, ...(deleted && { tiers: [] }) })),
      'GET /api/v1/campaigns/c1/funding/report': async () => {
        reports += 1
        if (reports > 1) await reportAsked
        return json(report)
      },
      'DELETE /api/v1/tiers/t1': () => {
        deleted = true
        return new Response(null, { status: 204 })
      },
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/funding')
    const rewards = within(await region('Rewards'))

    const early = within(rewards.getByRole('article', { name: /Early bird/ }))
    await user.click(early.getByRole('button', { name: 'Delete' }))
    await user.click(early.getByRole('button', { name: 'Yes, delete it' }))

    // The tiers come back first, without it: its row leaves the page.
    await waitFor(() => expect(rewards.queryByRole('article', { name: /Early bird/ })).toBeNull())
    await nextFrame()
    answerReport()
    expect(await rewards.findByText('The reward “Early bird” was deleted.')).toBeVisible()
  })

  it('sets the goal of a campaign that has none, with the refusals on their inputs', async () => {
    let attempt = 0
    const fake = dashboardApi({
      'GET /api/v1/campaigns/c1/funding': () =>
        json({ type: 'urn:schwarm:problem:funding.not_configured', title: 'Conflict', status: 409, code: 'funding.not_configured' }, 409),
      'PUT /api/v1/campaigns/c1/funding': () => {
        attempt += 1
        if (attempt === 1) {
          return json(
            {
              type: 'urn:schwarm:problem:currency.unknown',
              title: 'Unprocessable Entity',
              status: 422,
              code: 'currency.unknown',
              errors: [{ field: 'currency', code: 'currency.unknown', message: 'not an ISO 4217 currency', params: { currency: 'EUX' } }],
            },
            422,
          )
        }
        return json(aFunding({ frozen: false, tiers: [] }))
      },
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/funding')
    const settings = within(await region('Goal and rules'))
    expect(settings.getByText('No goal set yet: backers can pledge once it is.')).toBeVisible()
    expect(screen.getByText('Set the goal and currency first; then add rewards.')).toBeVisible()

    await user.type(settings.getByRole('textbox', { name: /^Goal/ }), '5000')
    const currency = settings.getByRole('textbox', { name: /^Currency/ })
    await user.clear(currency)
    await user.type(currency, 'eux')
    await user.click(settings.getByRole('radio', { name: 'Backer goal' }))
    await user.type(settings.getByRole('spinbutton', { name: /^Backers needed/ }), '100')
    await user.click(settings.getByRole('button', { name: 'Add a stretch goal' }))
    await user.type(settings.getByRole('textbox', { name: /^Amount \(EUX\)/ }), '7500')
    await user.type(settings.getByRole('textbox', { name: /^What it unlocks/ }), 'A second colour')
    await user.click(settings.getByRole('button', { name: 'Save goal and rules' }))

    await waitFor(() => expect(currency).toHaveAttribute('aria-invalid', 'true'))
    await waitFor(() => expect(currency).toHaveFocus())
    expect(currency).toHaveAccessibleDescription(/Not a currency this server takes\./)
    expect(await fake.sent('PUT /api/v1/campaigns/c1/funding')[0].json()).toEqual({
      goal_minor: 500000,
      currency: 'EUX',
      model: 'backer_threshold',
      backer_goal: 100,
      provider: 'manual',
      grace_days: 7,
      stretch_goals: [{ amount_minor: 750000, title: 'A second colour' }],
    })

    await user.clear(currency)
    await user.type(currency, 'EUR')
    await user.click(settings.getByRole('button', { name: 'Save goal and rules' }))

    expect(await settings.findByText('The goal and rules were saved.')).toBeVisible()
    expect(await screen.findByRole('form', { name: 'Add a reward' })).toBeVisible()
  })

  it('tells someone who does not manage the campaign that its funding is not theirs', async () => {
    const fake = dashboardApi({}, 'moderator')
    renderRoute('/c/summer-bottle/funding')

    expect(await screen.findByText('Only the owners and managers of this campaign’s organization manage its funding.')).toBeVisible()
    expect(fake.sent('GET /api/v1/campaigns/c1/funding/report')).toHaveLength(0)
  })
})
