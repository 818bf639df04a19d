import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aFunding, anOrganization, aPage, aPledge, aTier } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The organiser's tools load lazily: imported up front, so their first load does not eat a query's wait.
import '../campaign-page/organiser/CampaignAdminBar'

const campaign = aCampaign({ kind: 'funding', summary: 'Fund our bottle' })

const soldOut = aTier({ id: 't2', title: 'Collector', min_amount_minor: 10000, quantity_limit: 5, taken: 5, remaining: 0 })
const later = aTier({
  id: 't3',
  title: 'Late bird',
  min_amount_minor: 4000,
  quantity_limit: null,
  taken: 0,
  remaining: null,
  available_from: '2030-06-15T12:00:00Z',
  available_now: false,
  estimated_delivery: null,
})

/** The campaign page of a funding campaign, with `funding` (and whoever is signed in) as given. */
function fundingApi(routes: Record<string, Handler> = {}) {
  return stubApi({
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1/contributions': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/points-leaderboard': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/funding': () => json(aFunding({ tiers: [aTier(), soldOut, later] })),
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/organizations': () => json(aPage([])),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/pledges': () => json(aPage([])),
    ...routes,
  })
}

const pledgeRegion = () => screen.findByRole('region', { name: 'Back this campaign' })

describe('a funding campaign’s page', () => {
  beforeEach(() => {
    // Only the clock is fixed (a tier "not yet available" is judged by it); timers still run.
    vi.useFakeTimers({ now: new Date('2030-06-10T12:00:00Z'), toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows the progress honestly: the bar, every figure, the stretch goal and the rule', async () => {
    fundingApi()
    renderRoute('/c/summer-bottle')

    const funding = within(await screen.findByRole('region', { name: 'Funding' }))
    const bar = await funding.findByRole('progressbar', { name: 'Funding progress' })
    expect(bar).toHaveAttribute('aria-valuenow', '60')
    expect(bar).toHaveAttribute('aria-valuetext', '60% of the goal pledged, 25% collected')
    // The bar reaches the stretch goal (€7,500): €3,000 pledged is 40% of it, the goal sits at two thirds.
    expect(bar.querySelector('.funding-bar-pledged')).toHaveStyle({ width: '40%' })
    expect(bar.querySelector('.funding-bar-collected')).toHaveStyle({ width: `${(125000 / 750000) * 100}%` })
    expect(bar.querySelector('.funding-mark.goal')).toHaveStyle({ left: `${(500000 / 750000) * 100}%` })
    expect(bar.querySelectorAll('.funding-mark.stretch')).toHaveLength(1)

    expect(funding.getByText('€3,000.00 pledged of a €5,000.00 goal')).toBeVisible()
    const figure = (name: string) => funding.getByText(name, { selector: 'dt' }).parentElement
    expect(figure('Pledged')).toHaveTextContent('€3,000.0060% of the goal')
    expect(figure('Collected')).toHaveTextContent('€1,250.0025% of the goal')
    expect(figure('Backers')).toHaveTextContent('4217 paid')
    expect(figure('Days left')).toHaveTextContent('10')
    expect(figure('Dropped')).toHaveTextContent('€50.00')
    expect(figure('Refunded')).toHaveTextContent('€0.00')
    expect(funding.getByRole('list', { name: 'Stretch goals' })).toHaveTextContent('€7,500.00: A second colour')
    expect(funding.getByText(/^Pledging is open until Jun 20, 2030/)).toBeVisible()
    expect(funding.getByText(/^All or nothing:/).parentElement).toHaveTextContent(
      'The money is collected after the deadline, and the campaign is funded only if what is collected reaches the goal.',
    )
    expect(screen.getByRole('link', { name: 'Back this campaign' })).toHaveAttribute('href', '#pledge')
    // The header asks for money, not contributions.
    expect(screen.queryByRole('link', { name: 'Sign in to contribute' })).toBeNull()

    await act(() => switchLanguage('de'))

    // German puts a no-break space before % and €.
    expect(screen.getByRole('progressbar', { name: 'Finanzierungsfortschritt' }).getAttribute('aria-valuetext')).toMatch(
      /^60\s%\sdes Ziels zugesagt, 25\s%\seingezogen$/,
    )
    expect(screen.getByText('3.000,00 € zugesagt von 5.000,00 € Ziel')).toBeVisible()
  })

  it('says how it ended once the settlement decided, and lists the rewards without a form', async () => {
    fundingApi({
      'GET /api/v1/campaigns/c1/funding': () =>
        json(
          aFunding({
            open: false,
            days_left: null,
            outcome: 'failed',
            decided_at: '2030-06-28T12:00:00Z',
            totals: { pledged_minor: 0, collected_minor: 0, dropped_minor: 5000, refunded_minor: 125000, backers: 0, collected_backers: 0, unresolved: 0 },
            percent_collected: 0,
            percent_pledged: 0,
            tiers: [aTier(), soldOut],
          }),
        ),
    })
    renderRoute('/c/summer-bottle')

    const funding = within(await screen.findByRole('region', { name: 'Funding' }))
    expect(await funding.findByText(/^Not funded: the campaign missed its goal \(Jun 28, 2030\)/)).toBeVisible()
    expect(funding.getByText('Refunded', { selector: 'dt' }).parentElement).toHaveTextContent('€1,250.00')
    expect(funding.getByText('Days left', { selector: 'dt' }).parentElement).toHaveTextContent('Ended')
    expect(funding.getByText(/^Pledging closed Jun 20, 2030/)).toBeVisible()
    expect(screen.queryByRole('link', { name: 'Back this campaign' })).toBeNull()

    const rewards = within(screen.getByRole('region', { name: 'Rewards' }))
    expect(rewards.getByRole('article', { name: /Early bird/ })).toHaveTextContent('38 of 50 left · 12 backers')
    expect(rewards.getByRole('article', { name: /Early bird/ })).toHaveTextContent('Estimated delivery: September 2030')
    expect(rewards.getByRole('article', { name: /Collector/ })).toHaveTextContent('Sold out')
    expect(rewards.queryByRole('radio')).toBeNull()
  })

  it('says so while the organisers have set no goal', async () => {
    fundingApi({
      'GET /api/v1/campaigns/c1/funding': () =>
        json({ type: 'urn:schwarm:problem:funding.not_configured', title: 'Conflict', status: 409, code: 'funding.not_configured' }, 409),
    })
    renderRoute('/c/summer-bottle')

    expect(await screen.findByText('The organisers have not set a funding goal yet.')).toBeVisible()
    expect(screen.queryByRole('region', { name: 'Back this campaign' })).toBeNull()
  })

  it('asks a visitor to sign in to pledge, coming back to the form', async () => {
    fundingApi()
    renderRoute('/c/summer-bottle')

    const region = within(await pledgeRegion())
    expect(region.getByRole('link', { name: 'Sign in to back this campaign' })).toHaveAttribute(
      'href',
      '/login?next=%2Fc%2Fsummer-bottle%23pledge',
    )
    expect(region.getByRole('article', { name: /Late bird/ })).toHaveTextContent('Available from Jun 15, 2030')
  })

  describe('signed in', () => {
    beforeEach(() => startSession(authResponse()))

    it('pledges for a reward: amount prefilled with its minimum, demo payments named humanly', async () => {
      const fake = fundingApi({
        'POST /api/v1/campaigns/c1/pledges': () => json(aPledge({ amount_minor: 2500, status: 'active' }), 201),
      })
      const user = userEvent.setup()
      renderRoute('/c/summer-bottle')
      const region = within(await pledgeRegion())
      const form = within(await region.findByRole('form', { name: 'Back this campaign' }))

      // Sold out and not yet available rewards cannot be chosen, and say why.
      expect(form.getByRole('radio', { name: 'Collector, from €100.00' })).toBeDisabled()
      expect(form.getByRole('radio', { name: 'Collector, from €100.00' })).toHaveAccessibleDescription(/Sold out/)
      expect(form.getByRole('radio', { name: 'Late bird, from €40.00' })).toBeDisabled()
      expect(form.getByRole('radio', { name: 'Late bird, from €40.00' })).toHaveAccessibleDescription(/Available from Jun 15, 2030/)
      expect(form.getByRole('radio', { name: 'No reward, just support' })).toBeChecked()

      await user.click(form.getByRole('radio', { name: 'Early bird, from €25.00' }))
      expect(form.getByRole('textbox', { name: /^Amount \(EUR\)/ })).toHaveValue('25')
      expect(form.getByRole('textbox', { name: /^Amount \(EUR\)/ })).toHaveAccessibleDescription('At least €25.00 for this reward.')

      const payment = within(form.getByRole('group', { name: 'Payment' }))
      expect(form.getByRole('group', { name: 'Payment' })).toHaveAccessibleDescription(
        'Demo payments: no money moves. Choose how the simulated payment should behave.',
      )
      expect(payment.getAllByRole('radio').map((radio) => (radio as HTMLInputElement).labels?.[0]?.textContent)).toEqual([
        'Payment goes through',
        'Card is declined when the money is collected',
        'Bank asks me to confirm first',
        'Card is refused at once',
      ])
      expect(payment.getByRole('radio', { name: 'Payment goes through' })).toBeChecked()

      await user.click(form.getByRole('button', { name: 'Pledge €25.00' }))

      const thanks = await region.findByText('Thank you! You pledged €25.00 for “Early bird”.')
      expect(thanks.closest('[tabindex="-1"]')).toHaveFocus()
      expect(region.getByText(/^Promised: no money has moved yet/)).toBeVisible()
      expect(region.getByRole('link', { name: 'See and change my pledges' })).toHaveAttribute('href', '/me/pledges')
      expect(await fake.sent('POST /api/v1/campaigns/c1/pledges')[0].json()).toEqual({
        tier_id: 't1',
        amount_minor: 2500,
        payment_method: 'sim_ok',
      })
    })

    it('keeps an amount above the reward’s minimum, and sends a pledge without a reward as such', async () => {
      const fake = fundingApi({
        'POST /api/v1/campaigns/c1/pledges': () => json(aPledge({ tier_id: null, tier_title: null, amount_minor: 1250 }), 201),
      })
      const user = userEvent.setup()
      renderRoute('/c/summer-bottle')
      const form = within(await within(await pledgeRegion()).findByRole('form', { name: 'Back this campaign' }))
      const amount = form.getByRole('textbox', { name: /^Amount \(EUR\)/ })

      await user.type(amount, '30')
      await user.click(form.getByRole('radio', { name: 'Early bird, from €25.00' }))
      expect(amount).toHaveValue('30')
      await user.click(form.getByRole('radio', { name: 'No reward, just support' }))
      await user.clear(amount)
      await user.type(amount, '12,50')
      await user.click(form.getByRole('radio', { name: 'Card is declined when the money is collected' }))
      await user.click(form.getByRole('button', { name: 'Pledge €12.50' }))

      expect(await screen.findByText('Thank you! You pledged €12.50.')).toBeVisible()
      expect(await fake.sent('POST /api/v1/campaigns/c1/pledges')[0].json()).toEqual({
        tier_id: null,
        amount_minor: 1250,
        payment_method: 'sim_charge_declined',
      })
    })

    it('puts “sold out” on the chosen reward and shows the rewards as they are now', async () => {
      let soldOutNow = false
      const fake = fundingApi({
        'GET /api/v1/campaigns/c1/funding': () =>
          json(aFunding({ tiers: [soldOutNow ? aTier({ taken: 50, remaining: 0 }) : aTier(), soldOut, later] })),
        'POST /api/v1/campaigns/c1/pledges': () => {
          soldOutNow = true
          return json(
            { type: 'urn:schwarm:problem:tier.sold_out', title: 'Conflict', status: 409, code: 'tier.sold_out', detail: 'every slot of “Early bird” is taken' },
            409,
          )
        },
      })
      const user = userEvent.setup()
      renderRoute('/c/summer-bottle')
      const form = within(await within(await pledgeRegion()).findByRole('form', { name: 'Back this campaign' }))

      await user.click(form.getByRole('radio', { name: 'Early bird, from €25.00' }))
      await user.click(form.getByRole('button', { name: 'Pledge €25.00' }))

      const early = form.getByRole('radio', { name: 'Early bird, from €25.00' })
      await waitFor(() => expect(early).toHaveAttribute('aria-invalid', 'true'))
      // Focus moves to the first marked input once the refusal is shown.
      await waitFor(() => expect(early).toHaveFocus())
      expect(early).toHaveAccessibleDescription(/This reward is sold out\. Choose another one\./)
      expect(early).not.toHaveAccessibleDescription(/every slot/)
      expect(form.getByRole('alert')).toHaveTextContent('Please correct the marked fields.')
      expect(form.getByRole('textbox', { name: /^Amount/ })).not.toHaveAttribute('aria-invalid')
      // The tiers are asked for again: the reward now says it is sold out.
      await waitFor(() => expect(fake.sent('GET /api/v1/campaigns/c1/funding').length).toBeGreaterThan(1))
      await waitFor(() => expect(early).toHaveAccessibleDescription(/Sold out · 50 backers/))
      // Still chosen and explained, so focus stays where the backer acts.
      expect(early).toBeEnabled()

      await act(() => switchLanguage('de'))

      expect(form.getByRole('radio', { name: /^Early bird, ab 25,00\s€$/ })).toHaveAccessibleDescription(
        /Dieses Dankeschön ist ausverkauft\. Wähle ein anderes\./,
      )
    })

    it('puts “below the minimum” on the amount, with the minimum the API names', async () => {
      const fake = fundingApi({
        'POST /api/v1/campaigns/c1/pledges': () =>
          json(
            {
              type: 'urn:schwarm:problem:pledge.below_minimum',
              title: 'Unprocessable Entity',
              status: 422,
              code: 'pledge.below_minimum',
              detail: 'amount_minor: this tier needs at least 3500 (minor units)',
              // As the API sends it: the minimum on the problem, the field error without it.
              field: 'amount_minor',
              params: { minimum: 3500 },
              errors: [{ field: 'amount_minor', code: 'pledge.below_minimum', message: 'this tier needs at least 3500 (minor units)' }],
            },
            422,
          ),
      })
      const user = userEvent.setup()
      renderRoute('/c/summer-bottle')
      const form = within(await within(await pledgeRegion()).findByRole('form', { name: 'Back this campaign' }))
      const amount = form.getByRole('textbox', { name: /^Amount \(EUR\)/ })

      // Below the minimum the page knows: said at once, nothing sent.
      await user.click(form.getByRole('radio', { name: 'Early bird, from €25.00' }))
      await user.clear(amount)
      await user.type(amount, '10')
      await user.click(form.getByRole('button', { name: 'Pledge €10.00' }))
      expect(amount).toHaveFocus()
      expect(amount).toHaveAccessibleDescription(/The minimum for this reward is €25\.00\./)
      expect(fake.sent('POST /api/v1/campaigns/c1/pledges')).toHaveLength(0)

      // The organisers raised it meanwhile: the API's minimum is said on the amount.
      await user.clear(amount)
      await user.type(amount, '30')
      await user.click(form.getByRole('button', { name: 'Pledge €30.00' }))

      await waitFor(() => expect(amount).toHaveAccessibleDescription(/The minimum for this reward is €35\.00\./))
      await waitFor(() => expect(amount).toHaveFocus())
      expect(amount).not.toHaveAccessibleDescription(/minor units/)
      expect(form.getByRole('alert')).toHaveTextContent('Please correct the marked fields.')
    })

    it('puts a declined payment on the payment choice', async () => {
      fundingApi({
        'POST /api/v1/campaigns/c1/pledges': () =>
          problem(422, 'Unprocessable Entity', 'payment_method: declined', [
            { field: 'payment_method', code: 'payment.declined', message: 'the payment method was declined; nothing was pledged' },
          ]),
      })
      const user = userEvent.setup()
      renderRoute('/c/summer-bottle')
      const form = within(await within(await pledgeRegion()).findByRole('form', { name: 'Back this campaign' }))

      await user.type(form.getByRole('textbox', { name: /^Amount/ }), '5')
      await user.click(form.getByRole('radio', { name: 'Card is refused at once' }))
      await user.click(form.getByRole('button', { name: 'Pledge €5.00' }))

      const refused = form.getByRole('radio', { name: 'Card is refused at once' })
      await waitFor(() => expect(refused).toHaveFocus())
      expect(refused).toHaveAccessibleDescription(/The payment method was declined, so nothing was pledged\./)
    })

    it('leads the organisers to the funding dashboard', async () => {
      fundingApi({ 'GET /api/v1/me/organizations': () => json(aPage([{ organization: anOrganization(), role: 'manager' }])) })
      renderRoute('/c/summer-bottle')

      const tools = within(await screen.findByRole('region', { name: 'Organiser tools' }))
      expect(tools.getByRole('link', { name: 'Funding' })).toHaveAttribute('href', '/c/summer-bottle/funding')
    })

    it('tells the organisers to set the goal before publishing', async () => {
      const notConfigured = () =>
        json(
          {
            type: 'urn:schwarm:problem:funding.not_configured',
            title: 'Conflict',
            status: 409,
            code: 'funding.not_configured',
            detail: 'a funding campaign needs its goal before it is published (PUT /campaigns/{id}/funding)',
          },
          409,
        )
      fundingApi({
        'GET /api/v1/campaigns/summer-bottle': () => json({ ...campaign, phase: 'draft' }),
        'GET /api/v1/me/organizations': () => json(aPage([{ organization: anOrganization(), role: 'owner' }])),
        'GET /api/v1/campaigns/c1/funding': notConfigured,
        'POST /api/v1/campaigns/c1/publish': notConfigured,
      })
      const user = userEvent.setup()
      renderRoute('/c/summer-bottle')
      const tools = within(await screen.findByRole('region', { name: 'Organiser tools' }))

      await user.click(tools.getByRole('button', { name: 'Publish' }))
      await user.click(tools.getByRole('button', { name: 'Yes, publish' }))

      const alert = await tools.findByRole('alert')
      expect(alert).toHaveTextContent('A crowdfunding campaign is published once its funding goal and rules are set.')
      expect(alert).not.toHaveTextContent('PUT /campaigns')
      expect(within(alert).getByRole('link', { name: 'Set them now' })).toHaveAttribute('href', '/c/summer-bottle/funding')
    })

    it('says when I already back the campaign, and where to change my pledge', async () => {
      fundingApi({ 'GET /api/v1/me/pledges': () => json(aPage([aPledge({ status: 'errored' })])) })
      renderRoute('/c/summer-bottle')

      const region = within(await pledgeRegion())
      expect(await region.findByText(/^You back this campaign with €30\.00 for “Early bird”\./)).toBeVisible()
      expect(region.getByText('Payment failed')).toBeVisible()
      expect(region.getByRole('link', { name: 'See and change my pledges' })).toHaveAttribute('href', '/me/pledges')
      expect(region.queryByRole('form')).toBeNull()
    })

    it('answers a second pledge the page did not know of with a way to the first', async () => {
      fundingApi({
        'POST /api/v1/campaigns/c1/pledges': () =>
          json({ type: 'urn:schwarm:problem:pledge.exists', title: 'Conflict', status: 409, code: 'pledge.exists', params: { pledge_id: 'p9' } }, 409),
      })
      const user = userEvent.setup()
      renderRoute('/c/summer-bottle')
      const form = within(await within(await pledgeRegion()).findByRole('form', { name: 'Back this campaign' }))

      await user.type(form.getByRole('textbox', { name: /^Amount/ }), '5')
      await user.click(form.getByRole('button', { name: 'Pledge €5.00' }))

      expect(await form.findByRole('alert')).toHaveTextContent(
        'You already back this campaign. Change your pledge instead of making a second one.',
      )
      expect(form.getByRole('link', { name: 'See and change my pledges' })).toHaveAttribute('href', '/me/pledges')
    })
  })
})
