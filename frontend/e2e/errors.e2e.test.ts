// The server's refusals in a German browser: each reaches the page in German, by its error code,
// never in the API's English (issue #16). Three real refusals (the password is the email, the
// organization's address is taken, a campaign is published without a schedule) and the schedule
// form's own check before sending.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registeredApi, must } from './api.ts'
import { launchChromium } from './browser.ts'
import { e2eBaseUrl } from './env.ts'

const baseUrl = e2eBaseUrl()
const run = Date.now().toString(36)

/** The API's English that must never reach the German page. */
const ENGLISH = ['Unprocessable Entity', 'Conflict', 'invalid fields', 'premature end of input', 'is taken', 'must not be', 'schedule']

async function expectNoEnglish(page: Page): Promise<void> {
  const text = await page.locator('body').innerText()
  for (const english of ENGLISH) expect(text, `the page shows "${english}"`).not.toContain(english)
}

describe('refusals in German', () => {
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

  it('says the server’s refusals and the schedule check in German', async () => {
    // Someone else holds the address this test will ask for first.
    const other = await registeredApi({ email: `other-${run}@example.com`, password: 'correct horse battery', display_name: 'Other' })
    await must(other.POST('/api/v1/organizations', { body: { slug: `taken-${run}`, name: 'Taken' } }), 'create organization')

    // 1. Sign-up with the email as password: the server refuses it (password.is_email), at the field.
    const email = `erika-${run}@example.com`
    await page.goto(`${baseUrl}/register`)
    await page.getByLabel('Anzeigename').fill('Erika')
    await page.getByLabel('E-Mail').fill(email)
    await page.getByLabel('Passwort').fill(email)
    await page.getByRole('button', { name: 'Konto anlegen' }).click()
    await page.getByText('Das Passwort darf nicht deine E-Mail-Adresse sein.').waitFor()
    expect(await page.getByLabel('Passwort').getAttribute('aria-invalid')).toBe('true')
    await expectNoEnglish(page)
    await page.getByLabel('Passwort').fill('ein viel besseres Passwort')
    await page.getByRole('button', { name: 'Konto anlegen' }).click()
    await page.getByRole('link', { name: 'Mein Profil' }).waitFor()

    // 2. An organization at a taken address: a 409 (slug.taken) with the address in the message.
    await page.getByRole('link', { name: 'Für Veranstalter' }).click()
    await page.getByLabel('Name').fill(`Erikas Laden ${run}`)
    await page.getByRole('textbox', { name: /^Adresse/ }).fill(`taken-${run}`)
    await page.getByRole('button', { name: 'Organisation anlegen' }).click()
    await page.getByText(`Die Adresse „taken-${run}“ ist vergeben. Bitte wähle eine andere.`).waitFor()
    await expectNoEnglish(page)
    await page.getByRole('textbox', { name: /^Adresse/ }).fill(`erika-${run}`)
    await page.getByRole('button', { name: 'Organisation anlegen' }).click()
    await page.getByRole('heading', { level: 1, name: `Erikas Laden ${run}` }).waitFor()

    // 3. Two of four dates: the form says so before sending, at the empty dates.
    await page.getByRole('link', { name: 'Kampagne anlegen' }).first().click()
    await page.getByLabel('Titel').fill(`Sommerflasche ${run}`)
    await page.getByLabel('Aufgabe').fill('Gestalte unsere Sommerflasche.')
    await page.getByRole('button', { name: 'Weiter' }).click()
    await page.getByLabel('Einreichung beginnt').fill('2030-06-10T10:00')
    await page.getByLabel('Einreichung endet').fill('2030-06-20T10:00')
    await page.getByRole('button', { name: 'Entwurf speichern' }).click()
    await page.getByText('Fülle alle vier Termine aus oder lass alle vier leer.').first().waitFor()
    expect(await page.getByLabel('Abstimmung beginnt').getAttribute('aria-invalid')).toBe('true')
    // ... and dates out of order, at the date to move.
    await page.getByLabel('Abstimmung beginnt').fill('2030-06-15T10:00')
    await page.getByLabel('Abstimmung endet').fill('2030-06-25T10:00')
    await page.getByRole('button', { name: 'Entwurf speichern' }).click()
    await page.getByText('Darf nicht früher sein als der Termin darüber.').waitFor()
    await expectNoEnglish(page)

    // 4. No schedule at all is a draft the server keeps, but will not publish (schedule.missing).
    for (const label of ['Einreichung beginnt', 'Einreichung endet', 'Abstimmung beginnt', 'Abstimmung endet']) {
      await page.getByLabel(label).fill('')
    }
    await page.getByRole('button', { name: 'Entwurf speichern' }).click()
    await page.getByRole('heading', { level: 1, name: `Sommerflasche ${run}` }).waitFor()
    await page.getByRole('button', { name: 'Veröffentlichen' }).click()
    await page.getByRole('button', { name: 'Ja, veröffentlichen' }).click()
    await page.getByText('Die Kampagne braucht einen Zeitplan mit allen vier Terminen, bevor sie veröffentlicht werden kann.').waitFor()
    await expectNoEnglish(page)
  })
})
