// Drives the system's Chromium (Debian's `chromium` package); test tools never download browsers.
import { chromium, type Browser, type Page } from 'playwright-core'

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

/** Fills the registration form `page` shows, submits it, and waits until the new user is signed in. */
export async function signUp(page: Page, user: { displayName: string; email: string; password: string }): Promise<void> {
  await page.getByLabel('Display name').fill(user.displayName)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.getByRole('link', { name: 'My profile' }).waitFor()
}
