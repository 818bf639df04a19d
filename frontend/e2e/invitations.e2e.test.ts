// Invitations end to end, against the real server: an owner sets up (through the API) an
// invite-only campaign open for submissions, then, in the browser on a phone-sized screen, creates
// an invitation link for it on the organization's Invitations page; someone without an account
// opens the link, is asked to sign in or register, registers, comes back to the invitation,
// accepts it and lands on the campaign; the API lists them as an invited participant and counts
// the use.
//
// The campaign's schedule is around the real time: the test empties TEST_CLOCK_FILE first, so that
// the server's clock runs even where an interrupted voting test left it stopped.
import { writeFileSync } from 'node:fs'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignRules, must, registeredApi } from './api.ts'
import { collectPageErrors, launchChromium, seriousAccessibilityViolations, signIn, signUp } from './browser.ts'
import { clockFile, e2eBaseUrl } from './env.ts'
import { instantIn } from './time.ts'

const baseUrl = e2eBaseUrl()
const run = `i${Date.now().toString(36)}`
const password = 'correct horse battery'

describe('invitations', () => {
  let browser: Browser | undefined

  beforeAll(async () => {
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
  })

  async function newContext(): Promise<BrowserContext> {
    if (!browser) throw new Error('Chromium did not start')
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' })
    context.setDefaultTimeout(10_000)
    return context
  }

  it('lets an owner share a link to an invite-only campaign, which a newcomer accepts to land on the campaign', async () => {
    // The owner's campaign: invite-only, published, submissions open now.
    writeFileSync(clockFile(), '')
    const owner = { email: `olga-${run}@example.com`, password, display_name: `Olga ${run}` }
    const api = await registeredApi(owner)
    const organization = `invite-${run}`
    await must(api.POST('/api/v1/organizations', { body: { name: `Invite ${run}`, slug: organization } }), 'organization')
    const campaign = await must(
      api.POST('/api/v1/organizations/{slug}/campaigns', {
        params: { path: { slug: organization } },
        body: {
          kind: 'idea',
          title: `Members’ bottle ${run}`,
          rules: campaignRules({ eligibility: 'invite_only' }),
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

    // The owner creates a link for the campaign, for up to five people, from the organization page.
    const organiser = await newContext()
    const page = await organiser.newPage()
    const errors = collectPageErrors(page)
    await page.goto(`${baseUrl}/login`)
    await signIn(page, owner)
    await page.goto(`${baseUrl}/o/${organization}`)
    await page.getByRole('link', { name: 'Invitations' }).click()
    await page.getByRole('heading', { level: 1, name: `Invitations of Invite ${run}` }).waitFor()
    await page.getByRole('region', { name: 'Invitations' }).getByText(/No invitations yet/).waitFor()
    await page.getByLabel('Invite to').selectOption({ label: campaign.title })
    await page.getByLabel('How many people may accept it').fill('5')
    await page.getByRole('button', { name: 'Create link' }).click()

    const shown = page.getByRole('region', { name: 'Your new invitation link' })
    const url = await shown.getByRole('textbox', { name: 'Invitation link' }).inputValue()
    const path = new URL(url).pathname
    expect(path).toMatch(/^\/invitations\/inv_/)
    const card = page.getByRole('article', { name: /^Shared link of / })
    await card.getByText('0 of 5').waitFor()
    expect(await card.getByText(campaign.title).count()).toBe(1)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    expect(errors).toEqual([])
    await organiser.close()

    // A newcomer opens the link: what it is for, and that they need an account to accept it.
    const newcomer = await newContext()
    const guest = await newcomer.newPage()
    const guestErrors = collectPageErrors(guest)
    await guest.goto(`${baseUrl}${path}`)
    await guest.getByText(`Invite ${run} invites you to take part in “${campaign.title}”.`).waitFor()
    expect(await guest.getByRole('button', { name: 'Accept invitation' }).count()).toBe(0)
    expect(await seriousAccessibilityViolations(guest)).toEqual([])
    await guest.getByRole('main').getByRole('link', { name: 'Create an account' }).click()
    await guest.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor()
    await signUp(guest, { displayName: `Ina ${run}`, email: `ina-${run}@example.com`, password })

    // Registered, they are back at the invitation and accept it.
    expect(new URL(guest.url()).pathname).toBe(path)
    await guest.getByRole('button', { name: 'Accept invitation' }).click()
    await guest.getByRole('heading', { level: 1, name: campaign.title }).waitFor()
    expect(new URL(guest.url()).pathname).toBe(`/c/${campaign.slug}`)
    expect(guestErrors).toEqual([])
    await newcomer.close()

    // The organization counts the use and lists them as a participant of the campaign.
    const participants = await must(
      api.GET('/api/v1/organizations/{slug}/participants', { params: { path: { slug: organization } } }),
      'participants',
    )
    expect(participants.items.map(({ display_name, campaign_id }) => ({ display_name, campaign_id }))).toEqual([
      { display_name: `Ina ${run}`, campaign_id: campaign.id },
    ])
    const invitations = await must(
      api.GET('/api/v1/organizations/{slug}/invitations', { params: { path: { slug: organization } } }),
      'invitations',
    )
    expect(invitations.items.map(({ uses, max_uses, status }) => ({ uses, max_uses, status }))).toEqual([
      { uses: 1, max_uses: 5, status: 'active' },
    ])
  })
})
