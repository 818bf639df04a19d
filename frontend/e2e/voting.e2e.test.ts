// Voting end to end, against the real server: an organiser sets up (through the API) a campaign
// with two submitted entries, the server's domain clock moves into the voting window, a participant
// upvotes one entry in the browser and sees the leaderboard follow; the organiser finds the
// vote-integrity page next to moderation.
//
// Needs the server started with TEST_CLOCK_FILE=<file> and the same TEST_CLOCK_FILE here: the test
// writes an instant into the file to stand the campaign in its voting phase (scripts/test.sh does
// this), and empties it afterwards so the clock runs again.
import { writeFileSync } from 'node:fs'
import createClient from 'openapi-fetch'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { paths } from '../src/api/schema.js'
import { collectPageErrors, launchChromium } from './browser.ts'
import { e2eBaseUrl } from './env.ts'

const baseUrl = e2eBaseUrl()
const run = `v${Date.now().toString(36)}`
const password = 'correct horse battery'

function clockFile(): string {
  const path = process.env.TEST_CLOCK_FILE
  if (!path) {
    throw new Error(
      'TEST_CLOCK_FILE is not set. Start the server with TEST_CLOCK_FILE=/some/file and run the e2e tests ' +
        'with the same TEST_CLOCK_FILE, so the voting test can move the server into the voting phase.',
    )
  }
  return path
}

const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()

/** The API as the organiser sees it, typed from the generated schema. */
async function organiserApi() {
  const api = createClient<paths>({ baseUrl })
  const { data: auth, error } = await api.POST('/api/v1/auth/register', {
    body: { email: `olga-${run}@example.com`, password, display_name: `Olga ${run}` },
  })
  if (!auth) throw new Error(`register: ${JSON.stringify(error)}`)
  api.use({ onRequest: ({ request }) => (request.headers.set('Authorization', `Bearer ${auth.access_token}`), request) })
  return api
}

async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>, what: string): Promise<T> {
  const { data, error, response } = await call
  if (!response.ok || data === undefined) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(error)}`)
  return data
}

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
    const api = await organiserApi()
    const slug = `acme-${run}`
    await must(api.POST('/api/v1/organizations', { body: { name: `Acme ${run}`, slug } }), 'organization')
    const campaign = await must(
      api.POST('/api/v1/organizations/{slug}/campaigns', {
        params: { path: { slug } },
        body: {
          kind: 'idea',
          title: `Bottle vote ${run}`,
          rules: {
            voting_method: 'upvote',
            vote_budget: null,
            vote_during_submission: false,
            hide_tallies: false,
            allow_self_vote: false,
            eligibility: 'open',
            jury_weight_percent: 0,
            remix_credit_percent: 0,
            guaranteed_prize: false,
            max_contributions_per_member: 2,
            require_approval: false,
            participation_target_percent: null,
            contribution_target: null,
          },
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
    await page.getByLabel('Display name').fill(`Pia ${run}`)
    await page.getByLabel('Email').fill(`pia-${run}@example.com`)
    await page.getByLabel('Password').fill(password)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('link', { name: 'My profile' }).waitFor()
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
