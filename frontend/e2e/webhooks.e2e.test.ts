// Webhooks and notifications end to end, against the real server, on a phone-sized screen: a new
// organiser signs up, creates an organization, is refused an endpoint on an internal address (the
// server's SSRF guard; the message is the SPA's own, on the address field), adds one on the
// public internet and sees its signing secret once, sends it a test message and sees the delivery
// and its attempt appear (it fails: this machine has no way out, which is all the test needs),
// switches it off and on again, then finds an empty inbox behind the bell.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, launchChromium, openNavigation, saveScreenshot, seriousAccessibilityViolations, signUp } from './browser.ts'
import { e2eBaseUrl } from './env.ts'

const baseUrl = e2eBaseUrl()
// Unique per run: the server's database outlives a test run.
const run = `w${Date.now().toString(36)}`
const hookUrl = 'https://hooks.example.com/x'

describe('webhooks and notifications', () => {
  let browser: Browser | undefined
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' })
    context.setDefaultTimeout(10_000)
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('refuses an internal address, shows a new secret once, pings, and lists the delivery', { timeout: 60_000 }, async () => {
    const setupErrors = collectPageErrors(page)
    await page.goto(`${baseUrl}/register`)
    await signUp(page, { displayName: `Wanda ${run}`, email: `wanda-${run}@example.com`, password: 'correct horse battery' })

    await (await openNavigation(page)).getByRole('link', { name: 'For organisers' }).click()
    await page.getByLabel('Name').fill(`Hooks ${run}`)
    await page.getByRole('textbox', { name: /^Address/ }).fill(`hooks-${run}`)
    await page.getByRole('button', { name: 'Create organization' }).click()
    await page.getByRole('heading', { level: 1, name: `Hooks ${run}` }).waitFor()

    await page.getByRole('link', { name: 'Webhooks' }).click()
    await page.getByRole('heading', { level: 1, name: `Webhooks of Hooks ${run}` }).waitFor()
    await page.getByText('No endpoints yet. Add one below.').waitFor()
    expect(setupErrors).toEqual([])

    // An internal address: the server refuses it (422), and the form says why on the field.
    const url = page.getByRole('textbox', { name: /^Address \(URL\)/ })
    await url.fill('https://127.0.0.1/hook')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    await page.locator('[aria-invalid="true"]').waitFor()
    expect(await url.getAttribute('aria-invalid')).toBe('true')
    expect(await url.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true)
    // What a screen reader says with the field: the texts its aria-describedby names.
    const describedBy = (await url.getAttribute('aria-describedby'))?.split(' ') ?? []
    const described = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()))
    expect(described.join(' ')).toContain('This address leads to an internal or private network.')
    expect(await page.getByRole('region', { name: /Signing secret/ }).count()).toBe(0)

    // The expected 422 is logged by the browser as a failed resource; collect errors from here on.
    const errors = collectPageErrors(page)

    // An address on the public internet: accepted, and its secret shown this once.
    await url.fill(hookUrl)
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const secretBox = page.getByRole('region', { name: `Signing secret for ${hookUrl}` })
    await secretBox.waitFor()
    expect(await secretBox.textContent()).toContain('Store it now: it will not be shown again.')
    const secret = await secretBox.getByRole('textbox', { name: 'Signing secret' }).inputValue()
    expect(secret).toMatch(/^whsec_/)
    expect(await seriousAccessibilityViolations(page), 'webhooks page with a new secret').toEqual([])
    await secretBox.getByRole('button', { name: 'I have stored it' }).click()
    await secretBox.waitFor({ state: 'detached' })
    expect(await page.content()).not.toContain(secret)

    // A test message: it is listed among the endpoint's deliveries with its one attempt.
    const endpoint = page.getByRole('article', { name: hookUrl })
    await endpoint.getByText('Enabled', { exact: true }).waitFor()
    await endpoint.getByRole('button', { name: 'Send a test message' }).click()
    await endpoint.getByText(/A test message is on its way/).waitFor()
    const row = endpoint.getByRole('row').filter({ hasText: 'webhook.ping' })
    await row.waitFor()
    // The table asks again while the attempt is due; the attempt fails without a way out.
    await row.getByRole('cell').first().filter({ hasText: /^(Pending|Failed)$/ }).waitFor()
    await expect.poll(async () => (await row.getByRole('cell').nth(1).textContent())?.trim(), { timeout: 30_000, interval: 500 }).toBe('1')
    await row.getByRole('button', { name: 'Show attempts' }).click()
    await endpoint.getByRole('list', { name: 'Attempts of webhook.ping' }).getByText(/^Attempt 1, /).waitFor()
    expect(await seriousAccessibilityViolations(page), 'webhooks page with a delivery').toEqual([])
    await saveScreenshot(page, 'webhooks-delivery-phone')

    // Switched off by hand: the card says so (from the API's `disabled_reason`), and it comes back on.
    await endpoint.getByRole('button', { name: 'Switch off' }).click()
    await endpoint.getByText('Switched off by a manager: nothing is sent to it until it is enabled again.').waitFor()
    await endpoint.getByRole('button', { name: 'Enable again' }).click()
    // Exact: a loose 'Enabled' also matches "…until it is enabled again." and would not wait at all.
    await endpoint.getByText('Enabled', { exact: true }).waitFor()
    expect(await endpoint.getByText(/^Switched off/).count()).toBe(0)

    // Nothing has happened to this user yet: the bell has no number and the inbox says so.
    await (await openNavigation(page)).getByRole('link', { name: 'Notifications', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor()
    await page.getByText(/^No notifications yet\./).waitFor()
    expect(await seriousAccessibilityViolations(page), 'empty inbox').toEqual([])
    expect(errors).toEqual([])
  })
})
