// Drives the system's Chromium (Debian's `chromium` package); test tools never download browsers.
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import axe from 'axe-core'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches Chromium; playwright gives every launch a fresh temporary profile and removes it on close. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
}

/** Collects uncaught exceptions and console errors of a page, so a test can assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  return errors
}

/**
 * The header's navigation, shown: on a phone its "Menu" button opens it first (a wide screen shows
 * it inline). For clicking its links: `(await openNavigation(page)).getByRole('link', …)`.
 */
export async function openNavigation(page: Page): Promise<Locator> {
  const nav = page.locator('#site-nav')
  await nav.waitFor({ state: 'attached' })
  const toggle = page.locator('.menu-toggle[aria-controls="site-nav"]')
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  await nav.waitFor()
  return nav
}

/** The registration form's words and the header's link for a signed-in user, in the UI's languages. */
const SIGN_UP_WORDS = {
  en: { displayName: 'Display name', email: 'Email', password: 'Password', submit: 'Create account', profile: 'My profile' },
  de: { displayName: 'Anzeigename', email: 'E-Mail', password: 'Passwort', submit: 'Konto anlegen', profile: 'Mein Profil' },
} as const

/**
 * Fills the registration form `page` shows, submits it, and waits until the new user is signed in;
 * `language` is the one the UI speaks (the browser context's locale chooses it).
 */
export async function signUp(
  page: Page,
  user: { displayName: string; email: string; password: string },
  language: keyof typeof SIGN_UP_WORDS = 'en',
): Promise<void> {
  const words = SIGN_UP_WORDS[language]
  await page.getByLabel(words.displayName).fill(user.displayName)
  await page.getByLabel(words.email).fill(user.email)
  await page.getByLabel(words.password).fill(user.password)
  await page.getByRole('button', { name: words.submit }).click()
  // The header's link (in the folded menu on a phone: there, but not shown).
  await page.getByRole('link', { name: words.profile, includeHidden: true }).waitFor({ state: 'attached' })
}

/** The sign-in form's words and the header's link for a signed-in user, in the UI's languages. */
const SIGN_IN_WORDS = {
  en: { email: 'Email', password: 'Password', submit: 'Sign in', profile: 'My profile' },
  de: { email: 'E-Mail', password: 'Passwort', submit: 'Anmelden', profile: 'Mein Profil' },
} as const

/**
 * Fills the sign-in form `page` shows, submits it, and waits until the user is signed in;
 * `language` is the one the UI speaks.
 */
export async function signIn(
  page: Page,
  user: { email: string; password: string },
  language: keyof typeof SIGN_IN_WORDS = 'en',
): Promise<void> {
  const words = SIGN_IN_WORDS[language]
  await page.getByLabel(words.email).fill(user.email)
  await page.getByLabel(words.password).fill(user.password)
  await page.getByRole('button', { name: words.submit }).click()
  // The header's link (in the folded menu on a phone: there, but not shown).
  await page.getByRole('link', { name: words.profile, includeHidden: true }).waitFor({ state: 'attached' })
}

/**
 * Runs axe-core (injected from its source; no network) on the page as it is and returns its
 * serious and critical violations, one readable line per element: rule, impact, what to fix, where.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as an inline <script>: the app's CSP rightly refuses inline scripts.
  await page.evaluate(axe.source)
  const results = await page.evaluate(() => (globalThis as unknown as { axe: typeof axe }).axe.run({ resultTypes: ['violations'] }))
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `${violation.id} (${violation.impact}): ${violation.help} at ${node.target.join(' ')}: ` +
          `${node.failureSummary?.replace(/\s+/g, ' ') ?? ''} ${node.html} (${violation.helpUrl})`,
      ),
    )
}

/** Where `saveScreenshot` puts its files: `E2E_SCREENSHOT_DIR`, else `test-results/screenshots` (git ignores it). */
export const SCREENSHOT_DIR =
  process.env.E2E_SCREENSHOT_DIR || join(fileURLToPath(new URL('..', import.meta.url)), 'test-results', 'screenshots')

/**
 * Saves a full-page screenshot (or, with `fullPage: false`, what the viewport shows: a dialog over
 * the page) as `<SCREENSHOT_DIR>/<name>.png`; throws if the file is not written.
 */
export async function saveScreenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  rmSync(path, { force: true })
  await page.screenshot({ path, fullPage, animations: 'disabled' })
  if (statSync(path).size === 0) throw new Error(`screenshot ${path} is empty`)
  return path
}
