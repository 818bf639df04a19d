import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aClaim, anOrganization, aPage, aTask, aTaskSettings } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead (see the README).
import './TaskDashboardPage'

const microtask = aCampaign({ kind: 'microtask' })

const answer = (id: string, name: string, workerId: string, overrides: Partial<Schemas['ClaimResponse']> = {}) =>
  aClaim({
    id,
    worker_id: workerId,
    worker_name: name,
    status: 'submitted',
    answer: 'dog',
    submitted_at: '2030-06-10T12:05:00Z',
    auto_approve_at: '2030-06-13T12:00:00Z',
    ...overrides,
  })

const bea = answer('cl1', 'Bea', 'u2')
const cleo = answer('cl2', 'Cleo', 'u3', { answer: 'fox' })
const dan = answer('cl3', 'Dan', 'u4', { answer: 'cat' })
const mine = answer('cl4', 'Ada', me.id)

function problemOf(status: number, code: string, params: Record<string, unknown> = {}) {
  return json({ type: `urn:schwarm:problem:${code}`, title: 'Conflict', status, code, params }, status)
}

function reviewApi(routes: Record<string, Handler> = {}, role: Schemas['Role'] = 'owner') {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/organizations': () => json(aPage([{ organization: anOrganization(), role }])),
    'GET /api/v1/campaigns/summer-bottle': () => json(microtask),
    'GET /api/v1/campaigns/c1/task-settings': () => json(aTaskSettings()),
    'GET /api/v1/campaigns/c1/claims': (request) =>
      new URL(request.url).searchParams.get('status') === 'rejected' ? json(aPage([])) : json(aPage([bea, cleo, dan, mine])),
    ...routes,
  })
}

/**
 * Lets a frame go by, as a slower answer would: Preact runs the effects of what rendered meanwhile,
 * and the cleanups of what left, after the paint.
 */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve)))

const item = async (name: string) => within(await screen.findByRole('article', { name: `Answer by ${name}` }))

async function reviewBodies(fake: ReturnType<typeof stubApi>, claimId: string, count: number): Promise<unknown[]> {
  await waitFor(() => expect(fake.sent(`POST /api/v1/claims/${claimId}/review`)).toHaveLength(count))
  return Promise.all(fake.sent(`POST /api/v1/claims/${claimId}/review`).map((request) => request.json()))
}

describe('the review queue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2030-06-11T12:00:00Z'), toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows each answer with its task, and approves one', async () => {
    const fake = reviewApi({ 'POST /api/v1/claims/cl1/review': () => json({ ...bea, status: 'approved', points: 10 }) })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=review')

    expect(await screen.findByRole('tab', { name: 'Review', selected: true })).toBeVisible()
    const first = await item('Bea')
    expect(first.getByText('A photo from the zoo')).toBeVisible()
    expect(first.getByText('Answer').nextElementSibling).toHaveTextContent('Dog')
    expect(first.getByText(/Approved automatically on Jun 13, 2030.* unless reviewed\./)).toBeVisible()
    // Nobody reviews their own answer.
    const own = await item('Ada')
    expect(own.getByText('This is your own answer: another manager reviews it.')).toBeVisible()
    expect(own.queryByRole('button', { name: 'Approve' })).toBeNull()

    await user.click(first.getByRole('button', { name: 'Approve' }))

    expect(await reviewBodies(fake, 'cl1', 1)).toEqual([{ decision: 'approved' }])
    expect(await screen.findByText('The answer by Bea was approved.')).toBeVisible()
    expect(screen.queryByRole('article', { name: 'Answer by Bea' })).toBeNull()
    // Focus moves on to the next answer.
    expect(screen.getByRole('heading', { name: 'Answer by Cleo' })).toHaveFocus()
  })

  it('says an answer was approved when the list reloaded without it while it was on its way', async () => {
    // The server's queue, and answers that come when the test says: the list asked for after
    // Bea's approval, and Cleo's approval.
    const reviewed = new Set<string>()
    let lists = 0
    let answerList = () => {}
    const listAsked = new Promise<void>((resolve) => {
      answerList = resolve
    })
    let answerCleo = () => {}
    const cleoAsked = new Promise<void>((resolve) => {
      answerCleo = resolve
    })
    reviewApi({
      'GET /api/v1/campaigns/c1/claims': async (request) => {
        if (new URL(request.url).searchParams.get('status') === 'rejected') return json(aPage([]))
        lists += 1
        if (lists === 2) await listAsked
        return json(aPage([bea, cleo, dan, mine].filter((claim) => !reviewed.has(claim.id))))
      },
      'POST /api/v1/claims/cl1/review': () => {
        reviewed.add('cl1')
        return json({ ...bea, status: 'approved' })
      },
      'POST /api/v1/claims/cl2/review': async () => {
        reviewed.add('cl2')
        await cleoAsked
        return json({ ...cleo, status: 'approved' })
      },
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=review')

    await user.click((await item('Bea')).getByRole('button', { name: 'Approve' }))
    expect(await screen.findByText('The answer by Bea was approved.')).toBeVisible()
    await user.click((await item('Cleo')).getByRole('button', { name: 'Approve' }))
    expect(await screen.findByRole('button', { name: 'Approving…' })).toBeDisabled()

    // The list asked for after Bea's approval arrives after Cleo's was made: Cleo's card goes.
    answerList()
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Answer by Cleo' })).toBeNull())
    await nextFrame()
    answerCleo()

    expect(await screen.findByText('The answer by Cleo was approved.')).toBeVisible()
    expect(screen.getByRole('heading', { name: 'Answer by Dan' })).toHaveFocus()
  })

  it('draws a rectangle answer on the task’s image', async () => {
    const boxed = answer('cl5', 'Eve', 'u5', {
      answer_form: { kind: 'rectangle', question: 'Where is the bottle?' },
      answer: { x: 0.25, y: 0.5, width: 0.5, height: 0.25 },
      task: aTask({ payload: { image: 'm2' }, image_url: '/api/v1/media/m2' }),
    })
    reviewApi({ 'GET /api/v1/campaigns/c1/claims': () => json(aPage([boxed])) })
    renderRoute('/c/summer-bottle/tasks?tab=review')

    const eve = await item('Eve')
    const figure = eve.getByRole('figure')
    expect(within(figure).getByRole('img', { name: 'The task’s image' })).toHaveAttribute('src', '/api/v1/media/m2')
    expect(figure).toHaveTextContent('Box: 25% from the left, 50% from the top, 50% wide, 25% tall.')
    const box = figure.querySelector<HTMLElement>('.rect-box')
    expect(box?.style).toMatchObject({ left: '25%', top: '50%', width: '50%', height: '25%' })
  })

  it('rejects only with a reason, which the worker reads', async () => {
    const fake = reviewApi({ 'POST /api/v1/claims/cl1/review': () => json({ ...bea, status: 'rejected' }) })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=review')
    const first = await item('Bea')

    await user.click(first.getByRole('button', { name: 'Reject' }))
    const reason = first.getByRole('textbox', { name: /^Reason \(the worker reads it\)/ })
    expect(reason).toHaveFocus()
    await user.click(first.getByRole('button', { name: 'Reject answer' }))

    expect(reason).toHaveAccessibleDescription('Write why: the worker reads the reason.')
    expect(reason).toHaveFocus()
    expect(fake.sent('POST /api/v1/claims/cl1/review')).toHaveLength(0)

    await user.type(reason, 'That is a fox.')
    await user.click(first.getByRole('button', { name: 'Reject answer' }))

    expect(await reviewBodies(fake, 'cl1', 1)).toEqual([{ decision: 'rejected', reason: 'That is a fox.' }])
    expect(await screen.findByText('The answer by Bea was rejected.')).toBeVisible()
  })

  it('lets an owner confirm a rejection above the campaign’s rejection guard', async () => {
    let attempts = 0
    const fake = reviewApi({
      'POST /api/v1/claims/cl1/review': () => {
        attempts += 1
        return attempts === 1
          ? problemOf(409, 'review.confirmation_required', { rejected: 8, reviews: 20, threshold_percent: 30 })
          : json({ ...bea, status: 'rejected' })
      },
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=review')
    const first = await item('Bea')
    await user.click(first.getByRole('button', { name: 'Reject' }))
    await user.type(first.getByRole('textbox', { name: /^Reason/ }), 'Wrong animal')
    await user.click(first.getByRole('button', { name: 'Reject answer' }))

    const alert = await first.findByRole('alert')
    expect(alert).toHaveTextContent('An owner must confirm this rejection')
    expect(alert).toHaveTextContent('8 of the 20 reviews in the last 24 hours were rejections, more than the 30 % this campaign allows without an owner.')
    await user.click(within(alert).getByRole('button', { name: 'Confirm as owner' }))

    expect(await reviewBodies(fake, 'cl1', 2)).toEqual([
      { decision: 'rejected', reason: 'Wrong animal' },
      { decision: 'rejected', reason: 'Wrong animal', confirm_mass_rejection: true },
    ])
    expect(await screen.findByText('The answer by Bea was rejected.')).toBeVisible()
  })

  it('asks a manager who is no owner to have an owner confirm', async () => {
    reviewApi(
      { 'POST /api/v1/claims/cl1/review': () => problemOf(409, 'review.confirmation_required', { rejected: 8, reviews: 20, threshold_percent: 30 }) },
      'manager',
    )
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=review')
    const first = await item('Bea')
    await user.click(first.getByRole('button', { name: 'Reject' }))
    await user.type(first.getByRole('textbox', { name: /^Reason/ }), 'Wrong animal')
    await user.click(first.getByRole('button', { name: 'Reject answer' }))

    const alert = await first.findByRole('alert')
    expect(alert).toHaveTextContent('Ask an owner of the organization to confirm it.')
    expect(within(alert).queryByRole('button', { name: 'Confirm as owner' })).toBeNull()
  })

  it('approves the selected answers one at a time after asking, and stops at the first refusal', async () => {
    // The first approval waits until the test lets it answer: meanwhile no second request may go out.
    let answerFirst = () => {}
    const firstAnswered = new Promise<void>((resolve) => {
      answerFirst = resolve
    })
    const fake = reviewApi({
      'POST /api/v1/claims/cl1/review': async () => {
        await firstAnswered
        return json({ ...bea, status: 'approved' })
      },
      'POST /api/v1/claims/cl2/review': () => problemOf(409, 'claim.transition', { from: 'approved', to: 'approved' }),
      'POST /api/v1/claims/cl3/review': () => json({ ...dan, status: 'approved' }),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=review')
    await item('Bea')
    expect(screen.getByRole('button', { name: 'Approve selected (0)' })).toBeDisabled()

    await user.click(screen.getByRole('checkbox', { name: 'Select all shown' }))
    // My own answer is not among them.
    expect(screen.getByRole('button', { name: 'Approve selected (3)' })).toBeEnabled()
    await user.click(screen.getByRole('checkbox', { name: 'Select the answer by Dan' }))
    expect(screen.getByRole('button', { name: 'Approve selected (2)' })).toBeEnabled()
    await user.click(screen.getByRole('checkbox', { name: 'Select the answer by Dan' }))
    await user.click(screen.getByRole('button', { name: 'Approve selected (3)' }))

    const dialog = screen.getByRole('alertdialog', { name: 'Approve 3 answers? Each worker is paid the task’s points.' })
    expect(within(dialog).getByRole('button', { name: 'Yes, approve 3' })).toHaveFocus()
    expect(fake.sent('POST /api/v1/claims/cl1/review')).toHaveLength(0)
    await user.click(within(dialog).getByRole('button', { name: 'Yes, approve 3' }))

    expect(await screen.findByText('Approving 1 of 3…')).toBeVisible()
    await waitFor(() => expect(fake.sent('POST /api/v1/claims/cl1/review')).toHaveLength(1))
    expect(fake.sent('POST /api/v1/claims/cl2/review')).toHaveLength(0)
    answerFirst()

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Stopped after 1 of 3: This task is no longer yours to answer: it was answered, given back, or its time ran out.',
    )
    expect(await reviewBodies(fake, 'cl1', 1)).toEqual([{ decision: 'approved' }])
    expect(fake.sent('POST /api/v1/claims/cl2/review')).toHaveLength(1)
    expect(fake.sent('POST /api/v1/claims/cl3/review')).toHaveLength(0)
    // The approved one left the queue; the others stay for another try.
    expect(screen.queryByRole('article', { name: 'Answer by Bea' })).toBeNull()
    expect(screen.getByRole('article', { name: 'Answer by Cleo' })).toBeVisible()
  })

  it('overturns a rejection within 30 days', async () => {
    const rejected = answer('cl6', 'Finn', 'u6', {
      status: 'rejected',
      review: { reviewed_at: '2030-06-10T13:00:00Z', automatic: false, reason: 'Blurry answer' },
      overturnable_until: '2030-07-10T13:00:00Z',
    })
    const old = answer('cl7', 'Gus', 'u7', {
      status: 'rejected',
      review: { reviewed_at: '2030-05-01T13:00:00Z', automatic: false, reason: 'Off' },
      overturnable_until: '2030-05-31T13:00:00Z',
    })
    const fake = reviewApi({
      'GET /api/v1/campaigns/c1/claims': (request) =>
        new URL(request.url).searchParams.get('status') === 'rejected' ? json(aPage([rejected, old])) : json(aPage([])),
      'POST /api/v1/claims/cl6/review': () => json({ ...rejected, status: 'approved' }),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=review')
    expect(await screen.findByText('Nothing to review: every answer has been reviewed.')).toBeVisible()

    await user.click(screen.getByRole('button', { name: 'Rejected', pressed: false }))

    const finn = await item('Finn')
    expect(finn.getByText('Reason: Blurry answer')).toBeVisible()
    expect(finn.getByText(/^Can be overturned until Jul 10, 2030/)).toBeVisible()
    expect((await item('Gus')).getByText('The 30 days to overturn this rejection have passed.')).toBeVisible()
    expect((await item('Gus')).queryByRole('button', { name: 'Overturn (approve)' })).toBeNull()

    await user.click(finn.getByRole('button', { name: 'Overturn (approve)' }))

    expect(await reviewBodies(fake, 'cl6', 1)).toEqual([{ decision: 'approved' }])
    expect(await screen.findByText('The rejection of Finn’s answer was overturned: it is approved.')).toBeVisible()
  })
})
