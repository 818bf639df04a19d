// Images and comments end to end, against the real server: an organiser sets up an open campaign,
// contributes with an image uploaded in the form, sees it on the contribution page, then comments,
// replies and deletes the comment.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageErrors, launchChromium, openNavigation } from './browser.ts'
import { e2eBaseUrl } from './env.ts'
import { localInput } from './time.ts'

const baseUrl = e2eBaseUrl()
const run = `m${Date.now().toString(36)}`

/** A 1x1 PNG, made here rather than read from a fixture file. */
const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

describe('images and comments', () => {
  let browser: Browser | undefined
  let page: Page
  let errors: string[]

  beforeAll(async () => {
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' })
    context.setDefaultTimeout(10_000)
    page = await context.newPage()
    errors = collectPageErrors(page)
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('uploads an image with a contribution, shows it, and comments, replies and deletes', async () => {
    // An organiser with an open campaign.
    await page.goto(`${baseUrl}/register`)
    await page.getByLabel('Display name').fill(`Grace ${run}`)
    await page.getByLabel('Email').fill(`grace-${run}@example.com`)
    await page.getByLabel('Password').fill('correct horse battery')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('link', { name: 'My profile', includeHidden: true }).waitFor({ state: 'attached' })
    await (await openNavigation(page)).getByRole('link', { name: 'For organisers' }).click()
    await page.getByLabel('Name').fill(`Globex ${run}`)
    await page.getByRole('textbox', { name: /^Address/ }).fill(`globex-${run}`)
    await page.getByRole('button', { name: 'Create organization' }).click()
    await page.getByRole('heading', { level: 1, name: `Globex ${run}` }).waitFor()
    await page.getByRole('link', { name: 'Create a campaign' }).first().click()
    await page.getByLabel('Title').fill(`Poster ${run}`)
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByLabel('Submissions open').fill(localInput(-5))
    await page.getByLabel('Submissions close').fill(localInput(24 * 60))
    await page.getByLabel('Voting opens').fill(localInput(24 * 60))
    await page.getByLabel('Voting closes').fill(localInput(48 * 60))
    await page.getByRole('button', { name: 'Save draft' }).click()
    await page.getByRole('heading', { level: 1, name: `Poster ${run}` }).waitFor()
    await page.getByRole('button', { name: 'Publish' }).click()
    await page.getByRole('button', { name: 'Yes, publish' }).click()
    await page.getByRole('status').filter({ hasText: 'Done.' }).waitFor()

    // Contribute with an image: it uploads as soon as it is picked.
    await page.getByRole('link', { name: 'Contribute', exact: true }).click()
    const title = `Pixel poster ${run}`
    await page.getByLabel('Title').fill(title)
    await page.getByLabel('Add images').setInputFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG })
    const preview = page.getByRole('img', { name: `${title}, image 1` })
    await preview.waitFor()
    await page.getByRole('progressbar').waitFor({ state: 'detached' })
    expect(await page.getByText('1 of 10 images').isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Submit' }).click()

    // The contribution page shows the stored image, served by the API.
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    const image = page.locator('.contribution-media img')
    await image.waitFor()
    expect(await image.getAttribute('alt')).toBe(title)
    expect(await image.getAttribute('src')).toMatch(/^\/api\/v1\/media\//)
    // Loaded and decoded in the browser (a string: this file is type-checked without the DOM library).
    await page.waitForFunction("document.querySelector('.contribution-media img')?.naturalWidth === 1")

    // Comment, then reply to the comment.
    const comments = page.getByRole('region', { name: 'Comments' })
    await comments.getByText('No comments yet. Start the conversation.').waitFor()
    await comments.getByLabel('Your comment').fill('Tiny but bold.')
    await comments.getByRole('button', { name: 'Post comment' }).click()
    const comment = comments.getByRole('article', { name: `Grace ${run}` }).filter({ hasText: 'Tiny but bold.' })
    await comment.waitFor()
    await comment.getByRole('button', { name: `Reply to Grace ${run}` }).click()
    const replyBox = comments.getByLabel(`Your reply to Grace ${run}`)
    expect(await page.evaluate('document.activeElement?.id')).toBe(await replyBox.getAttribute('id'))
    await replyBox.fill('Thanks, it is one pixel.')
    await comments.getByRole('button', { name: 'Post reply' }).click()
    const replies = comments.getByRole('list', { name: `Replies to Grace ${run}` })
    await replies.getByText('Thanks, it is one pixel.').waitFor()

    // Delete the top-level comment: its place stays, its words go, the reply remains.
    await comment.getByRole('button', { name: 'Delete' }).click()
    await comment.getByRole('button', { name: 'Yes, delete it' }).click()
    await comments.getByText('Comment deleted').waitFor()
    expect(await comments.getByText('Tiny but bold.').count()).toBe(0)
    expect(await replies.getByText('Thanks, it is one pixel.').isVisible()).toBe(true)

    // The gallery card shows the image as its thumbnail.
    await page.getByRole('link', { name: `In Poster ${run}` }).click()
    const gallery = page.getByRole('region', { name: 'Gallery' })
    await gallery.getByRole('img', { name: title }).waitFor()
    expect(errors).toEqual([])
  })
})
