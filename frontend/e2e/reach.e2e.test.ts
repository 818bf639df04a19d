// Invitations end to end, against the real server: an organiser sets up (through the API) a
// campaign open for submissions (and votes), with a prize, and an invitation channel for it; a
// visitor opens the channel's link in the browser, signs up from the campaign page and
// contributes; a second participant, who came directly, upvotes the contribution; once voting has
// closed the organiser finalizes the awards and sees the visitor's contribution win; the API
// credits the channel with the visit, the sign-up and the contribution, and the organiser's
// analytics page names it as the best channel.
//
// The campaign's schedule is around the real time: the test empties TEST_CLOCK_FILE first, so that
// the server's clock runs even where an interrupted voting test left it stopped; to close voting
// it stops the clock after the voting window, and empties the file again at the end.
import { writeFileSync } from 'node:fs'
import type { Browser, BrowserContext, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignRules, must, registeredApi } from './api.ts'
import { collectPageErrors, launchChromium, signIn, signUp } from './browser.ts'
import { clockFile, e2eBaseUrl } from './env.ts'
import { instantIn } from './time.ts'

const baseUrl = e2eBaseUrl()
const run = `r${Date.now().toString(36)}`
const password = 'correct horse battery'
const channelName = 'design forum X'

/** The texts of a table row's data cells (not its row header). */
const cellsOf = (row: Locator) => row.getByRole('cell').allTextContents()

describe('reach', () => {
  let browser: Browser | undefined

  beforeAll(async () => {
    browser = await launchChromium()
  })

  afterAll(async () => {
    // Let the server's clock run again for whatever comes next.
    writeFileSync(clockFile(), '')
    await browser?.close()
  })

  async function newContext(): Promise<BrowserContext> {
    if (!browser) throw new Error('Chromium did not start')
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' })
    context.setDefaultTimeout(10_000)
    return context
  }

  it('credits a visit, sign-up and contribution through an invitation link to its channel, which wins', async () => {
    // The organiser's campaign: published, submissions (and votes) open now, with goals and a prize.
    writeFileSync(clockFile(), '')
    const owner = { email: `otto-${run}@example.com`, password, display_name: `Otto ${run}` }
    const api = await registeredApi(owner)
    const organization = `reach-${run}`
    await must(api.POST('/api/v1/organizations', { body: { name: `Reach ${run}`, slug: organization } }), 'organization')
    const campaign = await must(
      api.POST('/api/v1/organizations/{slug}/campaigns', {
        params: { path: { slug: organization } },
        body: {
          kind: 'idea',
          title: `Forum bottle ${run}`,
          rules: campaignRules({ vote_during_submission: true, participation_target_percent: 10, contribution_target: 5 }),
          prize_tiers: [{ title: 'First prize', rank_from: 1, rank_to: 1, amount_minor: 50_000, currency: 'EUR', points: 100 }],
          schedule: {
            submissions_open_at: instantIn(-5),
            submissions_close_at: instantIn(24 * 60),
            voting_open_at: instantIn(24 * 60),
            voting_close_at: instantIn(48 * 60),
          },
        },
      }),
      'campaign',
    )
    await must(api.POST('/api/v1/campaigns/{id}/publish', { params: { path: { id: campaign.id } } }), 'publish')
    const channel = await must(
      api.POST('/api/v1/campaigns/{id}/channels', {
        params: { path: { id: campaign.slug } },
        body: { name: channelName, kind: 'community' },
      }),
      'channel',
    )
    expect(channel.link).toBe(`/c/${campaign.slug}?via=${channel.code}`)

    // A visitor opens the invitation link: the campaign page counts the visit with the code, then
    // leaves the plain address in the location bar.
    const visitor = await newContext()
    const page = await visitor.newPage()
    const errors = collectPageErrors(page)
    const visit = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && new URL(response.url()).pathname === `/api/v1/campaigns/${campaign.slug}/visits`,
    )
    await page.goto(`${baseUrl}${channel.link}`)
    await page.getByRole('heading', { level: 1, name: campaign.title }).waitFor()
    expect(await (await visit).json()).toEqual({ first_touch: true, counted: true, via_recognized: true })
    await page.waitForURL((url) => url.pathname === `/c/${campaign.slug}` && !url.searchParams.has('via'))

    // They sign up from the campaign page (by way of the sign-in page) and land on the form to
    // contribute, signed in.
    await page.getByRole('link', { name: 'Sign in to contribute' }).click()
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    await page.getByRole('link', { name: 'Create an account' }).click()
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor()
    await signUp(page, { displayName: `Ivy ${run}`, email: `ivy-${run}@example.com`, password })
    expect(new URL(page.url()).pathname).toBe(`/c/${campaign.slug}/contribute`)
    await page.getByLabel('Title').fill(`Forum wave ${run}`)
    await page.getByLabel('Description').fill('Seen on the design forum.')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByRole('heading', { level: 1, name: `Forum wave ${run}` }).waitFor()
    expect(errors).toEqual([])
    await visitor.close()

    // A second participant, who came directly, signs up and upvotes the contribution (votes are
    // open during the submissions).
    const fan = await newContext()
    const fanPage = await fan.newPage()
    const fanErrors = collectPageErrors(fanPage)
    await fanPage.goto(`${baseUrl}/register`)
    await signUp(fanPage, { displayName: `Fay ${run}`, email: `fay-${run}@example.com`, password })
    await fanPage.goto(`${baseUrl}/c/${campaign.slug}`)
    await fanPage.getByRole('heading', { level: 1, name: campaign.title }).waitFor()
    const card = fanPage.getByRole('region', { name: 'Gallery' }).getByRole('article').filter({ hasText: `Forum wave ${run}` })
    await card.getByRole('button', { name: 'Upvote' }).click()
    await card.getByRole('button', { name: 'Upvoted', pressed: true }).waitFor()
    expect(fanErrors).toEqual([])
    await fan.close()

    // Voting closes: the server's clock stops an hour after the voting window.
    writeFileSync(clockFile(), instantIn(49 * 60))

    // The organiser signs in, finalizes the awards on the campaign page and sees the winner.
    const organiser = await newContext()
    const insight = await organiser.newPage()
    const organiserErrors = collectPageErrors(insight)
    await insight.goto(`${baseUrl}/login`)
    await insight.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    await signIn(insight, owner)
    // (Their visit counts too: it is awaited, so that the funnels below know it.)
    const organiserVisit = insight.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && new URL(response.url()).pathname === `/api/v1/campaigns/${campaign.slug}/visits`,
    )
    await insight.goto(`${baseUrl}/c/${campaign.slug}`)
    expect((await organiserVisit).ok()).toBe(true)
    const awards = insight.getByRole('region', { name: 'Awards' })
    // Finalizing shows who would get what first, then creates it on confirmation.
    await awards.getByRole('button', { name: 'Preview awards' }).click()
    const preview = awards.getByRole('region', { name: 'Preview: who would get what' })
    await preview.getByRole('article', { name: `Rank 1: Forum wave ${run}` }).waitFor()
    await preview.getByRole('button', { name: 'Finalize these awards' }).click()
    await awards.getByRole('status').getByText('The awards were created.').waitFor()
    const winner = awards.getByRole('article', { name: `Rank 1: Forum wave ${run}` })
    await winner.getByText('First prize').waitFor()
    expect(await winner.getByRole('row', { name: new RegExp(`Ivy ${run}`) }).count()).toBe(1)

    // The API credits the channel: the visit, the account made after it, and the contribution.
    const analytics = await must(api.GET('/api/v1/campaigns/{id}/analytics', { params: { path: { id: campaign.slug } } }), 'analytics')
    const forum = analytics.sources.find((row) => row.source.name === channelName)
    expect(forum?.source).toEqual({ kind: 'community', channel_id: channel.id, name: channelName })
    expect(forum?.funnel).toEqual({ visitors: 1, registered: 1, sign_ups: 1, participants: 1, voters: 0, contributors: 1, backers: 0, workers: 0 })
    expect(forum?.rates.contribution_rate).toBe(1)
    expect(analytics.summary.best_channel).toEqual(forum?.source)
    // Overall: the channel's visitor, the voter (who had an account before their visit, so no
    // sign-up) and the organiser (on the campaign page to finalize) visited signed in.
    expect(analytics.funnel).toEqual({ visitors: 3, registered: 3, sign_ups: 1, participants: 2, voters: 1, contributors: 1, backers: 0, workers: 0 })

    // The organiser's analytics page names the channel.
    await insight.goto(`${baseUrl}/c/${campaign.slug}/analytics`)
    await insight.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor()

    const summary = insight.getByRole('region', { name: 'At a glance' })
    await summary.getByText(`“${channelName}”: 100% of its visitors contributed.`).waitFor()

    // Each source's funnel, visible beneath its chart: visitors, sign-ups, voters, contributors, rate.
    const sources = insight.getByRole('table', { name: 'Funnel and contribution rate by source' })
    expect(await cellsOf(sources.getByRole('row', { name: channelName }))).toEqual(['1', '1', '0', '1', '100%'])

    // The whole funnel, as the chart's text alternative: the visitor is the campaign's only
    // contributor, the second participant its only voter.
    const funnel = insight.getByRole('table', { name: 'Funnel', exact: true })
    for (const [step, people] of [
      ['Visitors', '3'],
      ['Signed in', '3'],
      ['Sign-ups', '1'],
      ['Voters', '1'],
      ['Contributors', '1'],
    ]) {
      expect(await cellsOf(funnel.getByRole('row', { name: step }))).toEqual([people])
    }
    expect(organiserErrors).toEqual([])
    await organiser.close()
  })
})
