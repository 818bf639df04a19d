import { act, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, stubApi } from '../../test/fakeApi'
import { aCampaign, aFunding, anOrganization, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The organiser's tools load lazily: imported up front, so their first load does not eat a query's wait.
import './organiser/CampaignAdminBar'

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

describe('a micro-task campaign’s page', () => {
  const schedule = {
    submissions_open_at: '2030-06-01T00:00:00Z',
    submissions_close_at: '2030-06-12T15:04:05Z',
    voting_open_at: '2030-06-13T00:00:00Z',
    voting_close_at: '2030-06-20T00:00:00Z',
  }

  function api(campaign: ReturnType<typeof aCampaign>, role: Schemas['Role'] | null = null) {
    return stubApi({
      'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
      'GET /api/v1/campaigns/c1/contributions': () => json(aPage([])),
      'GET /api/v1/campaigns/c1/leaderboard': () => json(aPage([])),
      'GET /api/v1/campaigns/c1/points-leaderboard': () => json(aPage([])),
      'POST /api/v1/campaigns/summer-bottle/visits': () => json({ first_touch: true, counted: true, via_recognized: false }),
      'POST /api/v1/campaigns/c1/referrals': () => json({ code: 'r1', link: 'http://localhost/c/summer-bottle?via=r1' }),
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
      'GET /api/v1/me/organizations': () => json(aPage(role ? [{ organization: anOrganization(), role }] : [])),
    })
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2030-06-10T12:00:00Z'), toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('speaks of work, leads to the task runner, and shows no prizes, rankings or gallery', async () => {
    const fake = api(aCampaign({ kind: 'microtask', schedule }))
    renderRoute('/c/summer-bottle')

    const header = within((await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).closest('header') as HTMLElement)
    expect(header.getByText('Work open')).toHaveClass('badge')
    expect(header.getByRole('link', { name: 'Sign in to start working' })).toHaveAttribute('href', '/login?next=%2Fc%2Fsummer-bottle%2Fwork')
    const timeline = within(screen.getByRole('region', { name: 'Schedule' }))
    expect(timeline.getAllByRole('listitem')).toHaveLength(1)
    expect(timeline.getByRole('listitem', { current: 'step' })).toHaveTextContent('Work window')
    expect(timeline.getByRole('timer')).toHaveTextContent('Work ends in 2 days 03 h 04 min 05 s')
    expect(screen.getByRole('region', { name: 'Rules' })).toHaveTextContent('Each approved answer earns the points its task offers.')
    expect(screen.queryByRole('region', { name: 'Prizes' })).toBeNull()
    expect(screen.queryByRole('region', { name: 'Gallery' })).toBeNull()
    expect(screen.queryByRole('link', { name: 'Sign in to contribute' })).toBeNull()
    expect(fake.sent('GET /api/v1/campaigns/c1/contributions')).toHaveLength(0)

    await act(() => switchLanguage('de'))

    expect(header.getByText('Arbeit läuft')).toBeVisible()
    expect(header.getByRole('link', { name: 'Zum Mitarbeiten anmelden' })).toBeVisible()
    expect(within(screen.getByRole('region', { name: 'Zeitplan' })).getByRole('listitem')).toHaveTextContent('Arbeitsphase')
  })

  it('offers a signed-in worker “Start working”, and its managers the task dashboard', async () => {
    startSession(authResponse())
    api(aCampaign({ kind: 'microtask', schedule }), 'manager')
    renderRoute('/c/summer-bottle')

    const start = await screen.findByRole('link', { name: 'Start working' })
    expect(start).toHaveAttribute('href', '/c/summer-bottle/work')
    const header = within(start.closest('header') as HTMLElement)
    expect(header.getByRole('link', { name: 'My work' })).toHaveAttribute('href', '/me/work')
    // The menu leads to my work too.
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'My work' })).toHaveAttribute('href', '/me/work')
    const tools = within(await screen.findByRole('region', { name: 'Organiser tools' }))
    expect(await tools.findByRole('link', { name: 'Tasks and review' })).toHaveAttribute('href', '/c/summer-bottle/tasks')
    expect(tools.queryByRole('link', { name: 'Moderation queue' })).toBeNull()
  })

  it('says when the work is over', async () => {
    api(aCampaign({ kind: 'microtask', phase: 'judging', schedule: { ...schedule, submissions_close_at: '2030-06-09T00:00:00Z' } }))
    renderRoute('/c/summer-bottle')

    expect(await screen.findByText('Work ended')).toHaveClass('badge')
    expect(screen.getByText('Work is not open right now.')).toBeVisible()
    expect(screen.getByRole('region', { name: 'Schedule' })).toHaveTextContent('The work has ended.')
  })
})

