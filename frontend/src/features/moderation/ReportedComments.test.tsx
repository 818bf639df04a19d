import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, me, stubApi } from '../../test/fakeApi'
import { aCampaign, aComment, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const reported = aComment({ body: 'Buy cheap watches' })

it('lists reported comments with their count and deletes one', async () => {
  startSession(authResponse())
  let deleted = false
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(aCampaign()),
    'GET /api/v1/campaigns/c1/moderation-queue': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/reported-comments': () => json(aPage(deleted ? [] : [{ comment: reported, report_count: 3 }])),
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
