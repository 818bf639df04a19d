import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, launchChromium } from './browser.ts'
import { e2eBaseUrl } from './env.ts'

const baseUrl = e2eBaseUrl()

describe('Schwarm SPA served by the real server', () => {
  let browser: Browser | undefined
  let context: BrowserContext

  beforeAll(async () => {
    browser = await launchChromium()
    context = await browser.newContext()
    // Fail a missing element well inside the test timeout, with playwright's descriptive message.
    context.setDefaultTimeout(10_000)
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('shows the API status on the status page', async () => {
    const page = await context.newPage()
    const errors = collectPageErrors(page)

    await page.goto(`${baseUrl}/status`)

    await page.getByRole('status').filter({ hasText: /^API: ok \(version .+\)$/ }).waitFor()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('API status')
    expect(errors).toEqual([])
    await page.close()
  })

  it('serves the SPA for a deep link and routes it to "Page not found"', async () => {
    const page = await context.newPage()
    const errors = collectPageErrors(page)

    const response = await page.goto(`${baseUrl}/some/deep/link`)

    expect(response?.headers()['content-type']).toMatch(/^text\/html/)
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor()
    await page.getByRole('link', { name: 'Go to the home page' }).click()
    await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/')
    expect(errors).toEqual([])
    await page.close()
  })

  it('runs under a strict Content-Security-Policy without a single violation', async () => {
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    // Runs in the page (the e2e tsconfig has no DOM types, hence the narrow shape of the page's globals).
    await page.addInitScript(() => {
      type Violation = { violatedDirective: string; blockedURI: string }
      const page = globalThis as unknown as {
        cspViolations: string[]
        document: { addEventListener: (type: string, listener: (event: Violation) => void) => void }
      }
      const seen: string[] = []
      page.cspViolations = seen
      page.document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`))
    })

    const response = await page.goto(`${baseUrl}/`)
    const policy = response?.headers()['content-security-policy'] ?? ''
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain("img-src 'self' data: blob:")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(response?.headers()['permissions-policy']).toContain('camera=()')
    await page.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor()
    await page.goto(`${baseUrl}/login`)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    const violations = await page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations)
    expect(violations).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })
})
