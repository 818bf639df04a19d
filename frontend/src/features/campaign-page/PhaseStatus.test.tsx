import { act, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { json, stubApi } from '../../test/fakeApi'
import { aCampaign, anAward, aPage, type CampaignOverrides } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

// This browser's clock in every test; each phase counts down to its own boundary.
const NOW = '2030-06-10T12:00:00Z'
const schedule = {
  submissions_open_at: '2030-06-13T12:00:00Z',
  submissions_close_at: '2030-06-10T17:30:00Z',
  voting_open_at: '2030-06-10T12:45:00Z',
  voting_close_at: '2030-06-12T15:04:05Z',
}

/** The campaign page's API for `campaign`, its response dated `serverDate` if given. */
function stub(overrides: CampaignOverrides, { awards = [], serverDate }: { awards?: Schemas['AwardResponse'][]; serverDate?: string } = {}) {
  const campaign = aCampaign({ schedule, ...overrides })
  return stubApi({
    'GET /api/v1/campaigns/summer-bottle': () => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (serverDate) headers.Date = new Date(serverDate).toUTCString()
      return new Response(JSON.stringify(campaign), { headers })
    },
    'GET /api/v1/campaigns/c1/contributions': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/leaderboard': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/points-leaderboard': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/awards': () => json(awards),
  })
}

/** The status line's sentence, once the campaign has loaded. */
async function statusLine(): Promise<HTMLElement> {
  const header = (await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).closest('header') as HTMLElement
  const line = header.querySelector<HTMLElement>('.phase-status > p')
  if (!line) throw new Error('no status line')
  return line
}

describe('the campaign’s status line', () => {
  beforeEach(() => {
    // Only the clock is fixed; timers still run, so the page renders as usual.
    vi.useFakeTimers({ now: new Date(NOW), toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it.each<[string, CampaignOverrides, string]>([
    ['scheduled', { phase: 'scheduled', kind: 'design' }, 'Coming soon: get ready — submissions open in 3 days.'],
    ['submission', { phase: 'submission', kind: 'idea' }, 'Submissions open: send your idea — closes in 5 hours.'],
    [
      'submission with voting',
      { phase: 'submission', kind: 'design', rules: { vote_during_submission: true } },
      'Submissions and voting open: send your design, or vote for the entries — closes in 5 hours.',
    ],
    ['review', { phase: 'review' }, 'In review: the entries are being checked — voting opens in 45 minutes.'],
    ['voting (stars)', { phase: 'voting', rules: { voting_method: 'stars' } }, 'Voting is open: rate the entries — closes in 2 days.'],
    ['voting (budget)', { phase: 'voting', rules: { voting_method: 'budget', vote_budget: 10 } }, 'Voting is open: spread your points over the entries — closes in 2 days.'],
    ['judging', { phase: 'judging' }, 'Judging: voting has ended, and the organisers are choosing the winners.'],
    ['closed without awards', { phase: 'closed' }, 'Campaign closed: this campaign is over.'],
    ['cancelled', { phase: 'cancelled' }, 'Cancelled: the organisers called this campaign off.'],
  ])('says what happens now and what to do: %s', async (_name, overrides, sentence) => {
    stub(overrides)
    renderRoute('/c/summer-bottle')
    expect(await statusLine()).toHaveTextContent(sentence)
  })

  it('leads to the entries while voting is open, and a visitor to sign in first', async () => {
    stub({ phase: 'voting' })
    renderRoute('/c/summer-bottle')

    const header = within((await statusLine()).closest('header') as HTMLElement)
    expect(header.getByRole('link', { name: 'Sign in to vote' })).toHaveAttribute('href', '/login?next=%2Fc%2Fsummer-bottle')
    expect(header.getByRole('link', { name: 'See the entries' })).toHaveAttribute('href', '#gallery-heading')
    expect(screen.queryByText(/not open right now/)).toBeNull()
  })

  it('announces the winners once there are some', async () => {
    stub({ phase: 'closed' }, { awards: [anAward({ status: 'approved' })] })
    renderRoute('/c/summer-bottle')

    expect(await screen.findByText('Winners announced:')).toBeVisible()
    expect(await statusLine()).toHaveTextContent('Winners announced: see who won below.')
    expect(screen.getByRole('link', { name: 'See the winners' })).toHaveAttribute('href', '#winners-heading')
  })

  it('counts down on the server’s clock, from the campaign response’s Date', async () => {
    // The server is a day ahead of this browser: a day less is left than the browser would say.
    const voting = { ...schedule, submissions_open_at: '2030-06-01T00:00:00Z', submissions_close_at: '2030-06-05T00:00:00Z', voting_open_at: '2030-06-06T00:00:00Z' }
    stub({ phase: 'voting', rules: { voting_method: 'stars' }, schedule: voting }, { serverDate: '2030-06-11T12:00:00Z' })
    renderRoute('/c/summer-bottle')

    expect(await statusLine()).toHaveTextContent('Voting is open: rate the entries — closes in 1 day.')
    expect(within(screen.getByRole('region', { name: 'Schedule' })).getByRole('timer')).toHaveTextContent(
      'Voting closes in 1 day 03 h 04 min 04 s',
    )

    await act(() => switchLanguage('de'))
    expect(await statusLine()).toHaveTextContent('Abstimmung läuft: Bewerte die Beiträge mit Sternen – endet in 1 Tag.')
    expect(screen.getByRole('link', { name: 'Zum Abstimmen anmelden' })).toBeVisible()
    expect(screen.getByRole('link', { name: 'Zu den Beiträgen' })).toBeVisible()
  })
})
