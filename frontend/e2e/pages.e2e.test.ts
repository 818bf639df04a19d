// The main pages, as a participant and an organiser see them, against the real server: each is
// checked with axe-core (no serious or critical violations) and photographed at desktop and phone
// widths into test-results/screenshots/<page>-<width>.png.
//
// An organiser sets up (through the API) a published campaign open for submissions with one
// contribution, which someone else comments on (a notification for the organiser); the browser
// visits the public pages signed out, then signs in as the organiser.
// The campaign's schedule is around the real time: the test empties TEST_CLOCK_FILE first.
import { writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignRules, must, registeredApi } from './api.ts'
import { collectPageErrors, launchChromium, saveScreenshot, seriousAccessibilityViolations, signIn } from './browser.ts'
import { clockFile, e2eBaseUrl } from './env.ts'
import { instantIn } from './time.ts'

const baseUrl = e2eBaseUrl()
const run = `p${Date.now().toString(36)}`
const owner = { email: `olga-${run}@example.com`, password: 'correct horse battery', display_name: `Olga ${run}` }
const campaignTitle = `Lantern ${run}`
const contributionTitle = `Paper lantern ${run}`
const organization = `pages-${run}`

const WIDTHS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const

describe('main pages: accessibility and screenshots', () => {
  let browser: Browser | undefined
  let page: Page
  let errors: string[]
  let campaignSlug = ''
  let contributionId = ''

  beforeAll(async () => {
    writeFileSync(clockFile(), '')
    const api = await registeredApi(owner)
    await must(api.POST('/api/v1/organizations', { body: { name: `Pages ${run}`, slug: organization } }), 'organization')
    const campaign = await must(
      api.POST('/api/v1/organizations/{slug}/campaigns', {
        params: { path: { slug: organization } },
        body: {
          kind: 'idea',
          title: campaignTitle,
          brief: 'Design a **paper lantern** for the summer fair.',
          rules: campaignRules({ vote_during_submission: true, participation_target_percent: 10, contribution_target: 5 }),
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
    const contribution = await must(
      api.POST('/api/v1/campaigns/{id}/contributions', {
        params: { path: { id: campaign.slug } },
        body: { title: contributionTitle, body: 'Folded from *one* sheet.', tags: ['paper'] },
      }),
      'contribution',
    )
    campaignSlug = campaign.slug
    contributionId = contribution.id
    // Someone comments on the organiser's contribution: a notification in the organiser's inbox.
    const commenter = await registeredApi({
      email: `carl-${run}@example.com`,
      password: 'correct horse battery',
      display_name: `Carl ${run}`,
    })
    await must(
      commenter.POST('/api/v1/contributions/{id}/comments', {
        params: { path: { id: contribution.id } },
        body: { body: 'Lovely folds.' },
      }),
      'comment',
    )

    browser = await launchChromium()
    const context = await browser.newContext({ viewport: WIDTHS.desktop, locale: 'en-US' })
    context.setDefaultTimeout(10_000)
    page = await context.newPage()
    errors = collectPageErrors(page)
  })

  afterAll(async () => {
    await browser?.close()
  })

  /**
   * Opens `path`, waits for its main heading and for its data (and for the text `ready`, if given),
   * then at each width checks it with axe and saves a screenshot `<name>-<width>.png`.
   */
  async function checkPage(name: string, path: string, heading: string, ready?: string): Promise<void> {
    await page.setViewportSize(WIDTHS.desktop)
    await page.goto(`${baseUrl}${path}`)
    await page.getByRole('heading', { level: 1, name: heading }).waitFor()
    if (ready !== undefined) await page.getByText(ready).first().waitFor()
    await page.waitForLoadState('networkidle')
    for (const [width, size] of Object.entries(WIDTHS)) {
      await page.setViewportSize(size)
      expect(await seriousAccessibilityViolations(page), `${name} at ${width} width`).toEqual([])
      await saveScreenshot(page, `${name}-${width}`)
    }
    expect(errors).toEqual([])
  }

  it('discover', () => checkPage('discover', '/', 'Campaigns'))
  it('campaign', () => checkPage('campaign', `/c/${campaignSlug}`, campaignTitle))
  it('contribution', () => checkPage('contribution', `/contributions/${contributionId}`, contributionTitle))
  it('sign-in', () => checkPage('sign-in', '/login', 'Sign in'))
  it('sign-up', () => checkPage('sign-up', '/register', 'Create your account'))
  // Without a token it asks the server nothing and says the link is not valid.
  it('unsubscribe', () => checkPage('unsubscribe', '/unsubscribe', 'Unsubscribe from emails'))

  describe('signed in as the organiser', () => {
    beforeAll(async () => {
      await page.goto(`${baseUrl}/login`)
      await signIn(page, owner)
    })

    it('my rewards', () => checkPage('my-rewards', '/me/rewards', 'My rewards'))
    it('my timeline', () => checkPage('my-timeline', '/me/timeline', 'My timeline'))
    it('my pledges', () => checkPage('my-pledges', '/me/pledges', 'My pledges', 'You back no campaign yet.'))
    it('campaign analytics', () => checkPage('analytics', `/c/${campaignSlug}/analytics`, 'Analytics'))
    it('my profile and notification settings', () => checkPage('profile', '/me', 'My profile'))
    it('notifications', () =>
      checkPage('notifications', '/notifications', 'Notifications', `A new comment on “${contributionTitle}”.`))
    it('webhooks', () => checkPage('webhooks', `/o/${organization}/webhooks`, `Webhooks of Pages ${run}`))
  })
})
