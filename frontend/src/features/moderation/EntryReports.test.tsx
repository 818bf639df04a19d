import { screen, within } from '@testing-library/react'
import { expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, me, stubApi } from '../../test/fakeApi'
import { aCampaign, aContribution, aDeskReport, anOrganization, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

it('shows its moderators the reports on an entry, open and settled, beside the moderation log', async () => {
  startSession(authResponse())
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/organizations': () => json(aPage([{ organization: anOrganization(), role: 'moderator' }])),
    'GET /api/v1/organizations/acme/members': () =>
      json(aPage([{ user_id: 'u9', display_name: 'Olga', role: 'owner', joined_at: '2026-01-01T00:00:00Z' }])),
    'GET /api/v1/contributions/k1': () => json(aContribution()),
    'GET /api/v1/campaigns/c1': () => json(aCampaign()),
    'GET /api/v1/contributions/k1/comments': () => json(aPage([])),
    'GET /api/v1/contributions/k1/moderation': () => json([]),
    'GET /api/v1/campaigns/c1/reports': (request) => {
      const query = new URL(request.url).searchParams
      expect(query.get('target_id')).toBe('k1')
      return query.get('status') === 'resolved'
        ? json(
            aPage([
              aDeskReport({
                id: 'r1',
                category: 'off_brief',
                reason: 'Not a bottle',
                resolution: 'keep',
                resolution_reason: 'It is a bottle, seen from above',
                resolved_by: 'u9',
                resolved_at: '2026-01-04T10:00:00Z',
              }),
            ]),
          )
        : json(aPage([aDeskReport({ id: 'r2', category: 'copyright', reason: 'Copied from a shop', reporter_display_name: 'Dan' })]))
    },
  })
  renderRoute('/contributions/k1')

  const section = within(await screen.findByRole('region', { name: 'Reports on this entry' }))
  const open = within(await section.findByRole('list', { name: 'Open reports' }))
  expect(open.getByText('Copyright')).toBeVisible()
  expect(open.getByText('Copied from a shop')).toBeVisible()
  expect(section.getByRole('link', { name: 'Decide on the moderation desk' })).toHaveAttribute('href', '/c/summer-bottle/moderation')

  expect(await section.findByText(/^Kept by Olga on .*2026/)).toBeVisible()
  expect(section.getByText('Reason: It is a bottle, seen from above')).toBeVisible()
  expect(within(section.getByRole('list', { name: 'Settled reports' })).getByText('Not a bottle')).toBeVisible()
  // Headings in order: the page's h1, the sections' h2, their parts' h3.
  expect(section.getAllByRole('heading').map((heading) => heading.tagName)).toEqual(['H2', 'H3', 'H3'])
  expect(await screen.findByRole('region', { name: 'Moderation log' })).toBeVisible()
  expect(fake.sent('GET /api/v1/campaigns/c1/reports')).toHaveLength(2)
})
