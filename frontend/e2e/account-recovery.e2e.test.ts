// Mailed links end to end, in German on a phone-sized screen, against the real server: someone
// registered (through the API) sees on their profile that their address is not confirmed, opens
// the confirmation link from the sign-up mail, is told it worked, and the notice is gone; signed
// out, they ask for a new password from the sign-in page, open the link from that mail, set a new
// password (a mistyped repeat caught first), sign in with it, and find the link used up.
//
// The links are read from the mail the server writes as files when it has no SMTP server
// (`E2E_MAIL_DIR`, its DATA_DIR/mail); only their path counts, since the server's PUBLIC_URL need
// not be the address the tests reach it at.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registeredApi } from './api.ts'
import { collectPageErrors, launchChromium, openNavigation, saveScreenshot, seriousAccessibilityViolations } from './browser.ts'
import { e2eBaseUrl } from './env.ts'
import { linkInMail, mailTo } from './mail.ts'

const baseUrl = e2eBaseUrl()
const run = `r${Date.now().toString(36)}`

/** The profile's notice about an unconfirmed address. */
const NOTICE = { name: 'Bestätige deine E-Mail-Adresse' }

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([])
}

/** Fills the German sign-in form `page` shows and waits until the user is signed in. */
async function signInGerman(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.getByLabel('E-Mail').fill(user.email)
  await page.getByLabel('Passwort').fill(user.password)
  await page.getByRole('button', { name: 'Anmelden' }).click()
  await page.getByRole('link', { name: 'Mein Profil', includeHidden: true }).waitFor({ state: 'attached' })
}

describe('account recovery', () => {
  let browser: Browser | undefined
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE' })
    context.setDefaultTimeout(10_000)
    page = await context.newPage()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('confirms the address from the sign-up mail and sets a new password from the reset mail', async () => {
    const user = { email: `lena-${run}@example.com`, password: 'erstes langes Passwort', display_name: `Lena ${run}` }
    await registeredApi({ ...user, locale: 'de' })
    const errors = collectPageErrors(page)

    // 1. Signed in, the profile asks to confirm the address.
    await page.goto(`${baseUrl}/login`)
    await signInGerman(page, user)
    await (await openNavigation(page)).getByRole('link', { name: 'Mein Profil' }).click()
    await page.getByRole('heading', { level: 1, name: 'Mein Profil' }).waitFor()
    const notice = page.getByRole('region', NOTICE)
    await notice.getByText(`Bitte bestätige, dass ${user.email} dir gehört`).waitFor()
    await expectAccessible(page)
    await saveScreenshot(page, 'recovery-profile-notice-de-phone')

    // 2. The link from the sign-up mail confirms it, and the notice is gone.
    await page.goto(`${baseUrl}${await linkInMail(user.email, 'verify-email')}`)
    await page.getByText('Deine E-Mail-Adresse ist bestätigt. Danke!').waitFor()
    await expectAccessible(page)
    await saveScreenshot(page, 'recovery-verified-de-phone')
    await page.getByRole('main').getByRole('link', { name: 'Zu meinem Profil' }).click()
    await page.getByRole('heading', { level: 1, name: 'Mein Profil' }).waitFor()
    await page.getByText(user.email, { exact: true }).waitFor()
    expect(await page.getByRole('region', NOTICE).count()).toBe(0)

    // 3. Signed out, "Passwort vergessen?" on the sign-in page asks for a link, with a neutral answer.
    await (await openNavigation(page)).getByRole('button', { name: 'Abmelden' }).click()
    // Signing out leads home (closing the menu); then the menu offers to sign in.
    await page.waitForURL((url) => url.pathname === '/')
    await (await openNavigation(page)).getByRole('link', { name: 'Anmelden' }).click()
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor()
    await page.getByLabel('E-Mail').fill(user.email)
    await page.getByRole('link', { name: 'Passwort vergessen?' }).click()
    await page.getByRole('heading', { level: 1, name: 'Passwort vergessen?' }).waitFor()
    expect(await page.getByLabel('E-Mail').inputValue()).toBe(user.email)
    await expectAccessible(page)
    const before = mailTo(user.email)
    await page.getByRole('button', { name: 'Link senden' }).click()
    await page
      .getByRole('status')
      .getByText(`Falls ein Konto die Adresse ${user.email} nutzt, ist ein Link für ein neues Passwort unterwegs.`, { exact: false })
      .waitFor()
    await expectAccessible(page)
    await saveScreenshot(page, 'recovery-requested-de-phone')

    // 4. The link from that mail: a mistyped repeat is caught before sending, then the password is set.
    const resetLink = await linkInMail(user.email, 'password-reset', before)
    await page.goto(`${baseUrl}${resetLink}`)
    await page.getByRole('heading', { level: 1, name: 'Neues Passwort setzen' }).waitFor()
    const newPassword = 'zweites langes Passwort'
    await page.getByLabel('Neues Passwort').fill(newPassword)
    await page.getByLabel('Passwort wiederholen').fill('zweites langes Paswort')
    await page.getByRole('button', { name: 'Passwort setzen' }).click()
    await page.getByText('Die beiden Passwörter sind verschieden. Gib zweimal dasselbe ein.').waitFor()
    expect(await page.getByLabel('Passwort wiederholen').getAttribute('aria-invalid')).toBe('true')
    await expectAccessible(page)
    await saveScreenshot(page, 'recovery-new-password-de-phone')
    await page.getByLabel('Passwort wiederholen').fill(newPassword)
    await page.getByRole('button', { name: 'Passwort setzen' }).click()

    // 5. On to sign in, with a word that it worked; the new password lets them in.
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor()
    await page.getByRole('status').getByText('Dein neues Passwort ist gesetzt').waitFor()
    expect(new URL(page.url()).pathname).toBe('/login')
    await expectAccessible(page)
    await saveScreenshot(page, 'recovery-signin-after-reset-de-phone')
    await signInGerman(page, { email: user.email, password: newPassword })
    expect(errors).toEqual([])

    // 6. The link worked once: opened again, it says so in German, with the way to a new one.
    await page.goto(`${baseUrl}${resetLink}`)
    await page.getByLabel('Neues Passwort').fill('drittes langes Passwort')
    await page.getByLabel('Passwort wiederholen').fill('drittes langes Passwort')
    await page.getByRole('button', { name: 'Passwort setzen' }).click()
    await page
      .getByRole('alert')
      .getByText('Dieser Link wurde schon benutzt, oder du hast inzwischen einen neueren angefordert.', { exact: false })
      .waitFor()
    expect(await page.getByRole('link', { name: 'Neuen Link anfordern' }).getAttribute('href')).toBe('/password-reset')
    await expectAccessible(page)
    await saveScreenshot(page, 'recovery-link-used-de-phone')
  })
})
