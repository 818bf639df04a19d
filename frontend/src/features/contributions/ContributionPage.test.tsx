import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { json, stubApi } from '../../test/fakeApi'
import { aCampaign, aContribution, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

/** The contribution page of a visitor who is not signed in. */
function detailApi(contribution: Schemas['ContributionResponse']) {
  return stubApi({
    'GET /api/v1/contributions/k1': () => json(contribution),
    'GET /api/v1/campaigns/c1': () => json(aCampaign()),
    'GET /api/v1/contributions/k1/comments': () => json(aPage([])),
  })
}

/** How often `word` occurs in the page's main region. */
const occurrences = (word: string) => (screen.getByRole('main').textContent ?? '').split(word).length - 1

describe('contribution page', () => {
  it('says a published entry is published once, with its date, in English and German', async () => {
    detailApi(aContribution({ published_at: '2026-01-02T00:00:00Z' }))
    const { unmount } = renderRoute('/contributions/k1')
    await screen.findByRole('heading', { level: 1, name: 'Wave bottle' })
    expect(screen.getByText(/^Published .*2026$/)).toBeVisible()
    expect(occurrences('Published')).toBe(1)
    unmount()

    await switchLanguage('de')
    renderRoute('/contributions/k1')
    await screen.findByRole('heading', { level: 1, name: 'Wave bottle' })
    expect(screen.getByText(/^Veröffentlicht am .*2026$/)).toBeVisible()
    expect(occurrences('Veröffentlicht')).toBe(1)
  })

  it('names any other status beside the date it was published', async () => {
    detailApi(aContribution({ status: 'shortlisted', published_at: '2026-01-02T00:00:00Z' }))
    renderRoute('/contributions/k1')
    await screen.findByRole('heading', { level: 1, name: 'Wave bottle' })
    expect(screen.getByText('Shortlisted')).toHaveClass('badge')
    expect(screen.getByText(/^Published .*2026$/)).toBeVisible()
  })

  it('puts headings of the body below the entry’s title', async () => {
    detailApi(aContribution({ body: '# Idea\n\n## Material\n\n### Colour' }))
    renderRoute('/contributions/k1')
    expect(await screen.findByRole('heading', { level: 2, name: 'Idea' })).toBeVisible()
    expect(screen.getByRole('heading', { level: 3, name: 'Material' })).toBeVisible()
    expect(screen.getByRole('heading', { level: 4, name: 'Colour' })).toBeVisible()
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1)
  })
})
