import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { formatDateTime } from '../../i18n/format'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { publishedCampaign as campaign } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The route loads this page (and the charting library) lazily, on the way there. Loaded with the
// test file instead: on a busy machine that first load alone can take longer than a test waits for
// the page to appear, and what these tests check is the page, not how fast it loads.
import './AnalyticsPage'

const funnel = (visitors: number, signUps: number, voters: number, contributors: number) => ({
  visitors,
  registered: signUps + 10,
  sign_ups: signUps,
  voters,
  contributors,
  participants: voters + 2,
  // A design campaign: nobody pledges money or answers tasks.
  backers: 0,
  workers: 0,
})

const sample: Schemas['AnalyticsResponse'] = {
  campaign_id: 'c1',
  generated_at: '2030-06-10T12:00:00Z',
  baseline_rate: 0.01,
  target_rate: 0.05,
  min_group_size: 5,
  min_group_networks: 3,
  segments_published_at: '2030-06-10T11:00:00Z',
  summary: {
    best_channel: { kind: 'community', channel_id: 'ch1', name: 'Design forum' },
    beats_baseline: true,
    meets_target: false,
    k_factor: 0.42,
    will_reach_critical_mass: true,
  },
  funnel: funnel(2000, 150, 300, 46),
  rates: { contribution_rate: 0.023, contributors_per_participant: 0.15, voter_rate: 0.15, sign_up_rate: 0.075 },
  sources: [
    {
      source: { kind: 'community', channel_id: 'ch1', name: 'Design forum' },
      funnel: funnel(400, 60, 90, 32),
      rates: { contribution_rate: 0.08 },
    },
    {
      source: { kind: 'newsletter', channel_id: 'ch2', name: 'June newsletter' },
      funnel: funnel(1000, 40, 100, 6),
      rates: { contribution_rate: 0.006 },
    },
    { source: { kind: 'referral' }, funnel: funnel(100, 30, 50, 5), rates: { contribution_rate: 0.05 } },
    { source: { kind: 'direct' }, funnel: funnel(500, 20, 60, 3), rates: { contribution_rate: 0.006 } },
  ],
  referrals: {
    conversions: 12,
    k_factor: 0.42,
    referral_share: 0.125,
    top_referrers: [{ user_id: 'u2', display_name: 'Grace', visitors: 40, sign_ups: 9, conversions: 7 }],
  },
  daily: [
    { day: '2030-06-08', visits: 500, new_visitors: 480, sign_ups: 40, votes: 120, contributions: 10 },
    { day: '2030-06-09', visits: 800, new_visitors: 700, sign_ups: 60, votes: 200, contributions: 20 },
    { day: '2030-06-10', visits: 700, new_visitors: 600, sign_ups: 50, votes: 180, contributions: 16 },
  ],
  projection: { contributions: 46, elapsed: 0.4, projected_at_close: 115, target: 100, will_reach_target: true },
  segments: [
    { dimension: 'country', value: 'DE', voters: 120, votes: 260 },
    { dimension: 'country', value: 'AT', voters: 30, votes: 64 },
    { dimension: 'age_band', value: '25-34', voters: 80, votes: 170 },
  ],
}

const CSV = 'rank,contribution_id,title\r\n1,k1,Wave bottle\r\n'

function analyticsApi(routes: Record<string, Handler> = {}) {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1/analytics': () => json(sample),
    'GET /api/v1/campaigns/c1/export/contributions.csv': () =>
      new Response(CSV, {
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="summer-bottle-contributions.csv"',
        },
      }),
    ...routes,
  })
}

describe('campaign analytics', () => {
  // jsdom implements neither object URLs nor downloads: record what would have been saved.
  const saved: { name: string; url: string }[] = []
  beforeEach(() => {
    saved.length = 0
    URL.createObjectURL = vi.fn(() => 'blob:schwarm/1')
    URL.revokeObjectURL = vi.fn()
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, url: this.href })
    })
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('answers the first questions in plain words', async () => {
    analyticsApi()
    renderRoute('/c/summer-bottle/analytics')

    const summary = within(await screen.findByRole('region', { name: 'At a glance' }))
    const answerTo = (question: string) => summary.getByText(question).nextElementSibling
    expect(answerTo('Which channel brings the most contributors per visitor?')).toHaveTextContent(
      '“Design forum”: 8% of its visitors contributed.',
    )
    expect(answerTo('Does the campaign beat the 1% rule?')).toHaveTextContent(
      'Yes: 2.3% of visitors contributed, above the usual 1%.',
    )
    expect(answerTo('Does it reach your participation goal?')).toHaveTextContent(
      'Not yet: 2.3% of visitors contributed; your goal is 5%.',
    )
    expect(answerTo('How far do invitations carry?')).toHaveTextContent('K-factor 0.42: each participant brings in 0.42 more on average')
    expect(answerTo('Will it reach critical mass?')).toHaveTextContent(
      'Yes: at the pace so far, about 115 contributions by the close of submissions; the goal is 100.',
    )
  })

  it('gives every chart its numbers as text', async () => {
    analyticsApi()
    renderRoute('/c/summer-bottle/analytics')

    const funnelTable = within(await screen.findByRole('table', { name: 'Funnel' }))
    expect(funnelTable.getByRole('row', { name: /Visitors/ })).toHaveTextContent('Visitors2,000')
    expect(funnelTable.getByRole('row', { name: /Contributors/ })).toHaveTextContent('Contributors46')
    expect(funnelTable.queryByRole('row', { name: /Backers/ }), 'nobody pledged: no backers step').toBeNull()

    const sources = within(screen.getByRole('table', { name: 'Funnel and contribution rate by source' }))
    expect(sources.getByRole('row', { name: /Design forum/ })).toHaveTextContent('Design forum4006090328%')
    expect(sources.getByRole('row', { name: /Invitations by participants/ })).toHaveTextContent('5%')
    expect(sources.getByRole('row', { name: /Direct/ })).toHaveTextContent('0.6%')
    expect(screen.getByText(/the dashed lines are the usual 1% and your goal of 5%/)).toBeVisible()

    const daily = within(screen.getByRole('table', { name: 'Day by day' }))
    expect(daily.getAllByRole('row')).toHaveLength(4)
    expect(daily.getByRole('row', { name: /Jun 9, 2030/ })).toHaveTextContent('Jun 9, 20308006020020')

    const projection = within(screen.getByRole('region', { name: 'Projection' }))
    expect(projection.getByText('Expected at close', { selector: 'dt' }).nextElementSibling).toHaveTextContent('115')
    expect(projection.getByText('Submission window passed', { selector: 'dt' }).nextElementSibling).toHaveTextContent('40%')

    const referrals = within(screen.getByRole('region', { name: 'Invitations' }))
    expect(referrals.getByText('K-factor', { selector: 'dt' }).nextElementSibling).toHaveTextContent('0.42')
    expect(referrals.getByText('Participants invited by participants', { selector: 'dt' }).nextElementSibling).toHaveTextContent('12.5%')
    expect(referrals.getByRole('row', { name: /Grace/ })).toHaveTextContent('Grace4097')

    const segments = within(screen.getByRole('region', { name: 'Votes by segment' }))
    expect(segments.getByText(/groups of fewer than 5 voters are hidden/)).toBeVisible()
    expect(segments.getByRole('table', { name: 'Country' })).toHaveTextContent('Germany120260')
    expect(segments.getByRole('table', { name: 'Age' })).toHaveTextContent('25-3480170')
    expect(segments.queryByRole('table', { name: 'Interest' })).toBeNull()
  })

  it('says under the segments as of when they were published, how often they change and which groups are left out', async () => {
    analyticsApi()
    renderRoute('/c/summer-bottle/analytics')

    const region = await screen.findByRole('region', { name: 'Votes by segment' })
    const segments = within(region)
    const published = segments.getByText(/^Figures as of /)
    // In the reader's locale (and time zone), from `segments_published_at`, not `generated_at`.
    expect(published).toHaveTextContent(`Figures as of ${formatDateTime('en', '2030-06-10T11:00:00Z')}.`)
    expect(published).toHaveTextContent('published afresh at most once an hour')
    const note = segments.getByText(/groups of fewer than 5 voters are hidden/)
    expect(note).toHaveTextContent('groups whose voters came from fewer than 3 different networks')
    expect(note).toHaveTextContent('any row that could be worked out from the others')
    // Under the tables, where the reader meets it after the figures.
    const tables = segments.getAllByRole('table')
    expect(tables[tables.length - 1].compareDocumentPosition(published) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()

    await act(() => switchLanguage('de'))

    expect(segments.getByText(/^Zahlen mit Stand /)).toHaveTextContent(
      `Zahlen mit Stand ${formatDateTime('de', '2030-06-10T11:00:00Z')}. Sie werden höchstens einmal pro Stunde neu veröffentlicht`,
    )
    expect(segments.getByText(/weniger als 3 verschiedenen Netzen/)).toBeVisible()
  })

  it('shows backers as the last step of the funnel once someone pledged', async () => {
    analyticsApi({ 'GET /api/v1/campaigns/c1/analytics': () => json({ ...sample, funnel: { ...sample.funnel, backers: 17 } }) })
    renderRoute('/c/summer-bottle/analytics')

    const funnelTable = within(await screen.findByRole('table', { name: 'Funnel' }))
    const rows = funnelTable.getAllByRole('row')
    expect(rows[rows.length - 1]).toHaveTextContent('Backers17')
  })

  it('shows the workers of a microtask campaign as the last step of the funnel, without backers', async () => {
    analyticsApi({ 'GET /api/v1/campaigns/c1/analytics': () => json({ ...sample, funnel: { ...sample.funnel, workers: 23 } }) })
    renderRoute('/c/summer-bottle/analytics')

    const funnelTable = within(await screen.findByRole('table', { name: 'Funnel' }))
    const rows = funnelTable.getAllByRole('row')
    expect(rows[rows.length - 1]).toHaveTextContent('Task workers23')
    expect(funnelTable.queryByRole('row', { name: /Backers/ })).toBeNull()
  })

  it('formats rates, numbers and countries for German', async () => {
    analyticsApi()
    renderRoute('/c/summer-bottle/analytics')
    await screen.findByRole('region', { name: 'At a glance' })

    await act(() => switchLanguage('de'))

    const summary = within(screen.getByRole('region', { name: 'Auf einen Blick' }))
    expect(summary.getByText('Schlägt die Kampagne die 1 %-Regel?').nextElementSibling).toHaveTextContent(
      'Ja: 2,3 % der Besucher haben etwas beigetragen, mehr als die üblichen 1 %.',
    )
    expect(within(screen.getByRole('table', { name: 'Trichter' })).getByRole('row', { name: /Besucher/ })).toHaveTextContent('2.000')
    expect(screen.getByRole('table', { name: 'Land' })).toHaveTextContent('Deutschland')
  })

  it('says what is not known yet rather than guessing', async () => {
    analyticsApi({
      'GET /api/v1/campaigns/c1/analytics': () =>
        json({
          ...sample,
          target_rate: null,
          summary: { best_channel: null, beats_baseline: null, meets_target: null, k_factor: null, will_reach_critical_mass: null },
          rates: {},
          daily: [],
          projection: { contributions: 0, elapsed: null, projected_at_close: null, target: null, will_reach_target: null },
          referrals: { conversions: 0, k_factor: null, referral_share: null, top_referrers: [] },
          segments: [],
        }),
    })
    renderRoute('/c/summer-bottle/analytics')

    const summary = within(await screen.findByRole('region', { name: 'At a glance' }))
    expect(summary.getByText(/None yet: no source has brought a contributor/)).toBeVisible()
    expect(summary.getByText('Not known yet: nobody has visited the campaign.')).toBeVisible()
    expect(summary.getByText(/You have set no participation goal/)).toBeVisible()
    expect(summary.getByText('Not known yet: nobody has taken part.')).toBeVisible()
    expect(summary.getByText(/You have set no contribution goal/)).toBeVisible()
    expect(screen.getByText(/No activity yet/)).toBeVisible()
    expect(screen.getByText(/Nobody has come through a participant’s invitation yet/)).toBeVisible()
    expect(screen.getByText('No group is large enough to show yet.')).toBeVisible()
  })

  it('downloads an export with my token and saves it under the name the server gave', async () => {
    const fake = analyticsApi()
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/analytics')
    await screen.findByRole('region', { name: 'At a glance' })

    await user.click(screen.getByRole('button', { name: 'Contributions with votes and scores (CSV)' }))

    expect(await screen.findByText('Downloaded summer-bottle-contributions.csv.')).toBeVisible()
    const [request] = fake.sent('GET /api/v1/campaigns/c1/export/contributions.csv')
    expect(request.headers.get('Authorization')).toBe('Bearer access-1')
    expect(saved).toEqual([{ name: 'summer-bottle-contributions.csv', url: 'blob:schwarm/1' }])
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0][0] as Blob
    expect(await blob.text()).toBe(CSV)
  })

  it('says why an export failed, and saves nothing', async () => {
    analyticsApi({
      'GET /api/v1/campaigns/c1/export/votes-by-segment.csv': () => problem(403, 'Forbidden', 'only owners and managers export'),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/analytics')
    await screen.findByRole('region', { name: 'At a glance' })

    await user.click(screen.getByRole('button', { name: 'Votes by segment (CSV)' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Forbidden: only owners and managers export')
    expect(saved).toEqual([])
  })

  it('tells someone without the role that the analytics are not theirs to see', async () => {
    analyticsApi({ 'GET /api/v1/campaigns/c1/analytics': () => problem(403, 'Forbidden') })
    renderRoute('/c/summer-bottle/analytics')

    expect(await screen.findByRole('alert')).toHaveTextContent('You are not allowed to do this.')
  })
})
