import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, me, problem, stubApi } from '../../test/fakeApi'
import { aCampaign, aContribution, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The page loads lazily: imported up front, so its first load does not eat a query's wait.
import './ModerationQueuePage'

const contribution = aContribution({ status: 'submitted', authors: [] })

it('asks for the reason the API requires to reject, then records the decision', async () => {
  startSession(authResponse())
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(aCampaign()),
    'GET /api/v1/campaigns/c1/moderation-queue': () => json(aPage([{ contribution, report_count: 0 }])),
    'POST /api/v1/contributions/k1/moderation': async (request) => {
      const body = await request.json()
      return body.reason
        ? json({ ...contribution, status: 'rejected', moderation_reason: body.reason })
        : problem(422, 'Unprocessable Entity', 'invalid fields: reason', [
            { field: 'reason', message: 'say why: the authors will see it' },
          ])
    },
  })
  const user = userEvent.setup()
  renderRoute('/c/summer-bottle/moderation?view=approval')
  const item = within(await screen.findByRole('form', { name: 'Decision on “Wave bottle”' }))
  expect(screen.getByRole('tab', { name: 'Waiting for approval' })).toHaveAttribute('aria-selected', 'true')

  await user.click(item.getByRole('button', { name: 'Reject' }))

  const reason = await item.findByRole('textbox', { name: /^Reason/ })
  await item.findByText('say why: the authors will see it')
  expect(reason).toHaveAttribute('aria-invalid', 'true')
  expect(reason).toHaveFocus()

  await user.type(reason, 'Copies another entry')
  await user.click(item.getByRole('button', { name: 'Reject' }))

  expect(await item.findByRole('status')).toHaveTextContent('Rejected.')
  expect(await fake.sent('POST /api/v1/contributions/k1/moderation')[1].json()).toEqual({
    decision: 'reject',
    reason: 'Copies another entry',
  })
})

it('lists only the entries waiting for approval: reported public ones are on the desk', async () => {
  startSession(authResponse())
  stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(aCampaign()),
    'GET /api/v1/campaigns/c1/moderation-queue': () =>
      json(
        aPage([
          { contribution: aContribution({ id: 'k2', title: 'Loud bottle' }), report_count: 3 },
          { contribution, report_count: 0 },
        ]),
      ),
  })
  renderRoute('/c/summer-bottle/moderation?view=approval')

  expect(await screen.findByRole('heading', { level: 2, name: 'Wave bottle' })).toBeVisible()
  expect(screen.queryByText('Loud bottle')).toBeNull()
})

it('says when the entry changed meanwhile, and shows it as it stands now', async () => {
  startSession(authResponse())
  let queue = [{ contribution, report_count: 0 }]
  stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(aCampaign()),
    'GET /api/v1/campaigns/c1/moderation-queue': () => json(aPage(queue)),
    'POST /api/v1/contributions/k1/moderation': () => {
      // Its authors edited it first: it waits again, with its new title.
      queue = [{ contribution: { ...contribution, title: 'Wave bottle, second try' }, report_count: 0 }]
      return problem(409, 'Conflict', 'the contribution changed meanwhile', undefined, 'conflict.changed_meanwhile')
    },
  })
  const user = userEvent.setup()
  renderRoute('/c/summer-bottle/moderation?view=approval')
  const item = within(await screen.findByRole('form', { name: 'Decision on “Wave bottle”' }))

  await user.click(item.getByRole('button', { name: 'Approve' }))

  expect(await item.findByRole('alert')).toHaveTextContent('This entry changed while you were deciding')
  expect(await screen.findByRole('heading', { level: 2, name: 'Wave bottle, second try' })).toBeVisible()
})
