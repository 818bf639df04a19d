import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { stubXhr } from '../../test/fakeXhr'
import { aCampaign, anOrganization, aPage, aTask, aTaskProgress, aTaskSettings, aWorker } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead (see the README).
import './TaskDashboardPage'

const microtask = aCampaign({ kind: 'microtask' })

function dashboardApi(routes: Record<string, Handler> = {}, role: Schemas['Role'] = 'owner') {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/organizations': () => json(aPage([{ organization: anOrganization(), role }])),
    'GET /api/v1/campaigns/summer-bottle': () => json(microtask),
    'GET /api/v1/campaigns/c1/task-settings': () => json(aTaskSettings()),
    'GET /api/v1/campaigns/c1/tasks': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/claims': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/task-progress': () => json(aTaskProgress()),
    'GET /api/v1/campaigns/c1/workers': () => json(aPage([aWorker()])),
    ...routes,
  })
}

const notConfigured = () =>
  json({ type: 'urn:schwarm:problem:tasks.not_configured', title: 'Conflict', status: 409, code: 'tasks.not_configured' }, 409)

describe('the micro-task dashboard', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2030-06-11T12:00:00Z'), toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sets the question of a campaign that has none, with the API’s refusals next to their inputs', async () => {
    let attempt = 0
    const fake = dashboardApi({
      'GET /api/v1/campaigns/c1/task-settings': notConfigured,
      'PUT /api/v1/campaigns/c1/task-settings': () => {
        attempt += 1
        if (attempt === 1) {
          return json(
            {
              type: 'urn:schwarm:problem:answer_form.duplicate_option',
              title: 'Unprocessable Entity',
              status: 422,
              code: 'answer_form.duplicate_option',
              errors: [
                { field: 'answer_form.options[1].value', code: 'answer_form.duplicate_option', message: 'each option needs its own value' },
                { field: 'consensus_k', code: 'task_settings.consensus_k_missing', message: 'the consensus rule needs consensus_k' },
              ],
            },
            422,
          )
        }
        return json(aTaskSettings({ retirement: 'consensus', consensus_k: 3 }))
      },
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks')

    expect(await screen.findByRole('heading', { level: 1, name: 'Micro-tasks' })).toBeVisible()
    const panel = within(await screen.findByRole('tabpanel', { name: 'Question and rules' }))
    expect(panel.getByText('No question yet: set it, and then add tasks.')).toBeVisible()

    await user.click(panel.getByRole('textbox', { name: /^Question/ }))
    await user.paste('Which animal is it?')
    const first = within(panel.getByRole('group', { name: 'Option 1' }))
    const second = within(panel.getByRole('group', { name: 'Option 2' }))
    await user.type(first.getByRole('textbox', { name: /^Label/ }), 'Black cat')
    // The value follows the label until it is typed itself.
    expect(first.getByRole('textbox', { name: /^Value/ })).toHaveValue('black-cat')
    await user.type(second.getByRole('textbox', { name: /^Label/ }), 'Cat')
    const secondValue = second.getByRole('textbox', { name: /^Value/ })
    await user.clear(secondValue)
    await user.type(secondValue, 'black-cat')
    await user.click(panel.getByRole('radio', { name: 'On agreement' }))
    await user.click(panel.getByRole('button', { name: 'Save question and rules' }))

    await waitFor(() => expect(secondValue).toHaveAttribute('aria-invalid', 'true'))
    expect(secondValue).toHaveAccessibleDescription('Another option has this value already: each needs its own.')
    await waitFor(() => expect(secondValue).toHaveFocus())
    const k = panel.getByRole('spinbutton', { name: /^Agreeing answers needed/ })
    expect(k).toHaveAccessibleDescription('2 to 100. Say how many agreeing answers retire a task.')
    expect(await fake.sent('PUT /api/v1/campaigns/c1/task-settings')[0].json()).toEqual({
      answer_form: {
        kind: 'single_choice',
        question: 'Which animal is it?',
        options: [
          { value: 'black-cat', label: 'Black cat' },
          { value: 'black-cat', label: 'Cat' },
        ],
      },
      strategy: 'depth_first',
      lease_minutes: 60,
      review_delay_hours: 72,
      retirement: 'consensus',
      consensus_k: null,
      gold_rate_percent: 0,
      min_accuracy_percent: null,
      gold_min_answers: 3,
      rejection_guard_percent: 30,
    })

    await user.clear(secondValue)
    await user.type(secondValue, 'cat')
    await user.type(k, '3')
    await user.click(panel.getByRole('button', { name: 'Save question and rules' }))

    expect(await panel.findByText('The question and rules were saved.')).toBeVisible()
    const saved = (await fake.sent('PUT /api/v1/campaigns/c1/task-settings')[1].json()) as Schemas['TaskSettingsRequest']
    expect(saved.consensus_k).toBe(3)
    expect(saved.answer_form).toMatchObject({ options: [{ value: 'black-cat' }, { value: 'cat' }] })
  })

  it('shows a fixed question once answers are in, and still saves the rules', async () => {
    const fake = dashboardApi({
      'GET /api/v1/campaigns/c1/task-settings': () => json(aTaskSettings({ form_frozen: true })),
      'PUT /api/v1/campaigns/c1/task-settings': () => json(aTaskSettings({ form_frozen: true, lease_minutes: 30 })),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=settings')
    const panel = within(await screen.findByRole('tabpanel', { name: 'Question and rules' }))

    expect(panel.getByText('Answers are in, so the question can no longer change. The rules still can.')).toBeVisible()
    expect(panel.getByRole('textbox', { name: /^Question/ })).toBeDisabled()
    const lease = panel.getByRole('spinbutton', { name: /^Time per task/ })
    expect(lease).toBeEnabled()
    await user.clear(lease)
    await user.type(lease, '30')
    await user.click(panel.getByRole('button', { name: 'Save question and rules' }))

    expect(await panel.findByText('The question and rules were saved.')).toBeVisible()
    const sent = (await fake.sent('PUT /api/v1/campaigns/c1/task-settings')[0].json()) as Schemas['TaskSettingsRequest']
    expect(sent.lease_minutes).toBe(30)
    expect(sent.answer_form).toEqual(aTaskSettings().answer_form)
  })

  it('moves between the tabs with the arrow keys, and waits for the question before tasks', async () => {
    dashboardApi({ 'GET /api/v1/campaigns/c1/task-settings': notConfigured })
    const user = userEvent.setup()
    const { router } = renderRoute('/c/summer-bottle/tasks')
    const settings = await screen.findByRole('tab', { name: 'Question and rules', selected: true })

    settings.focus()
    await user.keyboard('{ArrowRight}')

    const tasks = screen.getByRole('tab', { name: 'Tasks', selected: true })
    expect(tasks).toHaveFocus()
    expect(await screen.findByRole('tabpanel', { name: 'Tasks' })).toHaveTextContent(
      'Set the question first (under “Question and rules”): tasks can be added once it is set.',
    )
    expect(router.state.location.search).toBe('?tab=tasks')
    await user.keyboard('{End}')
    expect(screen.getByRole('tab', { name: 'Quality and progress', selected: true })).toHaveFocus()
  })

  it('adds a gold task with its known answer', async () => {
    const fake = dashboardApi({ 'POST /api/v1/campaigns/c1/tasks': () => json(aTask({ id: 'tk9', gold: true }), 201) })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=tasks')
    const form = within(await screen.findByRole('form', { name: 'Add a task' }))

    await user.type(form.getByRole('textbox', { name: /^Text/ }), 'A fox in the snow')
    await user.type(form.getByRole('textbox', { name: /^Instructions/ }), 'Look at the ears.')
    const redundancy = form.getByRole('spinbutton', { name: /^Answers wanted/ })
    await user.clear(redundancy)
    await user.type(redundancy, '5')
    await user.click(form.getByRole('checkbox', { name: 'This is a gold task: I know the right answer' }))
    await user.click(form.getByRole('button', { name: 'Add task' }))
    expect(await form.findByText('Choose an option.')).toBeVisible()
    expect(fake.sent('POST /api/v1/campaigns/c1/tasks')).toHaveLength(0)

    await user.click(within(form.getByRole('group', { name: 'The right answer' })).getByRole('radio', { name: 'Fox' }))
    await user.click(form.getByRole('button', { name: 'Add task' }))

    expect(await form.findByText('The task was added.')).toBeVisible()
    expect(await fake.sent('POST /api/v1/campaigns/c1/tasks')[0].json()).toEqual({
      payload: { text: 'A fox in the snow', image: null, link: null },
      instructions: 'Look at the ears.',
      redundancy: 5,
      reward_points: 10,
      priority: 0,
      gold_answer: 'fox',
    })
    expect(form.getByRole('textbox', { name: /^Text/ })).toHaveValue('')
  })

  it('lists the tasks with their answers and results', async () => {
    const done = aTask({
      id: 'tk2',
      payload: { text: 'Two kittens' },
      state: 'retired',
      retired_reason: 'consensus',
      answers: 3,
      taken: 3,
      result: { answer: 'cat', agreement_percent: 67, agreeing: 2, answers: 3 },
    })
    const gold = aTask({ id: 'tk3', payload: { text: 'A known fox' }, gold: true, gold_answer: 'fox' })
    const fake = dashboardApi({ 'GET /api/v1/campaigns/c1/tasks': () => json(aPage([done, gold])) })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=tasks')

    const table = within(await screen.findByRole('table', { name: 'Tasks' }))
    expect(table.getByRole('row', { name: /Two kittens/ })).toHaveTextContent(
      'Two kittensRetiredRetired: enough answers agreed.3 of 3Cat67% agree100',
    )
    expect(table.getByRole('row', { name: /A known fox/ })).toHaveTextContent('A known fox GoldOpen0 of 31 held nowNone yet100')

    await user.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'Gold tasks')

    await waitFor(() => expect(fake.sent('GET /api/v1/campaigns/c1/tasks')).toHaveLength(2))
    expect(new URL(fake.sent('GET /api/v1/campaigns/c1/tasks')[1].url).searchParams.get('state')).toBe('gold')
  })

  it('imports a CSV file with its progress, and lists every bad row in the UI’s words', async () => {
    const sent = stubXhr()
    dashboardApi()
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=tasks')
    const form = within(await screen.findByRole('form', { name: 'Import tasks' }))

    await user.click(form.getByRole('button', { name: 'Import' }))
    expect(form.getByLabelText('CSV or JSON file')).toHaveAccessibleDescription('Choose a file first.')
    expect(sent).toHaveLength(0)

    const file = new File(['text,redundancy\nA cat,3\n'], 'tasks.csv', { type: 'text/csv' })
    await user.upload(form.getByLabelText('CSV or JSON file'), file)
    await user.click(form.getByRole('button', { name: 'Import' }))

    await waitFor(() => expect(sent).toHaveLength(1))
    const [xhr] = sent
    expect([xhr.method, new URL(xhr.url).pathname]).toEqual(['POST', '/api/v1/campaigns/c1/tasks/import'])
    expect(xhr.headers['Content-Type']).toBe('text/csv')
    expect(xhr.headers.Authorization).toBe('Bearer access-1')
    expect(xhr.body as unknown).toBe(file)

    xhr.progress(40, 100)
    expect(await form.findByText('Uploading the file…')).toBeVisible()
    expect(form.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('value', '40')
    xhr.progress(100, 100)
    expect(await form.findByText('Checking the rows…')).toBeVisible()
    xhr.respond(422, {
      type: 'urn:schwarm:problem:field.range',
      title: 'Unprocessable Entity',
      status: 422,
      code: 'field.range',
      errors: [
        { field: 'tasks[41].redundancy', code: 'field.range', message: 'row 42: 1 to 100', params: { min: 1, max: 100, row: 42 } },
        { field: 'tasks[2].payload.image', code: 'task.image_unknown', message: 'not a media id', params: { row: 3 } },
        { field: 'tasks[2].gold_answer', code: 'answer.invalid', message: 'one of the options', params: { options: ['cat'], row: 3 } },
      ],
    })

    const alert = within(await form.findByRole('alert'))
    expect(alert.getByText('Nothing was imported. Fix these rows and import the file again:')).toBeVisible()
    const rows = alert.getAllByRole('row').slice(1)
    expect(rows.map((row) => row.textContent)).toEqual([
      '3payload.imageThis image is not known on this server: upload it again.',
      '3gold_answerChoose one of the options.',
      '42redundancyMust be from 1 to 100.',
    ])
    expect(form.queryByRole('progressbar')).toBeNull()
  })

  it('says what an import added', async () => {
    const sent = stubXhr()
    const fake = dashboardApi()
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=tasks')
    const form = within(await screen.findByRole('form', { name: 'Import tasks' }))
    await screen.findByText('No tasks yet. Add one above or import a file.')

    await user.upload(form.getByLabelText('CSV or JSON file'), new File(['{"tasks": []}'], 'tasks.json', { type: 'application/json' }))
    await user.click(form.getByRole('button', { name: 'Import' }))
    await waitFor(() => expect(sent).toHaveLength(1))
    expect(sent[0].headers['Content-Type']).toBe('application/json')
    sent[0].respond(201, { imported: 120, gold: 5, total: 320 })

    expect(await form.findByText('Done: 120 tasks added (5 gold). The campaign has 320 tasks now.')).toBeVisible()
    // The list is asked for again.
    await waitFor(() => expect(fake.sent('GET /api/v1/campaigns/c1/tasks')).toHaveLength(2))
  })

  it('explains an import the server cannot read', async () => {
    const sent = stubXhr()
    dashboardApi()
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=tasks')
    const form = within(await screen.findByRole('form', { name: 'Import tasks' }))

    await user.upload(form.getByLabelText('CSV or JSON file'), new File(['tekst\n'], 'tasks.csv', { type: 'text/csv' }))
    await user.click(form.getByRole('button', { name: 'Import' }))
    await waitFor(() => expect(sent).toHaveLength(1))
    sent[0].respond(422, {
      type: 'urn:schwarm:problem:import.unreadable',
      title: 'Unprocessable Entity',
      status: 422,
      code: 'import.unreadable',
      errors: [{ field: 'body', code: 'import.unreadable', message: 'unknown column `tekst`', params: { row: 0 } }],
    })

    expect(await form.findByRole('alert')).toHaveTextContent(
      'The header row cannot be read, or it names an unknown column. The columns are text, image, link, instructions, redundancy, reward_points, priority and gold_answer.',
    )
  })

  it('shows the progress against the close and the leaderboard, and pauses a worker only with a reason', async () => {
    const fake = dashboardApi({
      'PATCH /api/v1/campaigns/c1/workers/u2': () => json(aWorker({ paused: true, paused_reason: 'Guessing' })),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/tasks?tab=quality')

    const progress = within(await screen.findByRole('region', { name: 'Progress' }))
    const figure = (name: string) => progress.getAllByText(name, { selector: 'dt' })[0].nextElementSibling
    expect(await progress.findByText('Being worked on')).toBeVisible()
    expect(figure('Waiting for review')).toHaveTextContent('7')
    expect(figure('Answers per hour (average of the last 24 h)')).toHaveTextContent('12.5')
    expect(progress.getByText(/^At this pace the wanted answers are in by Jun 15, 2030.*: on track\.$/)).toBeVisible()
    expect(progress.getByRole('table', { name: 'Most approved answers' })).toHaveTextContent('Bea1212090% of 10')
    expect(progress.getByRole('button', { name: 'Download results CSV' })).toBeVisible()

    // The section, not the scrolling table inside it that has its name too.
    const workers = within(screen.getAllByRole('region', { name: 'Workers' })[0])
    const bea = await workers.findByRole('row', { name: /Bea/ })
    expect(bea).toHaveTextContent('Bea121312090% of 10Working')
    await user.click(within(bea).getByRole('button', { name: 'Pause' }))
    const form = within(workers.getByRole('form', { name: 'Pause Bea' }))
    await user.click(form.getByRole('button', { name: 'Pause worker' }))
    expect(form.getByRole('textbox', { name: /^Reason/ })).toHaveAccessibleDescription('Write why: the worker reads the reason.')
    expect(fake.sent('PATCH /api/v1/campaigns/c1/workers/u2')).toHaveLength(0)

    await user.type(form.getByRole('textbox', { name: /^Reason/ }), 'Guessing')
    await user.click(form.getByRole('button', { name: 'Pause worker' }))

    expect(await workers.findByText('Bea is paused.')).toBeVisible()
    expect(await fake.sent('PATCH /api/v1/campaigns/c1/workers/u2')[0].json()).toEqual({ paused: true, reason: 'Guessing' })
  })

  it('tells someone who does not manage the campaign that its tasks are not theirs', async () => {
    const fake = dashboardApi({}, 'moderator')
    renderRoute('/c/summer-bottle/tasks')

    expect(await screen.findByText('Only the owners and managers of this campaign’s organization manage its tasks.')).toBeVisible()
    expect(fake.sent('GET /api/v1/campaigns/c1/task-settings')).toHaveLength(0)
  })
})
