// The participation journey end to end, against the real server: an organiser registers, creates
// and describes an organization, creates a campaign that is open for submissions, publishes it,
// contributes, finds the contribution in the gallery, and reads the page in German.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, launchChromium, openNavigation } from './browser.ts'
import { e2eBaseUrl } from './env.ts'
import { localInput } from './time.ts'

const baseUrl = e2eBaseUrl()
// Unique per run: the server's database outlives a test run.
const run = Date.now().toString(36)

describe('participation journey', () => {
  let browser: Browser | undefined
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    browser = await launchChromium()
    // A phone-sized viewport: the journey must work on a phone.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' })
    context.setDefaultTimeout(10_000)
    page = await context.newPage()
    errors = collectPageErrors(page)
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('registers, organises a campaign, contributes, finds it in the gallery and switches to German', async () => {
    // Register.
    await page.goto(`${baseUrl}/register`)
    await page.getByLabel('Display name').fill(`Ada ${run}`)
    await page.getByLabel('Email').fill(`ada-${run}@example.com`)
    await page.getByLabel('Password').fill('correct horse battery')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('link', { name: 'My profile', includeHidden: true }).waitFor({ state: 'attached' })
    expect(new URL(page.url()).pathname).toBe('/')

    // Create an organization.
    await (await openNavigation(page)).getByRole('link', { name: 'For organisers' }).click()
    await page.getByLabel('Name').fill(`Acme ${run}`)
    await page.getByRole('textbox', { name: /^Address/ }).fill(`acme-${run}`)
    await page.getByRole('button', { name: 'Create organization' }).click()
    await page.getByRole('heading', { level: 1, name: `Acme ${run}` }).waitFor()
    expect(new URL(page.url()).pathname).toBe(`/o/acme-${run}`)
    await page.getByRole('button', { name: 'Edit profile' }).click()
    await page.getByLabel('Description').fill('We make bottles.')
    await page.getByRole('button', { name: 'Save profile' }).click()
    await page.getByText('We make bottles.').waitFor()

    // Create a campaign whose submissions are open now, step by step.
    await page.getByRole('link', { name: 'Create a campaign' }).first().click()
    await page.getByLabel('Title').fill(`Summer bottle ${run}`)
    await page.getByLabel('Brief').fill('Design our **summer** bottle.')
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByLabel('Submissions open').fill(localInput(-5))
    await page.getByLabel('Submissions close').fill(localInput(24 * 60))
    await page.getByLabel('Voting opens').fill(localInput(24 * 60))
    await page.getByLabel('Voting closes').fill(localInput(48 * 60))
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByRole('heading', { level: 1, name: `Summer bottle ${run}` }).waitFor()
    expect(await page.getByText('This campaign is a draft').isVisible()).toBe(true)

    // The new organization is among mine (the list was fetched empty before it existed), and its
    // page lists the draft to its owner, marked, with a link to edit it.
    await (await openNavigation(page)).getByRole('link', { name: 'For organisers' }).click()
    const mine = page.getByRole('region', { name: 'My organizations' })
    await mine.getByRole('listitem').filter({ hasText: `Acme ${run}` }).filter({ hasText: 'Owner' }).waitFor()
    await mine.getByRole('link', { name: `Acme ${run}` }).click()
    const draft = page.getByRole('region', { name: 'Campaigns' }).getByRole('article').filter({ hasText: `Summer bottle ${run}` })
    await draft.getByText('Draft, not public').waitFor()
    await draft.getByRole('link', { name: `Edit draft “Summer bottle ${run}”` }).waitFor()
    await draft.getByRole('link', { name: `Summer bottle ${run}`, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: `Summer bottle ${run}` }).waitFor()

    // Publish, with confirmation.
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByRole('button', { name: 'Yes, publish' }).click()
    await page.getByRole('status').filter({ hasText: 'Done.' }).waitFor()
    await page.getByText('Open for submissions').first().waitFor()
    await page.getByRole('timer').filter({ hasText: 'Submissions close in' }).waitFor()
    expect(await page.locator('.markdown strong').textContent()).toBe('summer')

    // Contribute.
    await page.getByRole('link', { name: 'Contribute', exact: true }).click()
    await page.getByLabel('Title').fill(`Wave bottle ${run}`)
    await page.getByLabel('Description').fill('A bottle shaped like a wave.')
    await page.getByLabel('Tags').fill('summer, wave')
    await page.getByRole('button', { name: 'Submit' }).click()
    await page.getByRole('heading', { level: 1, name: `Wave bottle ${run}` }).waitFor()
    expect(await page.getByText('Published').first().isVisible()).toBe(true)

    // Find it in the gallery.
    await page.getByRole('link', { name: `In Summer bottle ${run}` }).click()
    const gallery = page.getByRole('region', { name: 'Gallery' })
    await gallery.getByRole('link', { name: `Wave bottle ${run}` }).waitFor()

    // Switch to German.
    await (await openNavigation(page)).getByLabel('Language').selectOption('de')
    await page.getByRole('region', { name: 'Galerie' }).waitFor()
    expect(await page.getByRole('link', { name: 'Beitrag einreichen' }).isVisible()).toBe(true)
    expect(await page.locator('html').getAttribute('lang')).toBe('de')
    expect(errors).toEqual([])
  })
})
