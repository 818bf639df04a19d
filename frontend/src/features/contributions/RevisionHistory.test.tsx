import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { contributionKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import { i18n } from '../../i18n'
import { json, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aContribution, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

/** Published on the 2nd, edited since. */
const edited = aContribution({
  body: 'Now **blue**',
  published_at: '2026-01-02T00:00:00Z',
  updated_at: '2026-01-05T00:00:00Z',
})

function aRevision(overrides: Partial<Schemas['RevisionResponse']> = {}): Schemas['RevisionResponse'] {
  return {
    id: 'r1',
    title: 'Wave bottle',
    body: '',
    tags: [],
    media_ids: [],
    editor_id: 'u2',
    replaced_at: '2026-01-05T00:00:00Z',
    ...overrides,
  }
}

/** The contribution page of a visitor who is not signed in. */
function detailApi(contribution: Schemas['ContributionResponse'], routes: Record<string, Handler> = {}) {
  return stubApi({
    'GET /api/v1/contributions/k1': () => json(contribution),
    'GET /api/v1/campaigns/c1': () => json(aCampaign()),
    'GET /api/v1/contributions/k1/comments': () => json(aPage([])),
    ...routes,
  })
}

describe('revision history', () => {
  it('folds the earlier versions away, newest first, rendered safely, and loads older ones on request', async () => {
    const fake = detailApi(edited, {
      'GET /api/v1/contributions/k1/revisions': (request) =>
        new URL(request.url).searchParams.get('cursor') === 'page-2'
          ? json(aPage([aRevision({ id: 'r1', title: 'Wave', body: 'First <b>draft</b>', replaced_at: '2026-01-03T09:00:00Z' })]))
          : json(
              aPage(
                [
                  aRevision({ id: 'r3', title: 'Wave bottle (green)', body: 'Was **green**', tags: ['green', 'summer'] }),
                  aRevision({ id: 'r2', title: 'Wave bottle (teal)', body: 'Was teal', replaced_at: '2026-01-04T09:00:00Z' }),
                ],
                'page-2',
              ),
            ),
    })
    const user = userEvent.setup()
    renderRoute('/contributions/k1')

    const summary = await screen.findByText('Edited · more than 2 earlier versions')
    const versions = screen.getByRole('list', { name: 'Earlier versions, newest first' })
    // Folded away until the reader opens it.
    expect(versions).not.toBeVisible()
    await user.click(summary)
    expect(versions).toBeVisible()

    const items = within(versions).getAllByRole('article')
    expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual(['Wave bottle (green)', 'Wave bottle (teal)'])
    const newest = within(versions).getByRole('article', { name: 'Wave bottle (green)' })
    expect(newest).toHaveTextContent(/^Replaced /)
    // Markdown, as the entry's body.
    expect(within(newest).getByText('green', { selector: 'strong' })).toBeVisible()
    expect(within(within(newest).getByRole('list', { name: 'Tags' })).getAllByRole('listitem').map((tag) => tag.textContent)).toEqual([
      'green',
      'summer',
    ])
    expect(fake.sent('GET /api/v1/contributions/k1/revisions')).toHaveLength(1)
    expect(new URL(fake.sent('GET /api/v1/contributions/k1/revisions')[0].url).searchParams.get('limit')).toBe('20')

    await user.click(within(versions.parentElement as HTMLElement).getByRole('button', { name: 'Show older versions' }))

    const oldest = await within(versions).findByRole('article', { name: 'Wave' })
    // Raw HTML in a version is dropped, never rendered.
    expect(oldest.querySelector('b')).toBeNull()
    expect(oldest).toHaveTextContent('First draft')
    expect(screen.getByText('Edited · 3 earlier versions')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Show older versions' })).toBeNull()
    expect(new URL(fake.sent('GET /api/v1/contributions/k1/revisions')[1].url).searchParams.get('cursor')).toBe('page-2')
  })

  it('shows nothing when an edited entry has no earlier versions', async () => {
    const fake = detailApi(edited, { 'GET /api/v1/contributions/k1/revisions': () => json(aPage([])) })
    const { queryClient } = renderRoute('/contributions/k1')

    expect(await screen.findByRole('heading', { level: 1, name: 'Wave bottle' })).toBeVisible()
    await waitFor(() => expect(queryClient.getQueryState(contributionKeys.revisions('k1'))?.status).toBe('success'))
    expect(fake.sent('GET /api/v1/contributions/k1/revisions')).toHaveLength(1)
    expect(screen.queryByText(/^Edited/)).toBeNull()
    expect(screen.queryByRole('list', { name: 'Earlier versions, newest first' })).toBeNull()
  })

  it('does not ask for the history of an entry never edited since it was published', async () => {
    const fake = detailApi(aContribution({ published_at: '2026-01-01T00:00:00Z' }))
    renderRoute('/contributions/k1')

    expect(await screen.findByRole('heading', { level: 1, name: 'Wave bottle' })).toBeVisible()
    await screen.findByRole('region', { name: 'Comments' })
    expect(fake.sent('GET /api/v1/contributions/k1/revisions')).toHaveLength(0)
    expect(screen.queryByText(/^Edited/)).toBeNull()
  })

  it('speaks German', async () => {
    await i18n.changeLanguage('de')
    detailApi(edited, {
      'GET /api/v1/contributions/k1/revisions': () => json(aPage([aRevision({ id: 'r2' }), aRevision({ id: 'r1' })])),
    })
    renderRoute('/contributions/k1')

    expect(await screen.findByText('Bearbeitet · 2 frühere Fassungen')).toBeInTheDocument()
  })
})
