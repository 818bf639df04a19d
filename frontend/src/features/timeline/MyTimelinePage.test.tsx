import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { renderRoute } from '../../test/renderRoute'

const summer = {
  campaign: { id: 'c1', slug: 'summer-bottle', title: 'Summer bottle' },
  came_through: { kind: 'community', channel_id: 'ch1', name: 'Design forum' },
  first_touch_at: '2026-03-01T12:00:00Z',
  joined_at: '2026-03-02T12:00:00Z',
  signed_up_here: true,
  first_vote_at: '2026-03-04T12:00:00Z',
  first_contribution_at: null,
  votes: 1234,
  contributions: 0,
  points: 45,
}

const winter = {
  campaign: { id: 'c2', slug: 'winter-scarf', title: 'Winter scarf' },
  came_through: { kind: 'referral', channel_id: null, name: null },
  first_touch_at: '2025-11-01T12:00:00Z',
  joined_at: '2025-11-01T12:00:00Z',
  signed_up_here: false,
  first_vote_at: '2025-11-05T12:00:00Z',
  first_contribution_at: '2025-11-03T12:00:00Z',
  votes: 2,
  contributions: 1,
  points: 10,
}

function timelineApi(route: Handler) {
  startSession(authResponse())
  return stubApi({ 'GET /api/v1/me': () => json(me), 'GET /api/v1/me/timeline': route })
}

const steps = (card: HTMLElement) =>
  within(within(card).getByRole('list', { name: /Your steps in|Deine Schritte bei/ }))
    .getAllByRole('listitem')
    .map((item) => item.textContent)

describe('my timeline', () => {
  it('shows each campaign with its steps in order, dated, and what I did there', async () => {
    timelineApi(() => json({ items: [summer], next_cursor: null }))
    renderRoute('/me/timeline')

    const card = (await screen.findByRole('article', { name: 'Summer bottle' })) as HTMLElement
    expect(within(card).getByRole('link', { name: 'Summer bottle' })).toHaveAttribute('href', '/c/summer-bottle')
    expect(steps(card)).toEqual([
      expect.stringMatching(/^First visit through “Design forum” \(Community\) Mar 1, 2026/),
      expect.stringMatching(/^Created your Schwarm account here Mar 2, 2026/),
      expect.stringMatching(/^First vote Mar 4, 2026/),
      'No contribution yet',
    ])
    expect(within(card).getByText('No contribution yet').closest('li')).toHaveClass('pending')
    expect(within(card).getByText('Votes').closest('dl')).toHaveTextContent('Votes1,234Contributions0Points45')
    expect(within(card).getByRole('button', { name: 'Get my invite link for “Summer bottle”' })).toBeVisible()
    expect(await screen.findByText('That is all.')).toBeVisible()
  })

  it('shows more campaigns with the cursor of the page before', async () => {
    const fake = timelineApi((request) =>
      new URL(request.url).searchParams.get('cursor') === 'page-2'
        ? json({ items: [winter], next_cursor: null })
        : json({ items: [summer], next_cursor: 'page-2' }),
    )
    const user = userEvent.setup()
    renderRoute('/me/timeline')
    await screen.findByRole('article', { name: 'Summer bottle' })
    expect(screen.queryByRole('article', { name: 'Winter scarf' })).toBeNull()

    await user.click(screen.getByRole('button', { name: 'Show more campaigns' }))

    const winterCard = (await screen.findByRole('article', { name: 'Winter scarf' })) as HTMLElement
    const [first, second] = fake.sent('GET /api/v1/me/timeline').map((request) => new URL(request.url).searchParams)
    expect(first.get('cursor')).toBeNull()
    expect(second.get('cursor')).toBe('page-2')
    // Steps in the order they happened: here the contribution came before the vote.
    expect(steps(winterCard)).toEqual([
      expect.stringMatching(/^First visit through an invitation from a participant Nov 1, 2025/),
      expect.stringMatching(/^Joined the campaign Nov 1, 2025/),
      expect.stringMatching(/^First contribution Nov 3, 2025/),
      expect.stringMatching(/^First vote Nov 5, 2025/),
    ])
    expect(screen.getByText('That is all.')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Show more campaigns' })).toBeNull()
  })

  it('says how to start when I have taken part nowhere, in English and German', async () => {
    timelineApi(() => json({ items: [], next_cursor: null }))
    renderRoute('/me/timeline')

    expect(await screen.findByText(/You have not taken part in a campaign yet/)).toBeVisible()
    expect(screen.getByRole('link', { name: 'Discover campaigns' })).toHaveAttribute('href', '/')

    await act(() => switchLanguage('de'))

    expect(screen.getByRole('heading', { level: 1, name: 'Mein Verlauf' })).toBeVisible()
    expect(screen.getByRole('link', { name: 'Kampagnen entdecken' })).toBeVisible()
  })

  it('formats the dates and numbers for German', async () => {
    timelineApi(() => json({ items: [summer], next_cursor: null }))
    renderRoute('/me/timeline')
    const card = (await screen.findByRole('article', { name: 'Summer bottle' })) as HTMLElement

    await act(() => switchLanguage('de'))

    expect(steps(card)[0]).toMatch(/^Erster Besuch über „Design forum“ \(Community\) 01\.03\.2026/)
    expect(within(card).getByText('Stimmen').closest('dl')).toHaveTextContent('Stimmen1.234')
  })

  it('is linked from the account menu and my profile', async () => {
    timelineApi(() => json({ items: [], next_cursor: null }))
    const user = userEvent.setup()
    renderRoute('/me')
    await screen.findByRole('heading', { level: 1, name: 'My profile' })
    expect(screen.getByRole('link', { name: /My campaigns, step by step/ })).toHaveAttribute('href', '/me/timeline')

    await user.click(screen.getByRole('link', { name: 'My timeline' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'My timeline' })).toBeVisible()
  })
})
