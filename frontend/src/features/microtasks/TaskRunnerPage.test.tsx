import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aClaim, aPage, aTask, aTaskSettings } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead, so that its first load on a
// busy machine does not eat the time a test waits for the page (see the README).
import './TaskRunnerPage'

type Claim = Schemas['ClaimResponse']
type AnswerForm = Schemas['AnswerForm']

const microtask = aCampaign({ kind: 'microtask' })

/** `POST .../tasks/next` handing out these claims in turn, then 204: finished. */
function handOut(...claims: Claim[]): Handler {
  let next = 0
  return () => (next < claims.length ? json(claims[next++], 201) : new Response(null, { status: 204 }))
}

function runnerApi(routes: Record<string, Handler> = {}) {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/organizations': () => json(aPage([])),
    'GET /api/v1/campaigns/summer-bottle': () => json(microtask),
    'GET /api/v1/campaigns/c1/task-settings': () => json(aTaskSettings()),
    // No lease held from before: the runner claims a new task.
    'GET /api/v1/me/claims': () => json(aPage([])),
    ...routes,
  })
}

/** A claim whose task asks `form`'s question. */
function claimWith(form: AnswerForm, overrides: Partial<Claim> = {}): Claim {
  return aClaim({ answer_form: form, ...overrides })
}

const second = aClaim({ id: 'cl2', task: aTask({ id: 'tk2', payload: { text: 'Another photo' } }) })

async function answerSent(fake: ReturnType<typeof stubApi>, claimId = 'cl1'): Promise<unknown> {
  await waitFor(() => expect(fake.sent(`POST /api/v1/claims/${claimId}/submission`)).toHaveLength(1))
  return fake.sent(`POST /api/v1/claims/${claimId}/submission`)[0].json()
}

describe('the task runner', () => {
  beforeEach(() => {
    // Only the clock is fixed (the lease runs 12:00 to 12:15); timers still run.
    vi.useFakeTimers({ now: new Date('2030-06-10T12:00:00Z'), toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows the task, its instructions, the lease and my standing, and answers a single choice with the keys', async () => {
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': handOut(aClaim(), second),
      'POST /api/v1/claims/cl1/submission': () => json(aClaim({ status: 'submitted', answer: 'dog' })),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')

    expect(await screen.findByRole('heading', { level: 1, name: 'Work on “Summer bottle”' })).toBeVisible()
    const task = within(await screen.findByRole('article', { name: 'Task' }))
    expect(task.getByText('closely', { selector: 'strong' })).toBeVisible()
    expect(task.getByText('A photo from the zoo')).toBeVisible()
    expect(task.getByRole('img', { name: 'The task’s image' })).toHaveAttribute('src', '/api/v1/media/m1')
    expect(task.getByRole('timer')).toHaveTextContent('Time left: 15:00')
    const question = within(task.getByRole('group', { name: 'Which animal is it?' }))
    expect(question.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual(['cat', 'dog', 'fox'])
    expect(question.getByRole('radio', { name: 'Dog' })).toBeVisible()
    expect(task.getByText('Keys: 1–9 choose an option · Enter sends · S skips')).toBeVisible()
    const standing = within(await screen.findByRole('region', { name: 'Your standing' }))
    expect(standing.getByText('Approved').nextElementSibling).toHaveTextContent('5')
    expect(standing.getByText('Points').nextElementSibling).toHaveTextContent('50')
    expect(standing.getByText('Gold accuracy').nextElementSibling).toHaveTextContent('80% of 5')

    await user.keyboard('2')
    expect(question.getByRole('radio', { name: 'Dog' })).toBeChecked()
    await user.keyboard('{Enter}')

    expect(await answerSent(fake)).toEqual({ answer: 'dog' })
    // The next task comes at once, with focus on it, and the status line says what became of the answer.
    expect(await screen.findByText('Another photo')).toBeVisible()
    expect(screen.getByRole('heading', { name: 'Task' })).toHaveFocus()
    expect(screen.getByText('Answer sent: it waits for review.')).toBeVisible()
    expect(fake.sent('POST /api/v1/campaigns/c1/tasks/next')).toHaveLength(2)
    // Enter sent the answer once, not also as the form's own submit.
    expect(fake.sent('POST /api/v1/claims/cl1/submission')).toHaveLength(1)
  })

  it('sends the option chosen by its key when Enter follows at once, before the page has settled', async () => {
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': handOut(aClaim(), second),
      'POST /api/v1/claims/cl1/submission': () => json(aClaim({ status: 'submitted', answer: 'fox' })),
    })
    renderRoute('/c/summer-bottle/work')
    const question = within(await screen.findByRole('group', { name: 'Which animal is it?' }))

    // Plain key presses, outside act(), as fast as a browser delivers them: the option's key
    // re-renders the page, and Enter comes before any effect of that render would have run.
    const press = (key: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
    press('3')
    // The re-render is there after a turn of the event loop; a frame later than that its effects run.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(question.getByRole('radio', { name: 'Fox' })).toBeChecked()
    press('Enter')

    expect(await answerSent(fake)).toEqual({ answer: 'fox' })
  })

  it('answers a multiple choice within its limits', async () => {
    const form: AnswerForm = { ...aTaskSettings().answer_form, kind: 'multiple_choice', min_choices: 1, max_choices: 2 } as AnswerForm
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': handOut(claimWith(form)),
      'POST /api/v1/claims/cl1/submission': () => json(aClaim({ status: 'submitted' })),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')
    const question = within(await screen.findByRole('group', { name: 'Which animal is it?' }))
    expect(question.getByText('Choose 1 to 2.')).toBeVisible()

    await user.click(screen.getByRole('button', { name: 'Send answer' }))
    expect(await question.findByText('Choose 1 to 2 options.')).toBeVisible()
    expect(fake.sent('POST /api/v1/claims/cl1/submission')).toHaveLength(0)

    // The keys toggle options; picked out of order, they are sent in the form's order.
    await user.click(question.getByRole('checkbox', { name: 'Fox' }))
    await user.keyboard('1')
    expect(question.getByRole('checkbox', { name: 'Cat' })).toBeChecked()
    await user.click(screen.getByRole('button', { name: 'Send answer' }))

    expect(await answerSent(fake)).toEqual({ answer: ['cat', 'fox'] })
  })

  it('answers in words, where S is a letter and not a skip', async () => {
    const form: AnswerForm = { kind: 'text', question: 'What does the sign say?', max_length: 40 }
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': handOut(claimWith(form)),
      'POST /api/v1/claims/cl1/submission': () => json(aClaim({ status: 'submitted' })),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')
    const text = await screen.findByRole('textbox', { name: 'What does the sign say?' })
    expect(screen.getByText('Keys: Ctrl+Enter sends from the text field · S skips (outside the text field)')).toBeVisible()

    await user.type(text, '  Sea lions  ')
    expect(text).toHaveAccessibleDescription('Up to 40 characters; 27 left.')
    await user.keyboard('{Control>}{Enter}{/Control}')

    expect(await answerSent(fake)).toEqual({ answer: 'Sea lions' })
    expect(fake.sent('PATCH /api/v1/claims/cl1')).toHaveLength(0)
  })

  it('answers a number, checking the form’s kind and range first', async () => {
    const form: AnswerForm = { kind: 'number', question: 'How many birds?', min: 0, max: 100, integer: true }
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': handOut(claimWith(form)),
      'POST /api/v1/claims/cl1/submission': () => json(aClaim({ status: 'submitted' })),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')
    const number = await screen.findByRole('textbox', { name: 'How many birds?' })
    expect(number).toHaveAccessibleDescription('A whole number. From 0 to 100.')

    await user.type(number, '2,5{Enter}')
    await waitFor(() => expect(number).toHaveAccessibleDescription(/Enter a whole number\./))
    expect(number).toHaveFocus()
    await user.clear(number)
    await user.type(number, '120{Enter}')
    await waitFor(() => expect(number).toHaveAccessibleDescription(/Enter a number from 0 to 100\./))
    expect(fake.sent('POST /api/v1/claims/cl1/submission')).toHaveLength(0)

    await user.clear(number)
    await user.type(number, '42{Enter}')

    expect(await answerSent(fake)).toEqual({ answer: 42 })
    expect(await screen.findByText('You’re finished: no tasks left for you. Thank you!')).toBeVisible()
    expect(fake.sent('POST /api/v1/claims/cl1/submission')).toHaveLength(1)
  })

  it('draws a rectangle on the image with a pointer and sends it as fractions of the image', async () => {
    const form: AnswerForm = { kind: 'rectangle', question: 'Where is the bottle?' }
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': handOut(claimWith(form)),
      'POST /api/v1/claims/cl1/submission': () => json(aClaim({ status: 'submitted' })),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')
    const area = await screen.findByRole('group', { name: 'Drawing area: Where is the bottle?' })
    // jsdom lays nothing out: the image is 200 x 100 pixels, 10 px from the left, 50 px from the top.
    area.getBoundingClientRect = () => DOMRect.fromRect({ x: 10, y: 50, width: 200, height: 100 })
    expect(within(area).getByRole('img', { name: 'The task’s image' })).toHaveAttribute('src', '/api/v1/media/m1')
    // The image is the question's: it is not shown a second time above it.
    expect(screen.getAllByRole('img', { name: 'The task’s image' })).toHaveLength(1)

    await user.click(screen.getByRole('button', { name: 'Send answer' }))
    expect(await screen.findByText('Draw a box on the image.')).toBeVisible()

    fireEvent.pointerDown(area, { pointerId: 1, pointerType: 'mouse', button: 0, clientX: 130, clientY: 90 })
    fireEvent.pointerMove(area, { pointerId: 1, pointerType: 'mouse', clientX: 80, clientY: 110 })
    fireEvent.pointerMove(area, { pointerId: 1, pointerType: 'mouse', clientX: 30, clientY: 70 })
    fireEvent.pointerUp(area, { pointerId: 1, pointerType: 'mouse', clientX: 30, clientY: 70 })

    expect(area).toHaveAccessibleDescription(/^Box: 10% from the left, 20% from the top, 50% wide, 20% tall\./)
    await user.click(screen.getByRole('button', { name: 'Send answer' }))

    expect(await answerSent(fake)).toEqual({ answer: { x: 0.1, y: 0.2, width: 0.5, height: 0.2 } })
  })

  it('moves and resizes the box with the keyboard', async () => {
    const form: AnswerForm = { kind: 'rectangle', question: 'Where is the bottle?' }
    runnerApi({ 'POST /api/v1/campaigns/c1/tasks/next': handOut(claimWith(form)) })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')
    const area = await screen.findByRole('group', { name: 'Drawing area: Where is the bottle?' })

    area.focus()
    await user.keyboard('{ArrowRight}{ArrowRight}{Shift>}{ArrowDown}{/Shift}')

    expect(area).toHaveAccessibleDescription(/^Box: 27% from the left, 25% from the top, 50% wide, 52% tall\./)
    await user.keyboard('{Delete}')
    expect(area).toHaveAccessibleDescription(/^No box drawn yet\./)
  })

  it('skips a task with S: the lease is given back and the next task comes', async () => {
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': handOut(aClaim(), second),
      'PATCH /api/v1/claims/cl1': () => json(aClaim({ status: 'released' })),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')
    await screen.findByText('A photo from the zoo')

    await user.keyboard('s')

    expect(await screen.findByText('Another photo')).toBeVisible()
    expect(await fake.sent('PATCH /api/v1/claims/cl1')[0].json()).toEqual({ action: 'release' })
    expect(screen.getByText('Task skipped.')).toBeVisible()
    expect(fake.sent('POST /api/v1/claims/cl1/submission')).toHaveLength(0)
  })

  it('extends the lease and counts down to the new end', async () => {
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': handOut(aClaim()),
      'PATCH /api/v1/claims/cl1': () => json(aClaim({ lease_expires_at: '2030-06-10T12:30:00Z' })),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')
    const timer = await screen.findByRole('timer')
    expect(timer).toHaveTextContent('Time left: 15:00')

    await user.click(screen.getByRole('button', { name: 'More time' }))

    await waitFor(() => expect(fake.sent('PATCH /api/v1/claims/cl1')).toHaveLength(1))
    expect(await fake.sent('PATCH /api/v1/claims/cl1')[0].json()).toEqual({ action: 'extend' })
    await waitFor(() => expect(screen.getByRole('timer')).toHaveTextContent('Time left: 30:00'))
    expect(screen.getByText(/^You have more time: until /)).toBeVisible()
  })

  it('counts the lease down on the server’s clock, also when this browser’s clock is off', async () => {
    // The browser believes it is 11:50; the server claimed the task at 12:00, leased until 12:15.
    vi.setSystemTime(new Date('2030-06-10T11:50:00Z'))
    runnerApi({ 'POST /api/v1/campaigns/c1/tasks/next': handOut(aClaim()) })
    renderRoute('/c/summer-bottle/work')

    expect(await screen.findByRole('timer')).toHaveTextContent('Time left: 15:00')
  })

  it('offers the next task once the time ran out, without sending the answer', async () => {
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': handOut(aClaim({ lease_expires_at: '2030-06-10T11:59:00Z' }), second),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')

    expect(await screen.findByText('Your time for this task ran out, and it went back to the others.')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Send answer' })).toBeNull()
    await user.keyboard('{Enter}')
    await user.click(screen.getByRole('button', { name: 'Next task' }))

    expect(await screen.findByText('Another photo')).toBeVisible()
    expect(fake.sent('POST /api/v1/claims/cl1/submission')).toHaveLength(0)
  })

  it('picks up a task I still hold before claiming another', async () => {
    const fake = runnerApi({
      'GET /api/v1/me/claims': () => json(aPage([aClaim({ id: 'cl9', lease_expires_at: '2030-06-10T12:05:00Z' })])),
      'POST /api/v1/campaigns/c1/tasks/next': handOut(second),
    })
    renderRoute('/c/summer-bottle/work')

    expect(await screen.findByRole('timer')).toHaveTextContent('Time left: 5:00')
    const asked = new URL(fake.sent('GET /api/v1/me/claims')[0].url).searchParams
    expect([asked.get('campaign'), asked.get('status')]).toEqual(['c1', 'active'])
    expect(fake.sent('POST /api/v1/campaigns/c1/tasks/next')).toHaveLength(0)
  })

  it('says when I am finished: no tasks left for me', async () => {
    runnerApi({ 'POST /api/v1/campaigns/c1/tasks/next': () => new Response(null, { status: 204 }) })
    renderRoute('/c/summer-bottle/work')

    expect(await screen.findByText('You’re finished: no tasks left for you. Thank you!')).toBeVisible()
    expect(screen.getByRole('heading', { name: 'You’re finished' })).toBeVisible()
    expect(screen.getByRole('link', { name: 'See my work' })).toHaveAttribute('href', '/me/work')
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
  })

  it('says when others hold every task left, and tries again when asked', async () => {
    let calls = 0
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': () => {
        calls += 1
        return calls === 1 ? new Response(null, { status: 204, headers: { 'Retry-After': '120' } }) : json(aClaim(), 201)
      },
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')

    expect(
      await screen.findByText('All remaining tasks are being worked on by others; try again in 2 minutes.'),
    ).toBeVisible()
    expect(screen.queryByText(/You’re finished/)).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Try again' }))

    expect(await screen.findByText('A photo from the zoo')).toBeVisible()
    expect(fake.sent('POST /api/v1/campaigns/c1/tasks/next')).toHaveLength(2)
  })

  it('tells a paused worker why', async () => {
    runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': () =>
        json(
          {
            type: 'urn:schwarm:problem:worker.paused',
            title: 'Forbidden',
            status: 403,
            code: 'worker.paused',
            detail: 'you are paused in this campaign: Too many wrong gold answers',
            params: { reason: 'Too many wrong gold answers' },
          },
          403,
        ),
    })
    renderRoute('/c/summer-bottle/work')

    const paused = await screen.findByRole('region', { name: 'You are paused in this campaign' })
    expect(paused).toHaveTextContent('Reason: Too many wrong gold answers')
    expect(paused).toHaveTextContent('You cannot take new tasks here until the organisers let you continue.')
  })

  it('says in its own words when the API refuses the answer', async () => {
    const fake = runnerApi({
      'POST /api/v1/campaigns/c1/tasks/next': handOut(aClaim()),
      'POST /api/v1/claims/cl1/submission': () =>
        json(
          {
            type: 'urn:schwarm:problem:answer.invalid',
            title: 'Unprocessable Entity',
            status: 422,
            code: 'answer.invalid',
            errors: [{ field: 'answer', code: 'answer.invalid', message: 'one of the options’ values', params: { options: ['cat', 'dog'] } }],
          },
          422,
        ),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/work')
    const cat = await screen.findByRole('radio', { name: 'Cat' })

    await user.click(cat)
    await user.click(screen.getByRole('button', { name: 'Send answer' }))

    const question = screen.getByRole('group', { name: 'Which animal is it?' })
    await waitFor(() => expect(question).toHaveAccessibleDescription('Choose one of the options.'))
    await waitFor(() => expect(cat).toHaveFocus())
    expect(fake.sent('POST /api/v1/claims/cl1/submission')).toHaveLength(1)
  })
})
