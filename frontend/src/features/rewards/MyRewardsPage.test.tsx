import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, problem, stubApi } from '../../test/fakeApi'
import { anAward as award } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const entry = (id: string, source_type: string, points: number, created_at = '2030-07-02T10:00:00Z') => ({
  id,
  source_type,
  points,
  source_id: `s-${id}`,
  campaign_id: 'c1',
  created_at,
})

function stubRewards(pages: Record<string, unknown>) {
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/rewards': (request) => json(pages[new URL(request.url).searchParams.get('cursor') ?? ''] ?? pages['']),
  })
}

describe('my rewards', () => {
  it('shows the balance and the ledger in plain words, deductions as such, and pages on', async () => {
    startSession(authResponse())
    const fake = stubRewards({
      '': {
        points_balance: 95,
        badges: [],
        awards: [],
        ledger: [entry('l3', 'award', -100), entry('l2', 'vote_cast', 1), entry('l1', 'contribution_published', 5)],
        next_cursor: 'page2',
      },
      page2: { points_balance: 95, badges: [], awards: [], ledger: [entry('l0', 'referral_converted', 189, '2030-06-01T10:00:00Z')], next_cursor: null },
    })
    const user = userEvent.setup()
    renderRoute('/me/rewards')

    expect(await screen.findByRole('heading', { level: 1, name: 'My rewards' })).toBeVisible()
    expect(screen.getByTestId('points-balance')).toHaveTextContent('95 points')
    const ledger = within(screen.getByRole('region', { name: 'Points history' }))
    const rows = ledger.getAllByRole('row').slice(1)
    expect(rows.map((row) => within(row).getAllByRole('cell')[1].textContent)).toEqual([
      'Award',
      'Vote cast',
      'Contribution published',
    ])
    expect(rows[0]).toHaveTextContent('-100 (deducted)')
    expect(rows[0]).toHaveClass('negative')
    expect(rows[1]).toHaveTextContent('+1')
    expect(rows[1]).not.toHaveClass('negative')
    expect(screen.getByRole('region', { name: 'My awards' })).toHaveTextContent('You have no part in an award yet.')

    await user.click(ledger.getByRole('button', { name: 'Load more' }))

    expect(await ledger.findByText('Referral joined')).toBeVisible()
    expect(ledger.getByText('+189')).toBeVisible()
    expect(new URL(fake.sent('GET /api/v1/me/rewards')[1].url).searchParams.get('cursor')).toBe('page2')
    expect(ledger.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument()
  })

  it('says so when there are no points yet', async () => {
    startSession(authResponse())
    stubRewards({ '': { points_balance: 0, badges: [], awards: [], ledger: [], next_cursor: null } })
    renderRoute('/me/rewards')
    expect(await screen.findByText('No points yet. Contribute or vote in a campaign to earn some.')).toBeVisible()
    expect(screen.getByTestId('points-balance')).toHaveTextContent('0 points')
    expect(screen.getByRole('region', { name: 'My badges' })).toHaveTextContent(
      'No badges yet. Get a contribution published in a campaign to earn your first one, or vote on many entries to join a campaign’s ten most active voters.',
    )
  })

  it('shows my awards with my share and every split, money in the award currency, in English and German', async () => {
    startSession(authResponse())
    stubRewards({
      '': {
        points_balance: 75,
        badges: [],
        awards: [award({ status: 'approved' }), award({ id: 'a2', contribution_title: 'Tiny bottle', rank: 3, title: 'Podium', currency: 'JPY', amount_minor: 12345, points: 0, splits: [{ user_id: me.id, display_name: 'Ada', reason: 'author', amount_minor: 12345, points: 0 }], status: 'cancelled' })],
        ledger: [],
        next_cursor: null,
      },
    })
    renderRoute('/me/rewards')

    const first = await screen.findByRole('article', { name: 'Rank 1: Wave bottle' })
    expect(first).toHaveTextContent('First prize · Approved')
    expect(first).toHaveTextContent('Total€500.01 and 100 points')
    expect(first).toHaveTextContent('My share: €375.01 and 75 points')
    const splits = within(first).getByRole('table', { name: 'Split of “Wave bottle”' })
    const rows = within(splits).getAllByRole('row').slice(1)
    expect(rows[0]).toHaveTextContent('Ada (you)Author€375.0175')
    expect(rows[1]).toHaveTextContent('GraceAuthor of the remixed entry€125.0025')
    expect(within(first).getByRole('link', { name: 'Wave bottle' })).toHaveAttribute('href', '/contributions/k1')
    // Yen has no minor units: 12345 is ¥12,345.
    const second = screen.getByRole('article', { name: 'Rank 3: Tiny bottle' })
    expect(second).toHaveTextContent('Podium · Cancelled')
    expect(second).toHaveTextContent('Total¥12,345 and 0 points')

    await act(() => switchLanguage('de'))

    const erste = screen.getByRole('article', { name: 'Platz 1: Wave bottle' })
    expect(erste).toHaveTextContent('First prize · Freigegeben')
    expect(erste).toHaveTextContent('Gesamt500,01 € und 100 Punkte')
    expect(erste).toHaveTextContent('Mein Anteil: 375,01 € und 75 Punkte')
    const zeilen = within(within(erste).getByRole('table', { name: 'Aufteilung von „Wave bottle“' })).getAllByRole('row').slice(1)
    expect(zeilen[0]).toHaveTextContent('Ada (du)Autor375,01 €75')
    expect(zeilen[1]).toHaveTextContent('GraceAutor des geremixten Beitrags125,00 €25')
    expect(screen.getByRole('article', { name: 'Platz 3: Tiny bottle' })).toHaveTextContent('12.345 ¥')
    expect(screen.getByTestId('points-balance')).toHaveTextContent('75 Punkte')
  })
})

describe('my badges', () => {
  const summer = { id: 'c1', slug: 'summer-bottle', title: 'Summer bottle' }
  const badges = [
    { kind: 'first_contribution', campaign_id: 'c1', earned_at: '2030-06-02T10:00:00Z' },
    { kind: 'first_win', campaign_id: 'c2', earned_at: '2030-07-01T00:00:00Z' },
    { kind: 'top_ten_voter', campaign_id: 'c1', earned_at: null },
  ]

  function stubBadges() {
    startSession(authResponse())
    return stubApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/rewards': () => json({ points_balance: 6, badges, awards: [], ledger: [], next_cursor: null }),
      'GET /api/v1/campaigns/c1': () => json(summer),
      'GET /api/v1/campaigns/c2': () => problem(404, 'Not Found'),
    })
  }

  it('names each badge and what it was for, with its campaign and date, in English and German', async () => {
    const fake = stubBadges()
    renderRoute('/me/rewards')
    const region = within(await screen.findByRole('region', { name: 'My badges' }))

    const first = region.getByRole('article', { name: 'First contribution' })
    expect(first).toHaveTextContent('A contribution of yours was published.')
    expect(first).toHaveTextContent('Earned Jun 2, 2030')
    expect(await within(first).findByRole('link', { name: 'Summer bottle' })).toHaveAttribute('href', '/c/summer-bottle')
    const win = region.getByRole('article', { name: 'First win' })
    expect(win).toHaveTextContent('You received a share of an approved award.')
    // A campaign that cannot be looked up is still linked, by id.
    expect(within(win).getByRole('link', { name: 'this campaign' })).toHaveAttribute('href', '/c/c2')
    const voter = region.getByRole('article', { name: 'Top-ten voter' })
    expect(voter).toHaveTextContent('One of the ten people who voted on the most entries of a campaign.')
    expect(voter).toHaveTextContent('Yours while you stay among the ten most active voters.')
    // Each campaign is looked up once, however many badges name it.
    expect(fake.sent('GET /api/v1/campaigns/c1')).toHaveLength(1)

    await act(() => switchLanguage('de'))

    const abzeichen = within(screen.getByRole('region', { name: 'Meine Abzeichen' }))
    expect(abzeichen.getByRole('article', { name: 'Erster Beitrag' })).toHaveTextContent('Erhalten am 02.06.2030')
    expect(abzeichen.getByRole('article', { name: 'Erster Gewinn' })).toHaveTextContent('Du hast einen Anteil an einem freigegebenen Preis erhalten.')
    expect(abzeichen.getByRole('article', { name: 'Top 10 beim Abstimmen' })).toHaveTextContent(
      'Deins, solange du zu den zehn aktivsten Abstimmenden gehörst.',
    )
  })

  it('draws each badge’s icon, hidden from screen readers, with no emoji that needs an emoji font', async () => {
    stubBadges()
    renderRoute('/me/rewards')
    const region = await screen.findByRole('region', { name: 'My badges' })

    for (const name of ['First contribution', 'First win', 'Top-ten voter']) {
      const badge = within(region).getByRole('article', { name })
      expect(within(badge).getByRole('heading', { name })).toBeVisible()
      const icon = badge.querySelector('svg')
      expect(icon, `${name} has an icon`).not.toBeNull()
      expect(icon).toHaveAttribute('aria-hidden', 'true')
      expect(icon).toHaveAttribute('focusable', 'false')
      // Neither pictographs nor the variation selector that asks for their emoji form.
      expect(badge.textContent).not.toMatch(/[\p{Extended_Pictographic}\uFE0F]/u)
    }
  })
})
