// The moderation desk end to end, against the real server: an organiser and two participants (set
// up through the API), each participant with an entry. Carl reports Bea's entry in the browser as
// off the brief (a false report); Bea reports Carl's entry, and Carl's advert in a comment, through
// the API as spam. The organiser, in German on a phone, finds the reports on the desk, keeps Bea's
// entry by keyboard (it stays in the gallery), hides Carl's with a reason, which Carl then reads on
// his entry, and hides the comment with the bulk bar. The desk is checked with axe and
// photographed at phone and desktop widths (E2E_SCREENSHOT_DIR, see browser.ts).
import { writeFileSync } from 'node:fs'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { must, openCampaign, registeredApi, uploadPng } from './api.ts'
import { collectPageErrors, launchChromium, saveScreenshot, seriousAccessibilityViolations, signIn } from './browser.ts'
import { clockFile, e2eBaseUrl } from './env.ts'
import { picturePng } from './png.ts'

const baseUrl = e2eBaseUrl()
const run = `d${Date.now().toString(36)}`
const password = 'correct horse battery'
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }

describe('moderation desk', () => {
  let browser: Browser | undefined

  beforeAll(async () => {
    browser = await launchChromium()
  })

  afterAll(async () => {
    await browser?.close()
  })

  async function newContext(locale: string): Promise<BrowserContext> {
    if (!browser) throw new Error('Chromium did not start')
    const context = await browser.newContext({ viewport: PHONE, locale })
    context.setDefaultTimeout(10_000)
    return context
  }

  it('settles a false report by keeping the entry and true ones by hiding them, with the reason the author reads', async () => {
    // The schedule is around the real time: let the server's clock run.
    writeFileSync(clockFile(), '')
    const olga = { email: `olga-${run}@example.com`, password, display_name: `Olga ${run}` }
    const bea = { email: `bea-${run}@example.com`, password, display_name: `Bea ${run}` }
    const carl = { email: `carl-${run}@example.com`, password, display_name: `Carl ${run}` }
    const organiser = await registeredApi(olga)
    const campaign = await openCampaign(organiser, { slug: `desk-${run}`, name: `Desk ${run}`, title: `Summer bottle ${run}` })
    const beaApi = await registeredApi(bea)
    const carlApi = await registeredApi(carl)

    const waveTitle = `Wave bottle ${run}`
    const picture = await uploadPng(beaApi, picturePng(160, 120), 'wave.png')
    const wave = await must(
      beaApi.POST('/api/v1/campaigns/{id}/contributions', {
        params: { path: { id: campaign.id } },
        body: { title: waveTitle, body: 'A bottle with **waves** all around it.', media_ids: [picture.id] },
      }),
      'Bea’s entry',
    )
    const duneTitle = `Dune bottle ${run}`
    const dune = await must(
      carlApi.POST('/api/v1/campaigns/{id}/contributions', {
        params: { path: { id: campaign.id } },
        body: { title: duneTitle, body: 'Visit bottle-shop.example for cheap bottles!' },
      }),
      'Carl’s entry',
    )

    // Carl reports Bea's entry on his phone, as off the brief (it is not: a false report).
    const carlContext = await newContext('en-US')
    const carlPage = await carlContext.newPage()
    const carlErrors = collectPageErrors(carlPage)
    await carlPage.goto(`${baseUrl}/login`)
    await signIn(carlPage, carl)
    await carlPage.goto(`${baseUrl}/contributions/${wave.id}`)
    await carlPage.getByRole('heading', { level: 1, name: waveTitle }).waitFor()
    await carlPage.getByRole('button', { name: 'Report', exact: true }).click()
    const report = carlPage.getByRole('form', { name: 'Report this contribution' })
    await report.getByRole('radio', { name: 'Off the brief' }).check()
    await report.getByLabel(/^What is wrong with it/).fill('This is not a bottle')
    expect(await seriousAccessibilityViolations(carlPage), 'report form').toEqual([])
    await saveScreenshot(carlPage, 'report-form-en-phone')
    await report.getByRole('button', { name: 'Send report' }).click()
    await carlPage.getByText('Thank you. The moderators will look at it.').waitFor()
    expect(carlErrors).toEqual([])

    // Bea reports Carl's entry through the API, as spam, and then his advert under her entry.
    await must(
      beaApi.POST('/api/v1/contributions/{id}/reports', {
        params: { path: { id: dune.id } },
        body: { category: 'spam', reason: 'Advert for a bottle shop' },
      }),
      'Bea’s report of the entry',
    )
    const advert = await must(
      carlApi.POST('/api/v1/contributions/{id}/comments', {
        params: { path: { id: wave.id } },
        body: { body: 'Cheaper bottles at bottle-shop.example' },
      }),
      'Carl’s comment',
    )
    await must(
      beaApi.POST('/api/v1/comments/{id}/reports', {
        params: { path: { id: advert.id } },
        body: { category: 'spam', reason: 'The same advert again' },
      }),
      'Bea’s report of the comment',
    )

    // The organiser opens the desk in German on her phone: both reports, each on its card.
    const olgaContext = await newContext('de-DE')
    const page = await olgaContext.newPage()
    const errors = collectPageErrors(page)
    await page.goto(`${baseUrl}/login`)
    await signIn(page, olga, 'de')
    await page.goto(`${baseUrl}/c/${campaign.slug}/moderation`)
    await page.getByRole('heading', { level: 1, name: 'Moderation' }).waitFor()
    expect(await page.getByRole('tab', { name: 'Meldungen' }).getAttribute('aria-selected')).toBe('true')
    const waveCard = page.getByRole('article', { name: waveTitle })
    const duneCard = page.getByRole('article', { name: duneTitle })
    await waveCard.getByText('This is not a bottle').waitFor()
    await duneCard.getByText('Advert for a bottle shop').waitFor()
    expect(await waveCard.getByText('Am Thema vorbei', { exact: true }).isVisible()).toBe(true)
    expect(await waveCard.getByText(`Carl ${run}`).isVisible()).toBe(true)
    expect(await duneCard.getByText('Spam', { exact: true }).isVisible()).toBe(true)
    expect(await duneCard.getByText(`Bea ${run}`).isVisible()).toBe(true)
    // A comment's card: its words, and a link to the entry it is on.
    const commentCard = page.getByRole('article', { name: `Kommentar von Carl ${run}` })
    await commentCard.getByText('Cheaper bottles at bottle-shop.example').waitFor()
    expect(await commentCard.getByRole('link', { name: waveTitle }).getAttribute('href')).toBe(`/contributions/${wave.id}`)
    expect(await commentCard.getByRole('button', { name: 'Ablehnen', exact: true }).count()).toBe(0)
    // The preview: Bea's picture as a decoded thumbnail (4:3 box), the start of Carl's text.
    await page.waitForFunction("[...document.querySelectorAll('img.desk-thumb')].some((img) => img.naturalWidth === 160)")
    expect(await duneCard.getByText(/Visit bottle-shop\.example/).isVisible()).toBe(true)
    // Cards, no horizontal scrolling on the phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width)
    expect(await seriousAccessibilityViolations(page), 'desk at phone width').toEqual([])
    await saveScreenshot(page, 'desk-de-phone')
    await page.setViewportSize(DESKTOP)
    expect(await seriousAccessibilityViolations(page), 'desk at desktop width').toEqual([])
    await saveScreenshot(page, 'desk-de-desktop')
    await page.setViewportSize(PHONE)

    // Bea's entry: the report was false. Keep it, by keyboard, without a note.
    await waveCard.getByRole('button', { name: 'Behalten', exact: true }).focus()
    await page.keyboard.press('Enter')
    const keep = page.getByRole('form', { name: `Behalten: „${waveTitle}“` })
    await keep.waitFor()
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: `„${waveTitle}“ behalten: 1 Meldung geschlossen.` }).waitFor()
    await waveCard.waitFor({ state: 'detached' })
    // Focus moved on to the next card.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(duneTitle)

    // Carl's entry is spam: hide it. The reason is asked for before anything is sent.
    await duneCard.getByRole('button', { name: 'Ausblenden', exact: true }).click()
    const hide = page.getByRole('form', { name: `Ausblenden: „${duneTitle}“` })
    await hide.getByText('Der Beitrag verschwindet aus der Galerie. Die Autoren sehen deine Begründung.').waitFor()
    await hide.getByRole('button', { name: 'Ausblenden und Meldungen schließen' }).click()
    await hide.getByText('Sag, warum: Die Autoren sehen es.').waitFor()
    expect(await seriousAccessibilityViolations(page), 'hide form').toEqual([])
    await saveScreenshot(page, 'desk-de-phone-hide')
    const reason = 'Werbung für einen Laden gehört nicht in die Kampagne.'
    await hide.getByRole('textbox', { name: /^Begründung \(die Autoren sehen sie\)/ }).fill(reason)
    await hide.getByRole('button', { name: 'Ausblenden und Meldungen schließen' }).click()
    await page.getByRole('status').filter({ hasText: `„${duneTitle}“ ausgeblendet: 1 Meldung geschlossen.` }).waitFor()
    await duneCard.waitFor({ state: 'detached' })

    // The advert in the comment: hidden with the bar for the selected cards (here one).
    await commentCard.getByRole('checkbox', { name: /^Auswählen/ }).check()
    const bulk = page.getByRole('form', { name: 'Entscheidung zu den ausgewählten Karten' })
    await bulk.getByText('1 Karte ausgewählt').waitFor()
    await bulk.getByRole('textbox', { name: /^Begründung für alle/ }).fill('Werbung in den Kommentaren.')
    await bulk.getByRole('button', { name: 'Ausgewählte ausblenden' }).click()
    await page.getByRole('status').filter({ hasText: '1 Karte erledigt.' }).waitFor()
    await page.getByText('Keine offenen Meldungen. Hier gibt es nichts zu tun.').waitFor()

    // The history: both settlements, the latest first.
    await page.getByRole('tab', { name: 'Erledigt' }).click()
    const settled = page.getByRole('tabpanel', { name: 'Erledigt' }).getByRole('article')
    await settled.nth(1).getByText(`Begründung: ${reason}`).waitFor()
    expect(await settled.allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^Kommentar von Carl ${run}.*Ausgeblendet von dir am .*Begründung: Werbung in den Kommentaren\\.`)),
      expect.stringMatching(new RegExp(`^${duneTitle}.*Ausgeblendet von dir am `)),
      expect.stringMatching(new RegExp(`^${waveTitle}.*Behalten von dir am `)),
    ])
    expect(await seriousAccessibilityViolations(page), 'settled reports').toEqual([])
    await saveScreenshot(page, 'desk-de-phone-resolved')
    expect(errors).toEqual([])

    // Bea's entry is still in the gallery; Carl's has left it.
    await page.goto(`${baseUrl}/c/${campaign.slug}`)
    const gallery = page.getByRole('region', { name: 'Galerie' })
    await gallery.getByText(waveTitle).waitFor()
    expect(await gallery.getByText(duneTitle).count()).toBe(0)
    const listed = await must(beaApi.GET('/api/v1/campaigns/{id}/contributions', { params: { path: { id: campaign.id } } }), 'gallery')
    expect(listed.items.map((item) => item.title)).toEqual([waveTitle])

    // The advert is gone from under Bea's entry.
    const comments = await must(beaApi.GET('/api/v1/contributions/{id}/comments', { params: { path: { id: wave.id } } }), 'comments')
    expect(comments.items.map((comment) => [comment.id, comment.body ?? null, comment.deleted_at != null])).toEqual([[advert.id, null, true]])

    // Carl reads the reason on his entry.
    await carlPage.goto(`${baseUrl}/contributions/${dune.id}`)
    await carlPage.getByRole('heading', { level: 1, name: duneTitle }).waitFor()
    await carlPage.getByText(`Moderator’s note: ${reason}`).waitFor()
    expect(carlErrors).toEqual([])
  })
})
