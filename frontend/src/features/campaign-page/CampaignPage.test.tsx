import { act, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { switchLanguage } from '../../i18n'
import { json, stubApi } from '../../test/fakeApi'
import { aCampaign, aPage } from '../../test/fixtures'
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
