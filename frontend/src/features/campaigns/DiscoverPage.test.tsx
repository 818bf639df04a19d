import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { i18n } from '../../i18n'
import { json, stubApi } from '../../test/fakeApi'
import { aCampaign } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

/** The front page's "open now" and "closing soon" sections ask with a phase; the full list without. */
function featured(request: Request) {
  return new URL(request.url).searchParams.has('phase')
}

function campaign(n: number) {
  return aCampaign({ id: `c${n}`, slug: `campaign-${n}`, kind: 'idea', title: `Campaign ${n}`, summary: `Summary ${n}` })
}

describe('DiscoverPage', () => {
  it('offers to create a campaign when there is none', async () => {
    stubApi({ 'GET /api/v1/campaigns': () => json({ items: [], next_cursor: null }) })
    renderRoute('/')

    expect(await screen.findByText('No campaigns yet.')).toBeVisible()
    expect(screen.getByRole('link', { name: 'Organising a campaign? Create one.' })).toHaveAttribute('href', '/organizations')
  })

  it('loads the next page with the cursor and appends it', async () => {
    const fake = stubApi({
      'GET /api/v1/campaigns': (request) =>
        featured(request)
          ? json({ items: [], next_cursor: null })
          : new URL(request.url).searchParams.get('cursor') === 'page-2'
            ? json({ items: [campaign(3)], next_cursor: null })
            : json({ items: [campaign(1), campaign(2)], next_cursor: 'page-2' }),
    })
    renderRoute('/')
    expect(await screen.findByRole('link', { name: 'Campaign 1' })).toHaveAttribute('href', '/c/campaign-1')

    await userEvent.setup().click(screen.getByRole('button', { name: 'Load more' }))

    expect(await screen.findByRole('link', { name: 'Campaign 3' })).toBeVisible()
    expect(screen.getByRole('link', { name: 'Campaign 1' })).toBeVisible()
    expect(screen.getByText('That is all.')).toBeVisible()
    expect(fake.sent('GET /api/v1/campaigns').filter((request) => !featured(request))).toHaveLength(2)
  })

  it('names a crowdfunding campaign’s phase in funding terms, a contest’s in its own', async () => {
    stubApi({
      'GET /api/v1/campaigns': (request) =>
        featured(request)
          ? json({ items: [], next_cursor: null })
          : json({
              items: [
                aCampaign({ id: 'c1', slug: 'fund', kind: 'funding', title: 'Fund', phase: 'judging' }),
                aCampaign({ id: 'c2', slug: 'idea', kind: 'idea', title: 'Idea', phase: 'judging' }),
              ],
              next_cursor: null,
            }),
    })
    renderRoute('/')
    const card = async (title: string) => (await screen.findByRole('link', { name: title })).closest('article') as HTMLElement

    expect(await card('Fund')).toHaveTextContent('Funding ended')
    expect(await card('Idea')).toHaveTextContent('Judging')
  })

  it('sends the filters from the URL and keeps the form in step with them', async () => {
    const fake = stubApi({ 'GET /api/v1/campaigns': () => json({ items: [], next_cursor: null }) })
    const user = userEvent.setup()
    renderRoute('/?phase=voting')
    expect(await screen.findByText('No campaign matches these filters.')).toBeVisible()

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'bottle')
    await user.click(screen.getByRole('button', { name: 'Search' }))

    await screen.findByText('No campaign matches these filters.')
    const last = new URL(fake.requests.at(-1)?.url ?? '')
    expect(last.searchParams.get('phase')).toBe('voting')
    expect(last.searchParams.get('q')).toBe('bottle')
    expect(screen.getByRole('combobox', { name: 'Phase' })).toHaveValue('voting')
  })

  it('shows how it works, then the campaigns open now and closing soon with brand, prizes and deadline (in German)', async () => {
    await i18n.changeLanguage('de')
    const day = 86_400_000
    const at = (ms: number) => new Date(Date.now() + ms).toISOString()
    const fake = stubApi({
      'GET /api/v1/campaigns': (request) => {
        const params = new URL(request.url).searchParams
        if (params.get('phase') === 'submission') {
          return json({
            items: [
              aCampaign({
                id: 'c1',
                slug: 'bottle',
                title: 'Flasche für den Sommer',
                organization_name: 'Nordquell GmbH',
                cover_url: '/media/cover.png',
                prize_tiers: [
                  { rank_from: 1, rank_to: 1, amount_minor: 100_000, currency: 'EUR', title: 'Erster Preis' },
                  { rank_from: 2, rank_to: 3, amount_minor: 25_000, currency: 'EUR', title: 'Plätze 2–3' },
                ],
                schedule: {
                  submissions_open_at: at(-day),
                  submissions_close_at: at(3 * day + 3_600_000),
                  voting_open_at: at(4 * day),
                  voting_close_at: at(6 * day),
                },
              }),
            ],
            next_cursor: null,
          })
        }
        if (params.get('phase') === 'voting') {
          return json({
            items: [aCampaign({ id: 'c2', slug: 'logo', kind: 'idea', title: 'Logo-Ideen', phase: 'voting', organization_name: 'Bäckerei Korn' })],
            next_cursor: null,
          })
        }
        return json({ items: [], next_cursor: null })
      },
    })
    renderRoute('/')

    expect(screen.getByRole('heading', { level: 2, name: 'So funktioniert’s' })).toBeVisible()
    const open = await screen.findByRole('region', { name: 'Jetzt offen' })
    const card = (await within(open).findByRole('link', { name: 'Flasche für den Sommer' })).closest('article') as HTMLElement
    expect(card).toHaveTextContent('von Nordquell GmbH')
    // 1 × 1.000 € + 2 × 250 €
    expect(card).toHaveTextContent(/Preise im Wert von 1\.500,00\s€/)
    expect(card).toHaveTextContent('Einreichung endet in 3 Tagen')
    expect(within(card).getByRole('img', { name: /Flasche für den Sommer/ })).toHaveAttribute('loading', 'lazy')

    const closing = await screen.findByRole('region', { name: 'Endet bald' })
    const other = (await within(closing).findByRole('link', { name: 'Logo-Ideen' })).closest('article') as HTMLElement
    expect(other).toHaveTextContent('von Bäckerei Korn')
    expect(other).not.toHaveTextContent('Preise im Wert')

    const closingRequest = fake.sent('GET /api/v1/campaigns').map((request) => new URL(request.url).searchParams).find((params) => params.get('phase') === 'voting')
    expect(closingRequest?.get('sort')).toBe('closing_soon')
    expect(screen.getByRole('heading', { level: 2, name: 'Alle Kampagnen' })).toBeVisible()
  })
})
