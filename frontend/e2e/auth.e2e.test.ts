// Sign-up validation and the session's life in a real browser against the real server: the
// server's 422 lands on the field, a reload stays signed in (refresh token), sign-out ends it.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, launchChromium } from './browser.ts'
import { e2eBaseUrl } from './env.ts'

const baseUrl = e2eBaseUrl()
const run = Date.now().toString(36)

describe('account and session', () => {
  let browser: Browser | undefined
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
    const context = await browser.newContext({ locale: 'de-DE' })
    context.setDefaultTimeout(10_000)
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('speaks German to a German browser, maps the server’s 422 to the field, and keeps the session over a reload', async () => {
    const email = `grace-${run}@example.com`
    await page.goto(`${baseUrl}/register`)
    await page.getByRole('heading', { level: 1, name: 'Konto anlegen' }).waitFor()
    await page.getByLabel('Anzeigename').fill('Grace')
    await page.getByLabel('E-Mail').fill(email)
    // Long enough for the browser's own check, but the server refuses the email as password.
    await page.getByLabel('Passwort').fill(email)
    await page.getByRole('button', { name: 'Konto anlegen' }).click()

    const password = page.getByLabel('Passwort')
    await page.locator('[aria-invalid="true"]').waitFor()
    expect(await password.getAttribute('aria-invalid')).toBe('true')
    expect(await password.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true)
    expect(await page.getByRole('alert').textContent()).toContain('Bitte korrigiere die markierten Felder.')

    // The expected 422 is logged by the browser as a failed resource; collect errors from here on.
    const errors = collectPageErrors(page)
    await password.fill('a much better password')
    await page.getByRole('button', { name: 'Konto anlegen' }).click()
    await page.getByRole('link', { name: 'Mein Profil' }).waitFor()

    await page.reload()
    await page.getByRole('link', { name: 'Mein Profil' }).click()
    await page.getByRole('heading', { level: 1, name: 'Mein Profil' }).waitFor()
    expect(await page.getByText(email, { exact: true }).isVisible()).toBe(true)

    await page.getByRole('button', { name: 'Abmelden' }).click()
    await page.getByRole('link', { name: 'Anmelden' }).waitFor()
    await page.goto(`${baseUrl}/me`)
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor()
    expect(new URL(page.url()).searchParams.get('next')).toBe('/me')
    expect(errors).toEqual([])
  })
})
