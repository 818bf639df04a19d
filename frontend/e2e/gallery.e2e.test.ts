// The gallery made for taking part, end to end, against the real server: a star-rated campaign in
// its voting phase with four entries whose images have different shapes (a tall poster, a square,
// a landscape, a portrait). On a 390 px phone in German every card is the same height and no
// taller than 600 px, a card's stars are on the first screen of the gallery (no scrolling past a
// poster), the lightbox shows an image whole and closes on Esc, and a vote is cast from a card by
// an explicit choice (the arrow keys cast nothing, Enter does). Axe finds nothing serious;
// screenshots in German and English, on a phone and a desktop, go to SCREENSHOT_DIR (set
// E2E_SCREENSHOT_DIR=/tmp/shots-gallery to keep them there).
//
// Needs the server started with TEST_CLOCK_FILE=<file> (the same one here): the test stands the
// server's clock in the voting window, and empties the file afterwards so the clock runs again.
import { writeFileSync } from 'node:fs'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { must, openCampaign, registeredApi, uploadPng, type Api } from './api.ts'
import { collectPageErrors, launchChromium, saveScreenshot, seriousAccessibilityViolations, signUp } from './browser.ts'
import { clockFile, e2eBaseUrl } from './env.ts'
import { picturePng } from './png.ts'
import { instantIn as at } from './time.ts'

const baseUrl = e2eBaseUrl()
const run = `g${Date.now().toString(36)}`
const password = 'correct horse battery'
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1280, height: 800 }

/** The entries, each with an image of its own shape (width × height). */
const ENTRIES = [
  { title: `Tall poster ${run}`, size: [600, 1800], by: 'olga' },
  { title: `Square badge ${run}`, size: [800, 800], by: 'olga' },
  { title: `Wide banner ${run}`, size: [1200, 600], by: 'bea' },
  { title: `Portrait card ${run}`, size: [900, 1200], by: 'bea' },
] as const

async function contribute(api: Api, campaignId: string, entry: (typeof ENTRIES)[number]) {
  const [width, height] = entry.size
  const image = await uploadPng(api, picturePng(width, height), `${width}x${height}.png`)
  expect([image.width, image.height]).toEqual([width, height])
  await must(
    api.POST('/api/v1/campaigns/{id}/contributions', {
      params: { path: { id: campaignId } },
      body: { title: entry.title, body: 'A design for the summer: bold colours, one clear shape, and a band across the middle.', media_ids: [image.id] },
    }),
    `contribution ${entry.title}`,
  )
}

/** Each card's height in CSS pixels, in the gallery's order. */
async function cardHeights(cards: Locator): Promise<number[]> {
  const boxes = await Promise.all((await cards.all()).map((card) => card.boundingBox()))
  return boxes.map((box) => {
    if (!box) throw new Error('a card is not rendered')
    return box.height
  })
}

/** Whether `locator` has the keyboard focus. */
async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === element.ownerDocument.activeElement)
}

/** Brings every image in `scope` into view and waits until each has loaded (they load lazily). */
async function loadImages(scope: Locator) {
  for (const image of await scope.getByRole('img').all()) {
    await image.scrollIntoViewIfNeeded()
    await image.evaluate((img) => img.decode())
  }
}

async function expectNoSeriousViolations(page: Page) {
  expect(await seriousAccessibilityViolations(page)).toEqual([])
}

describe('the gallery', () => {
  let browser: Browser | undefined
  let context: BrowserContext
  let page: Page
  let errors: string[]
  const clock = clockFile()

  beforeAll(async () => {
    browser = await launchChromium()
    context = await browser.newContext({ viewport: PHONE, locale: 'de-DE' })
    context.setDefaultTimeout(10_000)
    page = await context.newPage()
    errors = collectPageErrors(page)
  })

  afterAll(async () => {
    // Let the server's clock run again for whatever comes next.
    writeFileSync(clock, '')
    await browser?.close()
  })

  it('shows cards of one size, a lightbox, and casts a star vote on an explicit choice (German phone)', async () => {
    // An organiser's star-rated campaign, open for submissions now, voting from tomorrow; two
    // authors send two entries each.
    writeFileSync(clock, '')
    const olga = await registeredApi({ email: `olga-${run}@example.com`, password, display_name: `Olga ${run}` })
    const bea = await registeredApi({ email: `bea-${run}@example.com`, password, display_name: `Bea ${run}` })
    const campaign = await openCampaign(olga, {
      slug: `acme-${run}`,
      name: `Acme ${run}`,
      title: `Summer poster ${run}`,
      rules: { voting_method: 'stars' },
    })
    for (const entry of ENTRIES) await contribute(entry.by === 'olga' ? olga : bea, campaign.id, entry)

    // Stop the server's clock inside the voting window (it opens in a day).
    writeFileSync(clock, at(24 * 60 + 30))

    // Pia signs up in German and opens the campaign.
    await page.goto(`${baseUrl}/register`)
    await signUp(page, { displayName: `Pia ${run}`, email: `pia-${run}@example.com`, password }, 'de')
    await page.goto(`${baseUrl}/c/${campaign.slug}`)
    await page.getByText('Abstimmung läuft:').waitFor()
    await page.getByText('Bewerte die Beiträge mit Sternen').waitFor()

    const gallery = page.getByRole('region', { name: 'Galerie' })
    // While voting is open the entries come shuffled.
    expect(await gallery.getByRole('combobox', { name: 'Reihenfolge' }).inputValue()).toBe('random')
    const cards = gallery.getByRole('article')
    for (const entry of ENTRIES) await gallery.getByRole('link', { name: entry.title }).waitFor()
    expect(await cards.count()).toBe(ENTRIES.length)

    // One column, every card as tall as the others and no taller than 600 px, images or not loaded.
    const heights = await cardHeights(cards)
    expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(1)
    expect(Math.max(...heights)).toBeLessThanOrEqual(600)
    const boxes = await Promise.all((await cards.all()).map((card) => card.boundingBox()))
    expect(new Set(boxes.map((box) => box?.x)).size).toBe(1)
    // Nothing wider than the phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width)

    // The gallery's first screen holds the first card's stars: no scrolling past a poster.
    await gallery.getByRole('heading', { name: 'Galerie' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }))
    const firstStars = cards.first().getByRole('group', { name: /^Sterne für/ })
    const starsBox = await firstStars.boundingBox()
    expect(starsBox).not.toBeNull()
    expect((starsBox?.y ?? Infinity) + (starsBox?.height ?? 0)).toBeLessThanOrEqual(PHONE.height)
    // Every card's stars are within one screen of its top, the poster's too.
    for (const card of await cards.all()) {
      const [cardBox, box] = await Promise.all([card.boundingBox(), card.getByRole('group', { name: /^Sterne für/ }).boundingBox()])
      expect((box?.y ?? Infinity) + (box?.height ?? 0) - (cardBox?.y ?? 0)).toBeLessThanOrEqual(PHONE.height)
    }
    // The poster is cropped into its frame, loaded lazily, at its own size.
    const poster = gallery.getByRole('img', { name: ENTRIES[0].title })
    expect(await poster.getAttribute('loading')).toBe('lazy')
    expect([await poster.getAttribute('width'), await poster.getAttribute('height')]).toEqual(['600', '1800'])
    await loadImages(gallery)
    await expectNoSeriousViolations(page)
    await saveScreenshot(page, 'gallery-de-phone')

    // The lightbox: the poster whole, fitted to the screen; arrows go on, Esc closes.
    const opener = gallery.getByRole('button', { name: `„${ENTRIES[0].title}“ groß ansehen` })
    await opener.click()
    await page.getByRole('dialog', { name: ENTRIES[0].title }).waitFor()
    const dialog = page.getByRole('dialog')
    const whole = dialog.getByRole('img', { name: ENTRIES[0].title })
    await whole.evaluate((img) => img.decode())
    const imageBox = await whole.boundingBox()
    expect(imageBox).not.toBeNull()
    expect((imageBox?.y ?? -1) >= 0 && (imageBox?.y ?? 0) + (imageBox?.height ?? Infinity) <= PHONE.height).toBe(true)
    expect(await whole.evaluate((img) => img.ownerDocument.defaultView?.getComputedStyle(img).objectFit)).toBe('contain')
    expect(await isFocused(dialog.getByRole('button', { name: 'Schließen' }))).toBe(true)
    await expectNoSeriousViolations(page)
    await saveScreenshot(page, 'gallery-lightbox-de-phone', { fullPage: false })
    const position = await dialog.getByText(/^Beitrag \d von 4$/).textContent()
    await page.keyboard.press(position === 'Beitrag 4 von 4' ? 'ArrowLeft' : 'ArrowRight')
    await dialog.getByText(/^Beitrag \d von 4$/).filter({ hasNotText: position ?? '' }).waitFor()
    expect(await dialog.getByRole('heading', { level: 2 }).textContent()).not.toBe(ENTRIES[0].title)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await page.evaluate("document.activeElement?.classList.contains('card-frame')")).toBe(true)

    // A vote from the square's card: the arrow keys only choose, Enter casts.
    const votes: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/vote')) votes.push(request.method())
    })
    const square = cards.filter({ hasText: ENTRIES[1].title })
    const stars = square.getByRole('group', { name: `Sterne für „${ENTRIES[1].title}“` })
    await stars.getByRole('button', { name: '1 Stern', exact: true }).focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    const four = stars.getByRole('button', { name: '4 Sterne' })
    expect(await isFocused(four)).toBe(true)
    expect(await four.getAttribute('aria-pressed')).toBe('false')
    expect(votes).toEqual([])
    const cast = page.waitForResponse((response) => response.request().method() === 'PUT' && new URL(response.url()).pathname.endsWith('/vote'))
    await page.keyboard.press('Enter')
    expect((await cast).status()).toBe(200)
    await square.getByText('Du hast 4 Sterne vergeben').waitFor()
    expect(votes).toEqual(['PUT'])
    expect(await four.getAttribute('aria-pressed')).toBe('true')
    // Every card still the same height, with the vote and its "take back" shown.
    const after = await cardHeights(cards)
    expect(Math.max(...after) - Math.min(...after)).toBeLessThan(1)
    expect(Math.max(...after)).toBeLessThanOrEqual(600)

    // Still cast after a reload (from the API, not the optimistic cache).
    await page.reload()
    await cards.filter({ hasText: ENTRIES[1].title }).getByText('Du hast 4 Sterne vergeben').waitFor()
    expect(await stars.getByRole('button', { name: '4 Sterne' }).getAttribute('aria-pressed')).toBe('true')
    await page.getByRole('button', { name: 'Stimme zurückziehen' }).waitFor()

    // Desktop, German: a grid of equal cards.
    await page.setViewportSize(DESKTOP)
    const wide = await cardHeights(cards)
    expect(Math.max(...wide) - Math.min(...wide)).toBeLessThan(1)
    await loadImages(gallery)
    await expectNoSeriousViolations(page)
    await saveScreenshot(page, 'gallery-de-desktop')

    // English, desktop and phone.
    await page.getByLabel('Sprache').selectOption('en')
    await page.getByText('Voting is open:').waitFor()
    await page.getByRole('region', { name: 'Gallery' }).getByText('You gave 4 stars').waitFor()
    await expectNoSeriousViolations(page)
    await saveScreenshot(page, 'gallery-en-desktop')
    // The lightbox on a desktop: the image fitted between its bar and its details.
    const english = page.getByRole('region', { name: 'Gallery' })
    await english.getByRole('button', { name: `Show “${ENTRIES[0].title}” larger` }).click()
    const large = page.getByRole('dialog', { name: ENTRIES[0].title }).getByRole('img', { name: ENTRIES[0].title })
    await large.evaluate((img) => img.decode())
    const largeBox = await large.boundingBox()
    expect((largeBox?.y ?? -1) >= 0 && (largeBox?.y ?? 0) + (largeBox?.height ?? Infinity) <= DESKTOP.height).toBe(true)
    await saveScreenshot(page, 'gallery-lightbox-en-desktop', { fullPage: false })
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    await page.setViewportSize(PHONE)
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width)
    await expectNoSeriousViolations(page)
    await saveScreenshot(page, 'gallery-en-phone')

    expect(errors).toEqual([])
  })
})
