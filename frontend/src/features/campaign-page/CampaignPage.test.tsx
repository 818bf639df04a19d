import { act, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { switchLanguage } from '../../i18n'
import { json, stubApi } from '../../test/fakeApi'
import { aCampaign, aFunding, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const campaign = aCampaign({
  summary: 'Design our bottle',
  brief: '## What we want\n\nA bottle for **summer**.',
  rules: { max_contributions_per_member: 2, voting_method: 'budget', vote_budget: 10, remix_credit_percent: 25 },
  prize_tiers: [{ rank_from: 1, rank_to: 1, title: 'First prize', amount_minor: 50000, currency: 'EUR', points: 100 }],
  participation_points: { per_contribution: 5 },
  schedule: {
    submissions_open_at: '2030-06-01T00:00:00Z',
    submissions_close_at: '2030-06-12T15:04:05Z',
    voting_open_at: '2030-06-13T00:00:00Z',
    voting_close_at: '2030-06-20T00:00:00Z',
  },
})

describe('CampaignPage', () => {
  beforeEach(() => {
    // Only the clock is fixed; timers still run, so the page renders as usual.
    vi.useFakeTimers({ now: new Date('2030-06-10T12:00:00Z'), toFake: ['Date'] })
    stubApi({
      'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
      'GET /api/v1/campaigns/c1/contributions': () => json(aPage([])),
      'GET /api/v1/campaigns/c1/points-leaderboard': () => json(aPage([])),
    })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows the brief, the open window with a countdown, prizes and rules', async () => {
    renderRoute('/c/summer-bottle')

    expect(await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).toBeVisible()
    expect(screen.getByRole('heading', { name: 'What we want' })).toBeVisible()
    const timeline = within(screen.getByRole('region', { name: 'Schedule' }))
    expect(timeline.getByRole('listitem', { current: 'step' })).toHaveTextContent('Submissions')
    expect(timeline.getByRole('timer')).toHaveTextContent('Submissions close in 2 days 03 h 04 min 05 s')
    expect(screen.getByRole('region', { name: 'Prizes' })).toHaveTextContent('Rank 1 First prize: €500.00 + 100 points')
    expect(screen.getByRole('region', { name: 'Rules' })).toHaveTextContent('Voting: spread 10 points across contributions.')
    expect(screen.getByRole('region', { name: 'Rules' })).toHaveTextContent(
      'When a remix wins, 25 % of its prize goes to the authors of the entry it remixes.',
    )
    expect(screen.getByRole('link', { name: 'Sign in to contribute' })).toHaveAttribute(
      'href',
      '/login?next=%2Fc%2Fsummer-bottle%2Fcontribute',
    )
    expect(await screen.findByText('No contributions yet.')).toBeVisible()
  })

  it('formats money, dates and the countdown for German', async () => {
    renderRoute('/c/summer-bottle')
    await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })

    await act(() => switchLanguage('de'))

    expect(screen.getByRole('region', { name: 'Preise' })).toHaveTextContent('Platz 1 First prize: 500,00 €')
    expect(screen.getByRole('timer')).toHaveTextContent('Einreichung endet in 2 Tage 03 Std. 04 Min. 05 Sek.')
    expect(screen.getByRole('region', { name: 'Zeitplan' })).toHaveTextContent(/\d{2}\.06\.2030/)
  })
})

describe('a crowdfunding campaign’s page', () => {
  const schedule = {
    submissions_open_at: '2030-06-01T00:00:00Z',
    submissions_close_at: '2030-06-12T15:04:05Z',
    voting_open_at: '2030-06-13T00:00:00Z',
    voting_close_at: '2030-06-20T00:00:00Z',
  }
  const funding = aCampaign({ kind: 'funding', schedule })

  function api(campaign: ReturnType<typeof aCampaign>) {
    return stubApi({
      'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
      'GET /api/v1/campaigns/c1/funding': () => json(aFunding()),
      'GET /api/v1/campaigns/c1/contributions': () => json(aPage([])),
      'GET /api/v1/campaigns/c1/leaderboard': () => json(aPage([])),
      'GET /api/v1/campaigns/c1/points-leaderboard': () => json(aPage([])),
    })
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2030-06-10T12:00:00Z'), toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('speaks of funding, not submissions and votes, and shows no prizes, rankings or gallery', async () => {
    const fake = api(funding)
    renderRoute('/c/summer-bottle')

    const header = within((await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).closest('header') as HTMLElement)
    expect(header.getByText('Funding open')).toHaveClass('badge')
    const timeline = within(screen.getByRole('region', { name: 'Schedule' }))
    expect(timeline.getAllByRole('listitem')).toHaveLength(1)
    expect(timeline.getByRole('listitem', { current: 'step' })).toHaveTextContent('Funding window')
    expect(timeline.getByRole('timer')).toHaveTextContent('Funding ends in 2 days 03 h 04 min 05 s')
    expect(screen.getByRole('region', { name: 'Schedule' })).not.toHaveTextContent(/Submissions|Voting/)
    expect(screen.getByRole('region', { name: 'Rules' })).toHaveTextContent(/^RulesEveryone may take part\.$/)
    expect(screen.queryByRole('region', { name: 'Prizes' })).toBeNull()
    expect(screen.queryByRole('region', { name: 'Gallery' })).toBeNull()
    expect(screen.queryByRole('link', { name: 'Sign in to contribute' })).toBeNull()
    expect(fake.sent('GET /api/v1/campaigns/c1/contributions')).toHaveLength(0)

    await act(() => switchLanguage('de'))

    expect(header.getByText('Finanzierung läuft')).toBeVisible()
    const zeitplan = screen.getByRole('region', { name: 'Zeitplan' })
    expect(within(zeitplan).getByRole('listitem')).toHaveTextContent('Finanzierungszeitraum')
    expect(zeitplan).not.toHaveTextContent(/Einreichung|Abstimmung/)
    expect(within(zeitplan).getByRole('timer')).toHaveTextContent('Finanzierung endet in 2 Tage 03 Std. 04 Min. 05 Sek.')
    expect(screen.queryByRole('region', { name: 'Preise' })).toBeNull()
  })

  it('calls every phase after the deadline “funding ended”, without a leaderboard', async () => {
    const fake = api(aCampaign({ kind: 'funding', phase: 'voting', schedule: { ...schedule, submissions_close_at: '2030-06-09T00:00:00Z' } }))
    renderRoute('/c/summer-bottle')

    expect(await screen.findByText('Funding ended')).toHaveClass('badge')
    expect(screen.getByRole('region', { name: 'Schedule' })).toHaveTextContent('Funding has ended.')
    expect(screen.queryByRole('timer')).toBeNull()
    expect(screen.queryByRole('region', { name: 'Leaderboard' })).toBeNull()
    expect(fake.sent('GET /api/v1/campaigns/c1/leaderboard')).toHaveLength(0)

    await act(() => switchLanguage('de'))
    expect(screen.getByText('Finanzierung beendet')).toHaveClass('badge')
    expect(screen.getByRole('region', { name: 'Zeitplan' })).toHaveTextContent('Die Finanzierung ist beendet.')
  })

  it('leaves an idea campaign its contest wording', async () => {
    api(aCampaign({ kind: 'idea', schedule }))
    renderRoute('/c/summer-bottle')

    expect(await screen.findByText('Open for submissions')).toHaveClass('badge')
    const timeline = within(screen.getByRole('region', { name: 'Schedule' }))
    expect(timeline.getAllByRole('listitem').map((item) => item.querySelector('strong')?.textContent)).toEqual(['Submissions', 'Voting'])
    expect(timeline.getByRole('timer')).toHaveTextContent('Submissions close in 2 days 03 h 04 min 05 s')
    expect(screen.getByRole('region', { name: 'Prizes' })).toHaveTextContent('This campaign has no prizes.')

    await act(() => switchLanguage('de'))
    expect(screen.getByText('Einreichung offen')).toHaveClass('badge')
    expect(screen.getByRole('timer')).toHaveTextContent('Einreichung endet in 2 Tage 03 Std. 04 Min. 05 Sek.')
    expect(screen.getByRole('region', { name: 'Zeitplan' })).toHaveTextContent('Abstimmung')
    expect(screen.getByRole('region', { name: 'Preise' })).toBeVisible()
  })
})
