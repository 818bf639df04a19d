import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, me, problem, stubApi } from '../../test/fakeApi'
import { media } from '../../test/fakeXhr'
import { aCampaign, aComment, aContribution, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const campaign = aCampaign()

const contribution = aContribution({ media: [media('img1'), media('img2')] })

function comment(id: string, author: [string, string], body: string | null, parentId: string | null = null) {
  return aComment({
    id,
    author_id: author[0],
    author_display_name: author[1],
    body,
    parent_id: parentId,
    deleted_at: body === null ? '2026-01-03T00:00:00Z' : null,
  })
}

const bea: [string, string] = ['u2', 'Bea']
const ada: [string, string] = [me.id, 'Ada']
const cem: [string, string] = ['u3', 'Cem']

it('shows threads with replies and deleted comments, loads more, and lets people act on what they may', async () => {
  startSession(authResponse())
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/contributions/k1': () => json(contribution),
    'GET /api/v1/campaigns/c1': () => json(campaign),
    'GET /api/v1/contributions/k1/comments': (request) =>
      new URL(request.url).searchParams.get('cursor') === 'page-2'
        ? json(aPage([comment('m3', cem, null), comment('m4', bea, 'Still here', 'm3')]))
        : json(aPage([comment('m1', bea, 'Love <b>it</b>'), comment('m2', ada, 'Thanks!', 'm1')], 'page-2')),
  })
  const user = userEvent.setup()
  renderRoute('/contributions/k1')

  // The images, described by the contribution's title.
  expect(await screen.findByRole('img', { name: 'Wave bottle, image 1 of 2' })).toHaveAttribute('src', '/api/v1/media/img1')
  expect(screen.getByRole('img', { name: 'Wave bottle, image 2 of 2' })).toBeVisible()

  const thread = within(screen.getByRole('region', { name: 'Comments' }))
  const first = await thread.findByRole('article', { name: 'Bea' })
  // Plain text: markup in a comment is shown, never interpreted.
  expect(first).toHaveTextContent('Love <b>it</b>')
  expect(first.querySelector('b')).toBeNull()
  expect(within(first).getByRole('button', { name: 'Reply to Bea' })).toBeVisible()
  expect(within(first).queryByRole('button', { name: 'Delete' })).toBeNull()
  expect(within(first).getByRole('button', { name: 'Report the comment by Bea' })).toBeVisible()

  const replies = within(thread.getByRole('list', { name: 'Replies to Bea' }))
  const mine = replies.getByRole('article', { name: 'Ada' })
  expect(mine).toHaveTextContent('Thanks!')
  // My own reply: I may delete it, not report it, and replies take no replies.
  expect(within(mine).getByRole('button', { name: 'Delete' })).toBeVisible()
  expect(within(mine).queryByRole('button', { name: /Report/ })).toBeNull()
  expect(within(mine).queryByRole('button', { name: /Reply/ })).toBeNull()

  await user.click(thread.getByRole('button', { name: 'Load more' }))
  const gap = await thread.findByRole('article', { name: 'Comment deleted' })
  expect(gap).toHaveTextContent('Comment deleted')
  expect(within(gap).queryByRole('button')).toBeNull()
  expect(within(thread.getByRole('list', { name: 'Replies to Cem' })).getByText('Still here')).toBeVisible()
  expect(new URL(fake.sent('GET /api/v1/contributions/k1/comments')[1].url).searchParams.get('cursor')).toBe('page-2')
})

it('replies to a top-level comment with its id', async () => {
  startSession(authResponse())
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/contributions/k1': () => json(contribution),
    'GET /api/v1/campaigns/c1': () => json(campaign),
    'GET /api/v1/contributions/k1/comments': () => json(aPage([comment('m1', bea, 'Love it')])),
    'POST /api/v1/contributions/k1/comments': () => json(comment('m9', ada, 'Thanks', 'm1'), 201),
  })
  const user = userEvent.setup()
  renderRoute('/contributions/k1')

  await user.click(await screen.findByRole('button', { name: 'Reply to Bea' }))
  const box = screen.getByRole('textbox', { name: /^Your reply to Bea/ })
  expect(box).toHaveFocus()
  await user.type(box, 'Thanks')
  await user.click(screen.getByRole('button', { name: 'Post reply' }))

  await waitFor(() => expect(fake.sent('POST /api/v1/contributions/k1/comments')).toHaveLength(1))
  expect(await fake.sent('POST /api/v1/contributions/k1/comments')[0].json()).toEqual({ body: 'Thanks', parent_id: 'm1' })
})

it('says kindly that a comment was already reported (409)', async () => {
  startSession(authResponse())
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/contributions/k1': () => json(contribution),
    'GET /api/v1/campaigns/c1': () => json(campaign),
    'GET /api/v1/contributions/k1/comments': () => json(aPage([comment('m1', bea, 'Spam spam')])),
    'POST /api/v1/comments/m1/reports': () => problem(409, 'Conflict', 'you reported this comment already'),
  })
  const user = userEvent.setup()
  renderRoute('/contributions/k1')

  await user.click(await screen.findByRole('button', { name: 'Report the comment by Bea' }))
  await user.click(screen.getByRole('radio', { name: 'Spam' }))
  await user.type(screen.getByRole('textbox', { name: /^What is wrong with it/ }), 'Spam')
  await user.click(screen.getByRole('button', { name: 'Send report' }))

  expect(await screen.findByRole('status')).toHaveTextContent(
    'You have already reported this comment. The moderators will look at it.',
  )
  expect(screen.queryByRole('alert')).toBeNull()
  expect(await fake.sent('POST /api/v1/comments/m1/reports')[0].json()).toEqual({ category: 'spam', reason: 'Spam' })
})
