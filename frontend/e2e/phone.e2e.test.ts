// The app on a phone (390 × 844, in German): a compact header whose "Menü" opens the navigation,
// the front page's campaign cards with the brand and what the prizes add up to, and a campaign with
// a leaderboard and its analytics (as the owner) that fit the screen: no sideways scrolling, axe
// clean. Screenshots go to E2E_SCREENSHOT_DIR (see browser.ts).
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { must, openCampaign, registeredApi } from './api.ts'
import { collectPageErrors, launchChromium, openNavigation, saveScreenshot, seriousAccessibilityViolations, signIn } from './browser.ts'
import { e2eBaseUrl } from './env.ts'

const baseUrl = e2eBaseUrl()
const run = `p${Date.now().toString(36)}`
const password = 'correct horse battery'
const PHONE = { width: 390, height: 844 }

/** Whether the page scrolls sideways: it must not, on a phone. */
function pageWidth(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  )
}

describe('on a phone', () => {
  let browser: Browser | undefined
  let page: Page
  let errors: string[]
  const owner = { email: `owner-${run}@example.com`, password, display_name: `Olga ${run}` }
  const brand = `Nordquell ${run}`
  const title = `Sommerflasche ${run}`
  let slug = ''

  beforeAll(async () => {
    // The owner's campaign: open now, votes while entries come in (so the leaderboard shows), prizes
    // of 1 × 1.000 € and 2 × 250 €, and two entries.
    const api = await registeredApi(owner)
    const campaign = await openCampaign(api, {
      slug: `nordquell-${run}`,
      name: brand,
      title,
      rules: { vote_during_submission: true },
      prizeTiers: [
        { title: 'Erster Preis', rank_from: 1, rank_to: 1, amount_minor: 100_000, currency: 'EUR', points: 0 },
        { title: 'Plätze 2 und 3', rank_from: 2, rank_to: 3, amount_minor: 25_000, currency: 'EUR', points: 0 },
      ],
    })
    slug = campaign.slug
    for (const entry of [`Welle ${run}`, `Düne mit einem recht langen Titel ${run}`]) {
      await must(
        api.POST('/api/v1/campaigns/{id}/contributions', { params: { path: { id: campaign.id } }, body: { title: entry, body: 'Eine Idee.' } }),
        'contribution',
      )
    }
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: PHONE, locale: 'de-DE' })
    context.setDefaultTimeout(15_000)
    page = await context.newPage()
    errors = collectPageErrors(page)
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('has a compact header whose menu opens the navigation and closes as it navigates', async () => {
    await page.goto(`${baseUrl}/`)
    await page.getByRole('heading', { level: 1, name: 'Kampagnen' }).waitFor()
    const header = await page.locator('header.site-header').boundingBox()
    expect(header?.height ?? Infinity).toBeLessThanOrEqual(PHONE.height * 0.15)

    const toggle = page.getByRole('button', { name: 'Menü' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.getByRole('link', { name: 'Für Veranstalter' }).isVisible()).toBe(false)
    await toggle.click()
    await page.locator('.menu-toggle[aria-expanded="true"]').waitFor()
    await page.getByRole('link', { name: 'Für Veranstalter' }).waitFor()
    await saveScreenshot(page, 'phone-menu', { fullPage: false })
    expect(await seriousAccessibilityViolations(page)).toEqual([])

    await page.getByRole('navigation', { name: 'Hauptmenü' }).getByRole('link', { name: 'Für Veranstalter' }).click()
    await page.getByRole('heading', { level: 1, name: 'Für Veranstalter' }).waitFor()
    await page.locator('.menu-toggle[aria-expanded="false"]').waitFor()
    await page.getByRole('link', { name: 'Für Veranstalter' }).waitFor({ state: 'hidden' })
  })

  it('shows the campaigns open now with their brand and prize total', async () => {
    await page.goto(`${baseUrl}/`)
    const open = page.getByRole('region', { name: 'Jetzt offen' })
    const card = open.getByRole('article').filter({ hasText: title })
    await card.waitFor()
    expect(await card.textContent()).toContain(`von ${brand}`)
    expect((await card.textContent())?.replace(/\s/g, ' ')).toContain('Preise im Wert von 1.500,00 €')
    await page.getByRole('heading', { level: 2, name: 'So funktioniert’s' }).waitFor()
    const width = await pageWidth(page)
    expect(width.scrollWidth).toBeLessThanOrEqual(width.innerWidth)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await saveScreenshot(page, 'phone-landing')
  })

  it('fits a campaign with its leaderboard on the screen', async () => {
    await page.goto(`${baseUrl}/c/${slug}`)
    const board = page.getByRole('region', { name: 'Rangliste', exact: true })
    await board.getByRole('link', { name: `Welle ${run}` }).waitFor()
    const width = await pageWidth(page)
    expect(width.scrollWidth).toBeLessThanOrEqual(width.innerWidth)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await board.scrollIntoViewIfNeeded()
    await saveScreenshot(page, 'phone-leaderboard')
  })

  it('fits the analytics on the screen, for the owner', async () => {
    await page.goto(`${baseUrl}/login`)
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor()
    await signIn(page, owner, 'de')
    await page.goto(`${baseUrl}/c/${slug}/analytics`)
    await page.getByRole('heading', { level: 1, name: 'Auswertung' }).waitFor()
    await page.locator('.chart-figure').first().waitFor()
    const width = await pageWidth(page)
    expect(width.scrollWidth).toBeLessThanOrEqual(width.innerWidth)
    expect(await seriousAccessibilityViolations(page)).toEqual([])
    await saveScreenshot(page, 'phone-analytics')

    // The menu is there when signed in too, and Esc closes it.
    const toggle = page.getByRole('button', { name: 'Menü' })
    await openNavigation(page)
    await page.getByRole('link', { name: 'Mein Profil' }).waitFor()
    await page.keyboard.press('Escape')
    await page.locator('.menu-toggle[aria-expanded="false"]').waitFor()
    expect(await toggle.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true)
    expect(errors).toEqual([])
  })
})
