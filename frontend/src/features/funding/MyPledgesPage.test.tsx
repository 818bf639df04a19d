import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { aFunding, aPage, aPledge, aTier } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

type Pledge = Schemas['PledgeResponse']

/** A collection that failed: the backer has until the grace window ends to fix it. */
const errored = aPledge({
  id: 'p2',
  campaign_id: 'c2',
  campaign_slug: 'lantern',
  campaign_title: 'Lantern',
  tier_id: null,
  tier_title: null,
  amount_minor: 5000,
  status: 'errored',
  payment_method: 'sim_charge_declined',
  failure: 'card declined',
  grace_until: '2030-06-27T12:00:00Z',
  changeable: false,
  payments: [
    {
      id: 'pay1',
      kind: 'charge',
      amount_minor: 5000,
      currency: 'EUR',
      provider: 'simulated',
      outcome: 'failed',
      failure: 'card declined',
      reference: null,
      created_at: '2030-06-20T12:00:00Z',
    },
  ],
})

/** My pledges, kept in step with changes and cancellations. */
function pledgesApi(initial: Pledge[], routes: Record<string, Handler> = {}) {
  startSession(authResponse())
  let pledges = [...initial]
  const replace = (changed: Pledge) => {
    pledges = pledges.map((pledge) => (pledge.id === changed.id ? changed : pledge))
    return json(changed)
  }
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/pledges': () => json(aPage(pledges)),
    'GET /api/v1/campaigns/c1/funding': () => json(aFunding({ tiers: [aTier(), aTier({ id: 't2', title: 'Collector', min_amount_minor: 10000 })] })),
    'PATCH /api/v1/pledges/p1': async (request) => {
      const body = (await request.json()) as Schemas['UpdatePledgeRequest']
      const tierTitle = body.tier_id === 't2' ? 'Collector' : body.tier_id === 't1' ? 'Early bird' : null
      return replace({ ...pledges[0], tier_id: body.tier_id ?? null, tier_title: tierTitle, amount_minor: body.amount_minor ?? pledges[0].amount_minor })
    },
    'PATCH /api/v1/pledges/p2': async (request) => {
      const body = (await request.json()) as Schemas['UpdatePledgeRequest']
      // The failed collection is tried again at once with the new method, and goes through.
      return replace({ ...errored, payment_method: body.payment_method ?? errored.payment_method, status: 'collected', collected_at: '2030-06-21T12:00:00Z', grace_until: null })
    },
    'DELETE /api/v1/pledges/p1': () => replace({ ...pledges[0], status: 'cancelled', changeable: false, ended_at: '2030-06-11T12:00:00Z' }),
    ...routes,
  })
}

const card = (campaign: string) => screen.findByRole('article', { name: campaign })

describe('my pledges', () => {
  it('lists each pledge with where it stands and what that means', async () => {
    pledgesApi([aPledge(), errored])
    renderRoute('/me/pledges')

    expect(await screen.findByRole('heading', { level: 1, name: 'My pledges' })).toBeVisible()
    const summer = within(await card('Summer bottle'))
    expect(summer.getByText('Pledged', { selector: '.badge' })).toBeVisible()
    expect(summer.getByText('Amount', { selector: 'dt' }).nextElementSibling).toHaveTextContent('€30.00')
    expect(summer.getByText('Reward', { selector: 'dt' }).nextElementSibling).toHaveTextContent('Early bird')
    expect(summer.getByText('Payment', { selector: 'dt' }).nextElementSibling).toHaveTextContent('Payment goes through')
    expect(summer.getByRole('link', { name: 'Summer bottle' })).toHaveAttribute('href', '/c/summer-bottle')

    const lantern = within(await card('Lantern'))
    expect(lantern.getByText('Payment failed', { selector: '.badge' })).toBeVisible()
    expect(lantern.getByText('The payment failed. Give another payment method to try again.')).toBeVisible()
    expect(lantern.getByText('What the payment provider said: card declined')).toBeVisible()
    expect(lantern.getByText(/^Fix it by Jun 27, 2030.*, or the pledge is dropped\.$/)).toBeVisible()
    expect(lantern.getByText('Reward', { selector: 'dt' }).nextElementSibling).toHaveTextContent('No reward')
    // The window is closed: only the payment can still be fixed.
    const actions = within(lantern.getByRole('group', { name: 'Actions for my pledge to “Lantern”' }))
    expect(actions.getAllByRole('button').map((button) => button.textContent)).toEqual(['Fix payment'])
    expect(lantern.getByText('Payments (1)')).toBeVisible()
    expect(lantern.getByRole('list', { name: 'Payments of my pledge to “Lantern”', hidden: true })).toHaveTextContent(
      'Charge of €50.00, Jun 20, 2030',
    )

    await act(() => switchLanguage('de'))

    expect(lantern.getByText('Zahlung fehlgeschlagen', { selector: '.badge' })).toBeVisible()
    expect(lantern.getByRole('button', { name: 'Zahlung korrigieren' })).toBeVisible()
  })

  it('fixes a failed payment with another method, and says it went through', async () => {
    const fake = pledgesApi([aPledge(), errored])
    const user = userEvent.setup()
    renderRoute('/me/pledges')
    const lantern = within(await card('Lantern'))

    await user.click(lantern.getByRole('button', { name: 'Fix payment' }))
    const form = within(lantern.getByRole('form', { name: 'Payment method' }))
    expect(form.getByRole('group', { name: 'Payment' })).toHaveAccessibleDescription(/^Demo payments: no money moves\./)
    expect(form.getByRole('radio', { name: 'Card is declined when the money is collected' })).toBeChecked()
    await user.click(form.getByRole('radio', { name: 'Payment goes through' }))
    await user.click(form.getByRole('button', { name: 'Use this payment method' }))

    expect(await lantern.findByText('The payment method of your pledge to “Lantern” was changed.')).toBeVisible()
    expect(lantern.getByRole('heading', { name: 'Lantern' })).toHaveFocus()
    expect(await fake.sent('PATCH /api/v1/pledges/p2')[0].json()).toEqual({ payment_method: 'sim_ok' })
    expect(lantern.getByText('Paid', { selector: '.badge' })).toBeVisible()
    expect(lantern.getByText('Paid Jun 21, 2030. Thank you!')).toBeVisible()
    expect(lantern.queryByRole('button', { name: 'Fix payment' })).toBeNull()
  })

  it('cancels a pledge only after asking', async () => {
    const fake = pledgesApi([aPledge()])
    const user = userEvent.setup()
    renderRoute('/me/pledges')
    const summer = within(await card('Summer bottle'))

    await user.click(summer.getByRole('button', { name: 'Cancel pledge' }))
    expect(fake.sent('DELETE /api/v1/pledges/p1')).toHaveLength(0)
    expect(summer.getByText('Cancel your pledge? Its reward goes back to other backers.')).toBeVisible()
    await user.click(summer.getByRole('button', { name: 'Yes, cancel it' }))

    expect(await summer.findByText('Your pledge to “Summer bottle” was cancelled.')).toBeVisible()
    expect(fake.sent('DELETE /api/v1/pledges/p1')).toHaveLength(1)
    expect(summer.getByText('Cancelled', { selector: '.badge' })).toBeVisible()
    expect(summer.getByText('Cancelled: this pledge no longer counts.')).toBeVisible()
    expect(summer.queryByRole('group', { name: /^Actions/ })).toBeNull()
    expect(summer.getByRole('heading', { name: 'Summer bottle' })).toHaveFocus()
  })

  it('changes the reward, with the amount raised to its minimum', async () => {
    const fake = pledgesApi([aPledge()])
    const user = userEvent.setup()
    renderRoute('/me/pledges')
    const summer = within(await card('Summer bottle'))

    await user.click(summer.getByRole('button', { name: 'Change amount or reward' }))
    const form = within(await summer.findByRole('form', { name: 'Change amount or reward' }))
    expect(form.getByRole('radio', { name: 'Early bird, from €25.00' })).toBeChecked()
    expect(form.getByRole('textbox', { name: /^Amount \(EUR\)/ })).toHaveValue('30')
    await user.click(form.getByRole('radio', { name: 'Collector, from €100.00' }))
    expect(form.getByRole('textbox', { name: /^Amount \(EUR\)/ })).toHaveValue('100')
    await user.click(form.getByRole('button', { name: 'Save changes' }))

    expect(await summer.findByText('Your pledge to “Summer bottle” was changed.')).toBeVisible()
    expect(await fake.sent('PATCH /api/v1/pledges/p1')[0].json()).toEqual({ tier_id: 't2', amount_minor: 10000 })
    await waitFor(() => expect(summer.getByText('Reward', { selector: 'dt' }).nextElementSibling).toHaveTextContent('Collector'))
    expect(summer.getByText('Amount', { selector: 'dt' }).nextElementSibling).toHaveTextContent('€100.00')
  })

  it('says so when I back nothing yet', async () => {
    pledgesApi([])
    renderRoute('/me/pledges')

    expect(await screen.findByText('You back no campaign yet.')).toBeVisible()
    expect(screen.getByRole('link', { name: 'Discover campaigns' })).toHaveAttribute('href', '/?kind=funding')
  })
})
