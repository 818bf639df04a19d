import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aContribution, anAward, aPage, type CampaignOverrides } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// Loaded lazily by the gallery: imported up front, so its first load does not eat a query's wait.
import './lightbox/Lightbox'

function image(id: string, width: number, height: number): Schemas['MediaResponse'] {
  // The server's smaller copies: 480 px wide where the original is wider.
  const variants = width > 480 ? [{ width: 480, height: Math.round((height * 480) / width), url: `/api/v1/media/${id}?w=480` }] : []
  return { id, url: `/api/v1/media/${id}`, content_type: 'image/png', size: 1000, width, height, variants, created_at: '2026-01-01T00:00:00Z' }
}

// A tall poster, a square, a text without an image, and a landscape with a second image.
const poster = aContribution({ id: 'k1', title: 'Wave poster', media: [image('m1', 600, 1800)] })
const square = aContribution({ id: 'k2', title: 'Sun square', media: [image('m2', 800, 800)] })
const words = aContribution({ id: 'k3', title: 'Just words', body: 'No picture, only an idea.' })
const landscape = aContribution({ id: 'k4', title: 'Dune view', media: [image('m4', 1600, 900), image('m5', 900, 900)] })

function stub(overrides: CampaignOverrides, routes: Record<string, Handler> = {}) {
  return stubApi({
    'GET /api/v1/campaigns/summer-bottle': () => json(aCampaign(overrides)),
    'GET /api/v1/campaigns/c1/contributions': () => json(aPage([poster, square, words, landscape])),
    'GET /api/v1/campaigns/c1/leaderboard': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/points-leaderboard': () => json(aPage([])),
    ...routes,
  })
}

const gallery = async () => within(await screen.findByRole('region', { name: /^(Gallery|Galerie)$/ }))

describe('gallery cards', () => {
  it('frame every image at its own size, lazily, with the vote on the card', async () => {
    startSession(authResponse())
    stub(
      { phase: 'voting', rules: { voting_method: 'upvote' } },
      {
        'GET /api/v1/me': () => json(me),
        'GET /api/v1/me/organizations': () => json(aPage([])),
        'GET /api/v1/campaigns/c1/votes/me': () => json({ items: [], next_cursor: null, voting_method: 'upvote', remaining_budget: null, vote_budget: null }),
      },
    )
    renderRoute('/c/summer-bottle')
    const region = await gallery()

    const img = await region.findByRole('img', { name: 'Wave poster' })
    expect(img).toHaveAttribute('width', '600')
    expect(img).toHaveAttribute('height', '1800')
    expect(img).toHaveAttribute('loading', 'lazy')
    expect(img).toHaveAttribute('decoding', 'async')
    // A phone loads the server's 480 px copy, not the poster itself.
    expect(img).toHaveAttribute('srcset', '/api/v1/media/m1?w=480 480w, /api/v1/media/m1 600w')
    // The image is a button that opens the lightbox; the title links to the entry.
    expect(img.closest('button')).toHaveAccessibleName('Show “Wave poster” larger')
    const card = within(img.closest('article') as HTMLElement)
    expect(card.getByRole('link', { name: 'Wave poster' })).toHaveAttribute('href', '/contributions/k1')
    expect(card.getByRole('button', { name: 'Upvote' })).toBeVisible()

    // Without an image, a card keeps the image's place (drawn, not announced), so the rows line up.
    const text = region.getByRole('link', { name: 'Just words' }).closest('article') as HTMLElement
    expect(text.querySelector('.card-frame.empty')).toHaveAttribute('aria-hidden', 'true')
    expect(within(text).queryByRole('img')).toBeNull()
  })

  it('come shuffled while voting is open, on a seed that is the visitor’s, with the other orders to choose', async () => {
    const fake = stub({ phase: 'voting' })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')
    const region = await gallery()
    await region.findByRole('link', { name: 'Wave poster' })

    const order = region.getByRole('combobox', { name: 'Order' })
    expect(order).toHaveValue('random')
    const [first] = fake.sent('GET /api/v1/campaigns/c1/contributions')
    const query = new URL(first?.url ?? '').searchParams
    expect(query.get('sort')).toBe('random')
    expect(query.get('seed')).toBe(localStorage.getItem('schwarm.visitorId'))

    await user.selectOptions(order, 'new')
    await waitFor(() => expect(fake.sent('GET /api/v1/campaigns/c1/contributions')).toHaveLength(2))
    const second = new URL(fake.sent('GET /api/v1/campaigns/c1/contributions')[1]?.url ?? '').searchParams
    expect([second.get('sort'), second.get('seed')]).toEqual(['new', null])
  })

  it('come newest first outside voting, and mark the winners once the campaign has closed', async () => {
    const fake = stub(
      { phase: 'closed' },
      {
        'GET /api/v1/campaigns/c1/awards': () =>
          json([
            anAward({ id: 'a1', contribution_id: 'k2', contribution_title: 'Sun square', rank: 1, title: 'First prize' }),
            anAward({ id: 'a2', contribution_id: 'k4', contribution_title: 'Dune view', rank: 2, title: 'Second prize' }),
            anAward({ id: 'a3', contribution_id: 'k1', rank: 3, title: 'Third prize', status: 'cancelled' }),
          ]),
      },
    )
    renderRoute('/c/summer-bottle')
    const region = await gallery()

    await region.findByRole('link', { name: 'Sun square' })
    const card = (title: string) => within(region.getByRole('link', { name: title }).closest('article') as HTMLElement)
    expect(await card('Sun square').findByText('1st place · First prize')).toBeVisible()
    expect(card('Dune view').getByText('2nd place · Second prize')).toBeVisible()
    // A cancelled award is no win.
    expect(card('Wave poster').queryByText(/place/)).toBeNull()
    expect(new URL(fake.sent('GET /api/v1/campaigns/c1/contributions')[0]?.url ?? '').searchParams.get('sort')).toBe('new')

    await act(() => switchLanguage('de'))
    expect(card('Sun square').getByText('1. Platz · First prize')).toBeVisible()
  })
})

describe('the lightbox', () => {
  it('shows an entry’s image whole, goes through the entries with the arrow keys and closes on Esc (in German)', async () => {
    await switchLanguage('de')
    stub({ phase: 'voting' })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')
    const region = await gallery()

    const opener = await region.findByRole('button', { name: '„Sun square“ groß ansehen' })
    await user.click(opener)
    const dialog = await screen.findByRole('dialog', { name: 'Sun square' })
    const box = within(dialog)
    // Focus starts on "close", inside the dialog.
    expect(box.getByRole('button', { name: 'Schließen' })).toHaveFocus()
    expect(box.getByRole('img', { name: 'Sun square' })).toHaveAttribute('src', '/api/v1/media/m2')
    expect(box.getByText('Beitrag 2 von 3')).toBeVisible()
    expect(box.getByRole('link', { name: 'Zum Abstimmen anmelden' })).toBeVisible()

    // Right: the next entry with an image (the text-only one has none to show).
    await user.keyboard('[ArrowRight]')
    expect(box.getByRole('heading', { level: 2, name: 'Dune view' })).toBeVisible()
    expect(box.getByText('Beitrag 3 von 3')).toBeVisible()
    expect(box.getByRole('link', { name: 'Alle 2 Bilder auf der Seite des Beitrags ansehen' })).toHaveAttribute('href', '/contributions/k4')
    // The last one: nothing further to the right.
    await user.keyboard('[ArrowRight]')
    expect(box.getByText('Beitrag 3 von 3')).toBeVisible()
    expect(box.getByRole('button', { name: 'Nächster Beitrag' })).toHaveAttribute('aria-disabled', 'true')
    await user.keyboard('[ArrowLeft][ArrowLeft]')
    expect(box.getByRole('heading', { level: 2, name: 'Wave poster' })).toBeVisible()
    expect(box.getByRole('button', { name: 'Vorheriger Beitrag' })).toHaveAttribute('aria-disabled', 'true')
    await user.click(box.getByRole('button', { name: 'Nächster Beitrag' }))
    expect(box.getByRole('heading', { level: 2, name: 'Sun square' })).toBeVisible()

    // Tab stays inside: from the last control round to the first.
    act(() => box.getByRole('button', { name: 'Nächster Beitrag' }).focus())
    await user.tab()
    expect(box.getByRole('button', { name: 'Schließen' })).toHaveFocus()
    await user.tab({ shift: true })
    expect(box.getByRole('button', { name: 'Nächster Beitrag' })).toHaveFocus()

    // Esc closes, and focus returns to the card of the entry last shown.
    await user.keyboard('[Escape]')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(region.getByRole('button', { name: '„Sun square“ groß ansehen' })).toHaveFocus()

    // The close button does too.
    await user.click(region.getByRole('button', { name: '„Dune view“ groß ansehen' }))
    await user.click(within(await screen.findByRole('dialog', { name: 'Dune view' })).getByRole('button', { name: 'Schließen' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(region.getByRole('button', { name: '„Dune view“ groß ansehen' })).toHaveFocus()
  })
})
