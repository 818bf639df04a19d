import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, stubApi } from '../../test/fakeApi'
import { aCampaign } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

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
        new URL(request.url).searchParams.get('cursor') === 'page-2'
          ? json({ items: [campaign(3)], next_cursor: null })
          : json({ items: [campaign(1), campaign(2)], next_cursor: 'page-2' }),
    })
    renderRoute('/')
    expect(await screen.findByRole('link', { name: 'Campaign 1' })).toHaveAttribute('href', '/c/campaign-1')

    await userEvent.setup().click(screen.getByRole('button', { name: 'Load more' }))

    expect(await screen.findByRole('link', { name: 'Campaign 3' })).toBeVisible()
    expect(screen.getByRole('link', { name: 'Campaign 1' })).toBeVisible()
    expect(screen.getByText('That is all.')).toBeVisible()
    expect(fake.sent('GET /api/v1/campaigns')).toHaveLength(2)
  })

  it('names a crowdfunding campaign’s phase in funding terms, a contest’s in its own', async () => {
    stubApi({
      'GET /api/v1/campaigns': () =>
        json({
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
})
