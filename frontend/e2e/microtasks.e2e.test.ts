// Micro-tasking end to end, against the real server and its domain clock (TEST_CLOCK_FILE): an
// organiser sets up (through the API) a "cat or dog?" campaign with one-minute leases and imports
// 500 image tasks from a CSV file on the dashboard. On phones, Ann (English) answers four tasks
// with keys and clicks and leaves the fifth open; the clock moves past her lease and the sweep
// gives it back. Jonas (German) then gets Ann's first tasks (depth first) and agrees, so three
// retire with "cat". The organiser rejects one answer with a reason, which Ann reads in My work,
// approves the rest in bulk and overturns the rejection. Progress, points, task results, the
// results CSV and the dashboard's figures all match a hand count.
//
// Needs the server started with TEST_CLOCK_FILE=<file> (the same one here): the test stops the
// server's clock at its start and moves it two minutes on, past Ann's lease; it empties the file
// afterwards so the clock runs again. The server sweeps leases every MICROTASKS_SWEEP_INTERVAL_MS
// (15 s by default): the test waits up to 40 s for the sweep.
import { writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { must, registeredApi, signedInApi, uploadPng } from './api.ts'
import { collectPageErrors, launchChromium, saveScreenshot, seriousAccessibilityViolations, signIn, signUp } from './browser.ts'
import { clockFile, e2eBaseUrl } from './env.ts'
import { picturePng } from './png.ts'

const baseUrl = e2eBaseUrl()
const run = `t${Date.now().toString(36)}`
const password = 'correct horse battery'

/** Tasks in the import, each wanting this many answers, each paying the default 10 points. */
const TASKS = 500
const REDUNDANCY = 2
const POINTS = 10
/** How long a poll waits for the page or the API (expect.poll's own default is one second). */
const WAIT = { timeout: 10_000, interval: 100 }
/** Task `n`'s text; no task's text is the start of another's. */
const taskText = (n: number) => `Picture ${n} of ${TASKS}`
const TASK_TEXT = new RegExp(`^Picture \\d+ of ${TASKS}$`)

type Animal = 'cat' | 'dog'
const OPTIONS: Record<Animal, { label: string; key: string }> = {
  cat: { label: 'A cat', key: '1' },
  dog: { label: 'A dog', key: '2' },
}

/** The runner's words in the worker's language (src/features/microtasks/strings.ts). */
interface RunnerWords {
  task: string
  submit: string
  standing: string
  pending: string
}
const ENGLISH: RunnerWords = { task: 'Task', submit: 'Send answer', standing: 'Your standing', pending: 'Waiting for review' }
const GERMAN: RunnerWords = { task: 'Aufgabe', submit: 'Antwort senden', standing: 'Dein Stand', pending: 'Wartet auf Prüfung' }

/** RFC 4180 CSV (quoted cells, doubled quotes) as records keyed by the header row. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const endCell = () => {
    row.push(cell)
    cell = ''
  }
  const endRow = () => {
    endCell()
    rows.push(row)
    row = []
  }
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char !== '"') cell += char
      else if (text[i + 1] === '"') cell += text[++i]
      else quoted = false
    } else if (char === '"') quoted = true
    else if (char === ',') endCell()
    else if (char === '\n') endRow()
    else if (char !== '\r') cell += char
  }
  if (cell !== '' || row.length > 0) endRow()
  const [header, ...records] = rows
  return records.map((record) => Object.fromEntries(header.map((name, index) => [name, record[index]])))
}

// --- the runner ----------------------------------------------------------------------------------

/** The text of the task the runner shows, once it shows one. */
async function shownTask(page: Page, words: RunnerWords): Promise<string> {
  const text = page.getByRole('article', { name: words.task, exact: true }).getByText(TASK_TEXT)
  await text.waitFor()
  return ((await text.textContent()) ?? '').trim()
}

/**
 * Answers the task the runner shows with `animal`, by the page's keys (the option's number, then
 * Enter) or by clicks, and waits until the runner has taken it away; returns the task's text.
 */
async function answer(page: Page, words: RunnerWords, animal: Animal, by: 'keys' | 'clicks'): Promise<string> {
  const task = await shownTask(page, words)
  const option = page.getByRole('radio', { name: OPTIONS[animal].label, exact: true })
  if (by === 'keys') {
    // The key is pressed again until the runner's listener (added as the task renders) picks it.
    await expect
      .poll(async () => {
        await page.keyboard.press(OPTIONS[animal].key)
        return option.isChecked()
      }, WAIT)
      .toBe(true)
    await page.keyboard.press('Enter')
  } else {
    await option.check()
    await page.getByRole('button', { name: words.submit, exact: true }).click()
  }
  await page.getByText(task, { exact: true }).waitFor({ state: 'detached' })
  // The next task arrives. (The status line's "Answer sent" is replaced at once by "One minute
  // left for this task": the campaign's leases are one minute long.)
  await shownTask(page, words)
  return task
}

/** How many of my answers wait for review, as the runner's standing bar says. */
async function pendingShown(page: Page, words: RunnerWords): Promise<string> {
  const figure = page
    .getByRole('region', { name: words.standing, exact: true })
    .locator('.stats > div')
    .filter({ has: page.getByText(words.pending, { exact: true }) })
  return ((await figure.locator('dd').textContent()) ?? '').trim()
}

describe('micro-tasking', () => {
  let browser: Browser | undefined
  let organiserPage: Page
  let annPage: Page
  let jonasPage: Page
  const errors: string[][] = []
  const refused: string[] = []
  const clock = clockFile()

  beforeAll(async () => {
    browser = await launchChromium()
    const open = async (locale: string) => {
      const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, locale })
      context.setDefaultTimeout(10_000)
      const page = await context.newPage()
      errors.push(collectPageErrors(page))
      page.on('response', (response) => {
        if (response.status() >= 400) refused.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`)
      })
      return page
    }
    organiserPage = await open('en-US')
    annPage = await open('en-US')
    // Jonas's browser prefers German, and the SPA speaks the browser's language until one picks another.
    jonasPage = await open('de-DE')
  })

  afterAll(async () => {
    // Let the server's clock run again for whatever comes next.
    writeFileSync(clock, '')
    await browser?.close()
  })

  it('imports 500 tasks, two workers answer, a lease expires, the organiser reviews, and every count matches', { timeout: 240_000 }, async () => {
    // The server's clock stands still from here, so no lease runs out until the test moves it
    // (however slow the machine).
    const started = Date.now()
    const minutesIn = (minutes: number) => new Date(started + minutes * 60_000).toISOString()
    writeFileSync(clock, minutesIn(0))

    // The organiser's campaign, question and rules, through the API.
    const olga = { email: `olga-${run}@example.com`, password, display_name: `Olga ${run}` }
    const api = await registeredApi(olga)
    const slug = `pets-${run}`
    await must(api.POST('/api/v1/organizations', { body: { name: `Pets ${run}`, slug } }), 'organization')
    const campaign = await must(
      api.POST('/api/v1/organizations/{slug}/campaigns', {
        params: { path: { slug } },
        body: {
          kind: 'microtask',
          title: `Cat or dog ${run}`,
          schedule: {
            submissions_open_at: minutesIn(-5),
            submissions_close_at: minutesIn(60),
            voting_open_at: minutesIn(60),
            voting_close_at: minutesIn(120),
          },
        },
      }),
      'campaign',
    )
    const id = campaign.id
    await must(
      api.PUT('/api/v1/campaigns/{id}/task-settings', {
        params: { path: { id } },
        body: {
          answer_form: {
            kind: 'single_choice',
            question: 'Which animal is in the picture?',
            options: [
              { value: 'cat', label: OPTIONS.cat.label },
              { value: 'dog', label: OPTIONS.dog.label },
            ],
          },
          strategy: 'depth_first',
          retirement: 'count',
          lease_minutes: 1,
          review_delay_hours: 72,
          gold_rate_percent: 0,
          gold_min_answers: 3,
          rejection_guard_percent: 30,
        },
      }),
      'task settings',
    )
    await must(api.POST('/api/v1/campaigns/{id}/publish', { params: { path: { id } } }), 'publish')
    const picture = await uploadPng(api, picturePng(96, 64), 'pet.png')
    expect([picture.content_type, picture.width, picture.height]).toEqual(['image/png', 96, 64])

    // 500 tasks in one file, imported on the dashboard.
    const csv = ['text,image,redundancy', ...Array.from({ length: TASKS }, (_, i) => `${taskText(i + 1)},${picture.id},${REDUNDANCY}`)].join('\n')
    await organiserPage.goto(`${baseUrl}/login`)
    await signIn(organiserPage, olga)
    await organiserPage.goto(`${baseUrl}/c/${campaign.slug}/tasks?tab=tasks`)
    const importForm = organiserPage.getByRole('form', { name: 'Import tasks' })
    await importForm.getByLabel('CSV or JSON file').setInputFiles({ name: 'tasks.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await importForm.getByRole('button', { name: 'Import', exact: true }).click()
    await importForm
      .getByText(`Done: ${TASKS} tasks added (0 gold). The campaign has ${TASKS} tasks now.`, { exact: true })
      .waitFor({ timeout: 30_000 })

    // Ann, on her phone in English, answers four tasks (keys and clicks) and leaves the fifth open.
    const ann = { displayName: `Ann ${run}`, email: `ann-${run}@example.com`, password }
    await annPage.goto(`${baseUrl}/register`)
    await signUp(annPage, ann)
    await annPage.goto(`${baseUrl}/c/${campaign.slug}/work`)
    const annAnswers: [string, Animal][] = []
    annAnswers.push([await answer(annPage, ENGLISH, 'cat', 'keys'), 'cat'])
    annAnswers.push([await answer(annPage, ENGLISH, 'cat', 'clicks'), 'cat'])
    annAnswers.push([await answer(annPage, ENGLISH, 'cat', 'keys'), 'cat'])
    annAnswers.push([await answer(annPage, ENGLISH, 'dog', 'clicks'), 'dog'])
    const annLeftOpen = await shownTask(annPage, ENGLISH)
    await expect.poll(() => pendingShown(annPage, ENGLISH), WAIT).toBe(String(annAnswers.length))
    expect(await seriousAccessibilityViolations(annPage), 'task runner').toEqual([])

    // Her lease is the campaign's only one; past its minute on the server's clock, the sweep ends it.
    const leases = await must(api.GET('/api/v1/campaigns/{id}/claims', { params: { path: { id }, query: { status: 'active' } } }), 'leases')
    expect(leases.items.map((claim) => [claim.worker_name, claim.task.payload.text])).toEqual([[ann.displayName, annLeftOpen]])
    const openTask = leases.items[0].task.id
    writeFileSync(clock, minutesIn(2))
    await expect
      .poll(
        async () => {
          const task = await must(api.GET('/api/v1/tasks/{id}', { params: { path: { id: openTask } } }), 'open task')
          return [task.taken, task.answers, task.state]
        },
        { timeout: 40_000, interval: 250 },
      )
      .toEqual([0, 0, 'open'])

    // Jonas, on his phone in German, gets Ann's first tasks (closest to done first) and agrees.
    const jonas = { displayName: `Jonas ${run}`, email: `jonas-${run}@example.com`, password }
    await jonasPage.goto(`${baseUrl}/register`)
    expect(await jonasPage.locator('html').getAttribute('lang')).toBe('de')
    await signUp(jonasPage, jonas, 'de')
    await jonasPage.goto(`${baseUrl}/c/${campaign.slug}/work`)
    await jonasPage.getByRole('heading', { level: 1, name: `Mitarbeiten bei „Cat or dog ${run}“` }).waitFor()
    const jonasAnswers: [string, Animal][] = []
    jonasAnswers.push([await answer(jonasPage, GERMAN, 'cat', 'keys'), 'cat'])
    jonasAnswers.push([await answer(jonasPage, GERMAN, 'cat', 'clicks'), 'cat'])
    jonasAnswers.push([await answer(jonasPage, GERMAN, 'cat', 'keys'), 'cat'])
    // The runner takes the next task at once: Jonas holds Ann's fourth now.
    const jonasHolds = await shownTask(jonasPage, GERMAN)
    await expect.poll(() => pendingShown(jonasPage, GERMAN), WAIT).toBe(String(jonasAnswers.length))
    expect(jonasAnswers.map(([task]) => task)).toEqual(annAnswers.slice(0, 3).map(([task]) => task))
    expect(jonasHolds).toBe(annAnswers[3][0])
    expect(await seriousAccessibilityViolations(jonasPage), 'task runner in German').toEqual([])
    await saveScreenshot(jonasPage, 'microtasks-runner-de-phone')

    // The hand count: what every task should show now.
    const answersOf = new Map<string, Animal[]>()
    for (const [task, animal] of [...annAnswers, ...jonasAnswers]) answersOf.set(task, [...(answersOf.get(task) ?? []), animal])
    const retired = [...answersOf].filter(([, given]) => given.length >= REDUNDANCY).map(([task]) => task)
    const inProgress = new Set([...[...answersOf.keys()].filter((task) => !retired.includes(task)), jonasHolds])
    const answersGiven = annAnswers.length + jonasAnswers.length
    expect([retired.length, inProgress.size, answersGiven]).toEqual([3, 1, 7])
    // Both answered "cat" on the three tasks that retired.
    for (const task of retired) expect(answersOf.get(task)).toEqual(['cat', 'cat'])

    // Review on the dashboard: one answer rejected with a reason, the others approved together.
    await organiserPage.getByRole('tab', { name: 'Review', exact: true }).click()
    const review = organiserPage.getByRole('tabpanel', { name: 'Review' })
    const waiting = review.getByRole('article', { name: /^Answer by / })
    await expect.poll(() => waiting.count(), WAIT).toBe(answersGiven)
    const reason = 'That is a cat, not a dog.'
    const dogAnswer = review
      .getByRole('article', { name: `Answer by ${ann.displayName}`, exact: true })
      .filter({ has: organiserPage.getByText(annAnswers[3][0], { exact: true }) })
    await dogAnswer.getByRole('button', { name: 'Reject', exact: true }).click()
    await dogAnswer.getByRole('textbox', { name: /^Reason \(the worker reads it\)/ }).fill(reason)
    await dogAnswer.getByRole('button', { name: 'Reject answer', exact: true }).click()
    await review.getByText(`The answer by ${ann.displayName} was rejected.`, { exact: true }).waitFor()
    await expect.poll(() => waiting.count(), WAIT).toBe(answersGiven - 1)

    // Ann reads why in My work.
    await annPage.goto(`${baseUrl}/me/work?status=rejected`)
    const rejectedCard = annPage.getByRole('article', { name: campaign.title, exact: true })
    await rejectedCard.getByText(`Rejected because: ${reason}`, { exact: true }).waitFor()
    await rejectedCard.getByText(annAnswers[3][0], { exact: true }).waitFor()
    expect(await rejectedCard.count()).toBe(1)

    await review.getByRole('checkbox', { name: 'Select all shown', exact: true }).check()
    const approveN = answersGiven - 1
    await review.getByRole('button', { name: `Approve selected (${approveN})`, exact: true }).click()
    await review.getByRole('button', { name: `Yes, approve ${approveN}`, exact: true }).click()
    await review.getByText(`${approveN} answers approved.`, { exact: true }).waitFor()
    await review.getByText('Nothing to review: every answer has been reviewed.', { exact: true }).waitFor()

    // The rejection is overturned after all.
    await review.getByRole('group', { name: 'Answers' }).getByRole('button', { name: 'Rejected', exact: true }).click()
    const rejected = review.getByRole('article', { name: `Answer by ${ann.displayName}`, exact: true })
    await rejected.getByText(`Reason: ${reason}`, { exact: true }).waitFor()
    await rejected.getByRole('button', { name: 'Overturn (approve)', exact: true }).click()
    await review.getByText(`The rejection of ${ann.displayName}’s answer was overturned: it is approved.`, { exact: true }).waitFor()
    await review.getByText('No rejected answers.', { exact: true }).waitFor()

    // Ann sees it approved and paid.
    await annPage.goto(`${baseUrl}/me/work?status=approved`)
    const approvedCards = annPage.getByRole('article', { name: campaign.title, exact: true })
    await expect.poll(() => approvedCards.count(), WAIT).toBe(annAnswers.length)
    await approvedCards
      .filter({ has: annPage.getByText(annAnswers[3][0], { exact: true }) })
      .getByText(`Approved: +${POINTS} points. First rejected, then approved after all.`, { exact: true })
      .waitFor()

    // The API's progress is the hand count.
    const progress = await must(api.GET('/api/v1/campaigns/{id}/task-progress', { params: { path: { id } } }), 'progress')
    const touched = retired.length + inProgress.size
    const wanted = (TASKS - retired.length) * REDUNDANCY - [...inProgress].reduce((sum, task) => sum + (answersOf.get(task)?.length ?? 0), 0)
    expect(progress.tasks).toEqual({ total: TASKS, open: TASKS - touched, in_progress: inProgress.size, completed: 0, retired: retired.length, gold: 0 })
    expect(progress.answers).toEqual({
      active_leases: 1, // Jonas's runner holds its next task
      pending_review: 0,
      approved: answersGiven,
      rejected: 0,
      expired_leases: 1, // Ann's, ended by the sweep
      released_leases: 0,
    })
    expect([progress.answers_wanted, progress.workers]).toEqual([wanted, 2])

    // Each worker's points: 10 for every approved answer.
    for (const [worker, given] of [
      [ann, annAnswers.length],
      [jonas, jonasAnswers.length],
    ] as const) {
      const rewards = await must((await signedInApi(worker)).GET('/api/v1/me/rewards'), `rewards of ${worker.displayName}`)
      expect(rewards.points_balance, worker.displayName).toBe(POINTS * given)
    }

    // The retired tasks' result is "cat"; the task Ann left open is open again.
    const approvedClaims = await must(
      api.GET('/api/v1/campaigns/{id}/claims', { params: { path: { id }, query: { status: 'approved', limit: 100 } } }),
      'approved answers',
    )
    expect(approvedClaims.items).toHaveLength(answersGiven)
    const taskIds = new Map(approvedClaims.items.map((claim) => [claim.task.payload.text ?? '', claim.task.id]))
    for (const task of retired) {
      const found = await must(api.GET('/api/v1/tasks/{id}', { params: { path: { id: taskIds.get(task)! } } }), task)
      expect([found.state, found.retired_reason, found.answers, found.result?.answer, found.result?.agreement_percent], task).toEqual([
        'retired',
        'count',
        REDUNDANCY,
        'cat',
        100,
      ])
    }
    const held = await must(api.GET('/api/v1/tasks/{id}', { params: { path: { id: taskIds.get(jonasHolds)! } } }), jonasHolds)
    expect([held.state, held.answers, held.taken]).toEqual(['in_progress', 1, 2])
    const reopened = await must(api.GET('/api/v1/tasks/{id}', { params: { path: { id: openTask } } }), annLeftOpen)
    expect([reopened.payload.text, reopened.state, reopened.answers, reopened.taken]).toEqual([annLeftOpen, 'open', 0, 0])

    // The results CSV says the same.
    const exported = await must(
      api.GET('/api/v1/campaigns/{id}/export/task-results.csv', { params: { path: { id } }, parseAs: 'text' }),
      'results CSV',
    )
    const rows = parseCsv(exported)
    expect(rows).toHaveLength(TASKS)
    const rowOf = (task: string) => rows.find((row) => row.text === task)
    for (const task of retired) {
      const row = rowOf(task)!
      expect(
        [row.task_id, row.state, row.retired_reason, row.image, row.answers, row.result, row.agreement_percent, row.agreeing],
        task,
      ).toEqual([taskIds.get(task), 'retired', 'count', picture.id, '2', 'cat', '100', '2'])
      expect(JSON.parse(row.contributing_answers), task).toEqual(['cat', 'cat'])
    }
    expect([rowOf(jonasHolds)?.state, rowOf(jonasHolds)?.answers, JSON.parse(rowOf(jonasHolds)?.contributing_answers ?? '')]).toEqual([
      'in_progress',
      '1',
      ['dog'],
    ])
    expect(rows.filter((row) => row.state === 'open' && row.answers === '0' && row.result === '')).toHaveLength(TASKS - touched)

    // The dashboard shows the same figures.
    await organiserPage.getByRole('tab', { name: 'Quality and progress', exact: true }).click()
    const figures = organiserPage.getByRole('region', { name: 'Progress', exact: true })
    const shown = async () => {
      const terms = await figures.locator('dl.stats dt').allTextContents()
      const values = await figures.locator('dl.stats dd').allTextContents()
      return Object.fromEntries(terms.map((term, index) => [term, values[index]]))
    }
    await expect.poll(shown, WAIT).toMatchObject({
      Tasks: String(TASKS),
      Open: String(TASKS - touched),
      'In progress': String(inProgress.size),
      Completed: '0',
      Retired: String(retired.length),
      Gold: '0',
      'Being worked on': '1',
      'Waiting for review': '0',
      Approved: String(answersGiven),
      Rejected: '0',
      'Time ran out': '1',
      'Given back': '0',
      'Answers still wanted': String(wanted),
      Workers: '2',
    })
    const leaderboard = figures.getByRole('table')
    for (const [name, given] of [
      [ann.displayName, annAnswers.length],
      [jonas.displayName, jonasAnswers.length],
    ] as const) {
      const row = leaderboard.getByRole('row').filter({ has: organiserPage.getByRole('rowheader', { name, exact: true }) })
      expect((await row.getByRole('cell').allTextContents()).slice(0, 2), name).toEqual([String(given), String(POINTS * given)])
    }
    expect(await seriousAccessibilityViolations(organiserPage), 'task dashboard').toEqual([])
    await saveScreenshot(organiserPage, 'microtasks-dashboard-phone')

    expect(errors.flat()).toEqual([])
    expect(refused).toEqual([])
  })
})
