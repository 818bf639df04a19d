// Crowdfunding end to end, against the real server with demo payments (SIMULATED_PAYMENTS=true)
// and its domain clock (TEST_CLOCK_FILE): an organiser's all-or-nothing campaign with a limited
// early-bird reward; two backers pledge through the API (one card will be declined), a third in
// the browser; past the deadline the organiser runs a dry run and the settlement on the funding
// dashboard, sees the honest totals (collected below the goal while one payment is in its grace
// window), the declined backer fixes the payment, the next run decides "funded", and a rerun
// changes nothing.
import { writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Api, must, registeredApi } from './api.ts'
import { collectPageErrors, launchChromium, saveScreenshot, seriousAccessibilityViolations, signIn, signUp } from './browser.ts'
import { clockFile, e2eBaseUrl } from './env.ts'
import { instantIn as at } from './time.ts'

const baseUrl = e2eBaseUrl()
const run = `f${Date.now().toString(36)}`
const password = 'correct horse battery'

describe('crowdfunding', () => {
  let browser: Browser | undefined
  let backerPage: Page
  let organiserPage: Page
  let errors: string[]
  const clock = clockFile()

  beforeAll(async () => {
    browser = await launchChromium()
    const open = async () => {
      const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' })
      context.setDefaultTimeout(10_000)
      return context.newPage()
    }
    backerPage = await open()
    organiserPage = await open()
    errors = collectPageErrors(backerPage)
  })

  afterAll(async () => {
    writeFileSync(clock, '')
    await browser?.close()
  })

  it('runs a campaign with three backers, one failing payment, to an honest "funded"', async () => {
    writeFileSync(clock, '')
    const olga = { email: `olga-${run}@example.com`, password, display_name: `Olga ${run}` }
    const api = await registeredApi(olga)
    const slug = `lamp-${run}`
    await must(api.POST('/api/v1/organizations', { body: { name: `Lamp ${run}`, slug } }), 'organization')
    const campaign = await must(
      api.POST('/api/v1/organizations/{slug}/campaigns', {
        params: { path: { slug } },
        body: {
          kind: 'funding',
          title: `Solar lamp ${run}`,
          schedule: { submissions_open_at: at(-5), submissions_close_at: at(60), voting_open_at: at(60), voting_close_at: at(120) },
        },
      }),
      'campaign',
    )
    const id = campaign.id
    await must(
      api.PUT('/api/v1/campaigns/{id}/funding', {
        params: { path: { id } },
        body: { goal_minor: 10_000, currency: 'EUR', model: 'all_or_nothing', provider: 'simulated', grace_days: 7 },
      }),
      'funding',
    )
    await must(
      api.POST('/api/v1/campaigns/{id}/tiers', {
        params: { path: { id } },
        body: { title: 'Early bird', min_amount_minor: 2_500, quantity_limit: 2 },
      }),
      'tier',
    )
    await must(api.POST('/api/v1/campaigns/{id}/publish', { params: { path: { id } } }), 'publish')

    // Two backers through the API: Ann's card works, Cem's will be declined at collection.
    const pledge = async (name: string, amount: number, method: string): Promise<[Api, string]> => {
      const backer = await registeredApi({ email: `${name}-${run}@example.com`, password, display_name: `${name} ${run}` })
      const made = await must(
        backer.POST('/api/v1/campaigns/{id}/pledges', { params: { path: { id } }, body: { amount_minor: amount, payment_method: method } }),
        `pledge of ${name}`,
      )
      return [backer, made.id]
    }
    await pledge('ann', 6_000, 'sim_ok')
    const [cem, cemPledge] = await pledge('cem', 2_000, 'sim_charge_declined')

    // Pia backs it in the browser with the early-bird reward.
    await backerPage.goto(`${baseUrl}/register`)
    await signUp(backerPage, { displayName: `Pia ${run}`, email: `pia-${run}@example.com`, password })
    await backerPage.goto(`${baseUrl}/c/${campaign.slug}`)
    await backerPage.getByLabel(/^Early bird/).check()
    await backerPage.getByLabel(/^Amount/).fill('30')
    await backerPage.getByLabel('Payment goes through').check()
    await backerPage.getByRole('button', { name: /^Pledge/ }).click()
    await backerPage.getByText(/^Thank you! You pledged €30\.00/).waitFor()
    expect(await seriousAccessibilityViolations(backerPage), 'campaign page after pledging').toEqual([])
    await saveScreenshot(backerPage, 'funding-pledged-phone')

    // Past the deadline, the organiser settles on the dashboard.
    writeFileSync(clock, at(61))
    await organiserPage.goto(`${baseUrl}/login`)
    await signIn(organiserPage, olga)
    await organiserPage.goto(`${baseUrl}/c/${campaign.slug}/funding`)
    const settlement = organiserPage.getByRole('region', { name: 'Settlement' })
    await settlement.getByRole('button', { name: 'Dry run: what would happen?' }).click()
    await settlement.getByText('A run now would do this (nothing was changed):').waitFor()
    // The report's "Collected" term and its number: Ann's and Pia's pledges.
    const collected = settlement.locator('.settle-report dl > div').filter({ has: organiserPage.getByText('Collected', { exact: true }) })
    expect((await collected.textContent())?.trim()).toBe('Collected2')
    await settlement.getByRole('button', { name: 'Run settlement' }).click()
    await settlement.getByRole('button', { name: 'Yes, run it' }).click()
    await settlement.getByText('The run did this:').waitFor()

    // Honest totals: €90.00 collected of €100.00, €110.00 pledged, one payment in its grace window.
    const funding = await must(api.GET('/api/v1/campaigns/{id}/funding', { params: { path: { id } } }), 'funding')
    expect([funding.totals.collected_minor, funding.totals.pledged_minor, funding.totals.unresolved, funding.outcome]).toEqual([
      9_000, 11_000, 1, null,
    ])
    await organiserPage.getByText('1 pledge still waits for its money.').first().waitFor()

    // Cem fixes the payment: collected at once; the next run decides.
    const fixed = await must(
      cem.PATCH('/api/v1/pledges/{id}', { params: { path: { id: cemPledge } }, body: { payment_method: 'sim_ok' } }),
      'fix payment',
    )
    expect(fixed.status).toBe('collected')
    await organiserPage.reload()
    await settlement.getByRole('button', { name: 'Run settlement' }).click()
    await settlement.getByRole('button', { name: 'Yes, run it' }).click()
    await organiserPage.getByText(/^Funded! The campaign reached its goal/).first().waitFor()
    expect(await seriousAccessibilityViolations(organiserPage), 'funding dashboard').toEqual([])
    await saveScreenshot(organiserPage, 'funding-dashboard-phone')

    // Running it again changes nothing.
    const again = await must(
      api.POST('/api/v1/campaigns/{id}/funding/settle', { params: { path: { id } }, body: { dry_run: false } }),
      'rerun',
    )
    expect([again.report.collected, again.report.refunded, again.report.decided, again.funding.totals.collected_minor]).toEqual([
      0, 0, null, 11_000,
    ])
    expect(errors).toEqual([])
  })
})
