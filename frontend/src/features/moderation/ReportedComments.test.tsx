import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, me, stubApi } from '../../test/fakeApi'
import { renderRoute } from '../../test/renderRoute'

const reported = {
  id: 'm1',
  contribution_id: 'k1',
  author_id: 'u2',
  author_display_name: 'Bea',
  body: 'Buy cheap watches',
  parent_id: null,
  deleted_at: null,
  created_at: '2026-01-02T10:00:00Z',
}

it('lists reported comments with their count and deletes one', async () => {
  startSession(authResponse())
  let deleted = false
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json({ id: 'c1', slug: 'summer-bottle', title: 'Summer bottle' }),
    'GET /api/v1/campaigns/c1/moderation-queue': () => json({ items: [], next_cursor: null }),
    'GET /api/v1/campaigns/c1/reported-comments': () =>
      json({ items: deleted ? [] : [{ comment: reported, report_count: 3 }], next_cursor: null }),
    'DELETE /api/v1/comments/m1': () => {
      deleted = true
      return new Response(null, { status: 204 })
    },
  })
  const user = userEvent.setup()
  renderRoute('/c/summer-bottle/moderation')

  const section = within(await screen.findByRole('region', { name: 'Reported comments' }))
  expect(await section.findByText('Buy cheap watches')).toBeVisible()
  expect(section.getByText(/Reported 3 times/)).toBeVisible()
  expect(section.getByRole('link', { name: 'On this contribution' })).toHaveAttribute('href', '/contributions/k1')

  await user.click(section.getByRole('button', { name: 'Delete comment' }))
  await user.click(section.getByRole('button', { name: 'Yes, delete it' }))

  await waitFor(() => expect(fake.sent('DELETE /api/v1/comments/m1')).toHaveLength(1))
  expect(await section.findByText('No reported comments.')).toBeVisible()
})
