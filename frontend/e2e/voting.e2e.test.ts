// Voting end to end, against the real server: an organiser sets up (through the API) a campaign
// with two submitted entries, the server's domain clock moves into the voting window, a participant
// upvotes one entry in the browser and sees the leaderboard follow; the organiser finds the
// vote-integrity page next to moderation.
//
// Needs the server started with TEST_CLOCK_FILE=<file> and the same TEST_CLOCK_FILE here: the test
// writes an instant into the file to stand the campaign in its voting phase (scripts/test.sh does
// this), and empties it afterwards so the clock runs again.
import { writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { campaignRules, must, registeredApi } from './api.ts'
import { collectPageErrors, launchChromium, signUp } from './browser.ts'
import { clockFile, e2eBaseUrl } from './env.ts'
import { instantIn as at } from './time.ts'

const baseUrl = e2eBaseUrl()
const run = `v${Date.now().toString(36)}`
const password = 'correct horse battery'

describe('voting', () => {
  let browser: Browser | undefined
  let page: Page
  let errors: string[]
  const refused: string[] = []
  const clock = clockFile()

  beforeAll(async () => {
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' })
    context.setDefaultTimeout(10_000)
    page = await context.newPage()
    errors = collectPageErrors(page)
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`)
    })
  })

  afterAll(async () => {
    // Let the server's clock run again for whatever comes next.
    writeFileSync(clock, '')
    await browser?.close()
  })

  it('a participant upvotes an entry and the leaderboard follows', async () => {
    // The organiser's campaign: submissions open now, voting in an hour.
    writeFileSync(clock, '')
    const api = await registeredApi({ email: `olga-${run}@example.com`, password, display_name: `Olga ${run}` })
    const slug = `acme-${run}`
    await must(api.POST('/api/v1/organizations', { body: { name: `Acme ${run}`, slug } }), 'organization')
    const campaign = await must(
      api.POST('/api/v1/organizations/{slug}/campaigns', {
        params: { path: { slug } },
        body: {
          kind: 'idea',
          title: `Bottle vote ${run}`,
          rules: campaignRules(),
          schedule: {
            submissions_open_at: at(-5),
            submissions_close_at: at(60),
            voting_open_at: at(60),
            voting_close_at: at(24 * 60),
          },
        },
      }),
      'campaign',
    )
    await must(api.POST('/api/v1/campaigns/{id}/publish', { params: { path: { id: campaign.id } } }), 'publish')
    for (const title of [`Wave ${run}`, `Dune ${run}`]) {
      await must(
        api.POST('/api/v1/campaigns/{id}/contributions', { params: { path: { id: campaign.id } }, body: { title, body: 'An idea.' } }),
        'contribution',
      )
    }

    // Stop the server's clock inside the voting window.
    writeFileSync(clock, at(90))

    // A participant signs up and opens the campaign.
    await page.goto(`${baseUrl}/register`)
    await signUp(page, { displayName: `Pia ${run}`, email: `pia-${run}@example.com`, password })
    await page.goto(`${baseUrl}/c/${campaign.slug}`)
    await page.getByText('Voting').first().waitFor()

    const board = page.getByRole('region', { name: 'Leaderboard' })
    // Columns: rank, title (a row header), combined, public score, votes, jury score, jury votes.
    const waveVotes = (count: string) => board.locator('tr', { hasText: `Wave ${run}` }).locator('td:nth-of-type(4)', { hasText: new RegExp(`^${count}$`) })
    await waveVotes('0').waitFor()

    // Upvote "Wave" in the gallery: pressed at once.
    const card = page.getByRole('region', { name: 'Gallery' }).getByRole('article').filter({ hasText: `Wave ${run}` })
    await card.getByRole('button', { name: 'Upvote' }).click()
    await card.getByRole('button', { name: 'Upvoted', pressed: true }).waitFor()

    // The score is folded a moment later; the leaderboard shows it without a reload.
    await waveVotes('1').waitFor()
    expect(await board.locator('tr', { hasText: `Wave ${run}` }).locator('td').first().textContent()).toBe('1')

    // The vote is still marked after a reload (from the API, not the optimistic cache).
    await page.reload()
    await card.getByRole('button', { name: 'Upvoted', pressed: true }).waitFor()
    // The app learns the participant's (absent) role from their own memberships: no request was
    // refused, so Chromium logged no error either.
    expect(refused).toEqual([])
    expect(errors).toEqual([])
  })
})
