import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { aClaim, aPage, aTask } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead (see the README).
import './MyWorkPage'

const rectangle: Schemas['AnswerForm'] = { kind: 'rectangle', question: 'Where is the bottle?' }

const rejected = aClaim({
  id: 'cl1',
  status: 'rejected',
  answer: 'dog',
  submitted_at: '2030-06-10T12:05:00Z',
  review: { reviewed_at: '2030-06-11T09:00:00Z', automatic: false, reason: 'That is a fox, not a dog.' },
})
const waiting = aClaim({
  id: 'cl2',
  status: 'submitted',
  answer: { x: 0.1, y: 0.2, width: 0.5, height: 0.4 },
  answer_form: rectangle,
  submitted_at: '2030-06-10T12:10:00Z',
  auto_approve_at: '2030-06-13T12:00:00Z',
  task: aTask({ id: 'tk2', payload: { text: 'Find the bottle', image: 'm2' }, image_url: '/api/v1/media/m2' }),
})
const approved = aClaim({
  id: 'cl3',
  status: 'approved',
  answer: 'cat',
  points: 10,
  submitted_at: '2030-06-09T12:00:00Z',
  review: { reviewed_at: '2030-06-09T13:00:00Z', automatic: true },
})
const holding = aClaim({ id: 'cl4', status: 'active' })

function workApi(routes: Record<string, Handler> = {}) {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/claims': () => json(aPage([rejected, waiting, approved, holding])),
    ...routes,
  })
}

describe('my work', () => {
  it('shows each answer with what became of it, a rejection’s reason first', async () => {
    workApi()
    renderRoute('/me/work')

    expect(await screen.findByRole('heading', { level: 1, name: 'My work' })).toBeVisible()
    const cards = await screen.findAllByRole('article', { name: 'Summer bottle' })
    expect(cards).toHaveLength(4)
    const [no, pending, yes, active] = cards.map((card) => within(card))

    expect(no.getByText('Rejected', { selector: '.badge' })).toBeVisible()
    expect(no.getByText('Rejected because:').parentElement).toHaveTextContent('Rejected because: That is a fox, not a dog.')
    expect(no.getByText('My answer').nextElementSibling).toHaveTextContent('Dog')
    expect(no.getByText('Task').nextElementSibling).toHaveTextContent('A photo from the zoo')

    expect(pending.getByText('Waiting for review', { selector: '.badge' })).toBeVisible()
    expect(pending.getByText(/^Waiting for review\. If nobody reviews it, it is approved automatically on Jun 13, 2030/)).toBeVisible()
    // A rectangle is drawn on the task's image, and said in words.
    expect(pending.getByRole('img', { name: 'The task’s image' })).toHaveAttribute('src', '/api/v1/media/m2')
    expect(pending.getByText('Box: 10% from the left, 20% from the top, 50% wide, 40% tall.')).toBeVisible()

    expect(yes.getByText('Approved: +10 points. Approved automatically.')).toBeVisible()

    expect(active.getByText('In progress', { selector: '.badge' })).toBeVisible()
    expect(active.getByRole('link', { name: 'Continue working' })).toHaveAttribute('href', '/c/summer-bottle/work')
    expect(yes.getByRole('link', { name: 'More tasks in this campaign' })).toHaveAttribute('href', '/c/summer-bottle/work')

    await act(() => switchLanguage('de'))
    expect(no.getByText('Abgelehnt, weil:').parentElement).toHaveTextContent('Abgelehnt, weil: That is a fox, not a dog.')
  })

  it('filters by state from the address (where a rejection notice leads) and the picker', async () => {
    const fake = workApi({ 'GET /api/v1/me/claims': () => json(aPage([rejected])) })
    const user = userEvent.setup()
    const { router } = renderRoute('/me/work?status=rejected')

    const filter = await screen.findByRole('combobox', { name: 'Show' })
    expect(filter).toHaveDisplayValue('Rejected')
    await screen.findByText('Rejected because:')
    expect(new URL(fake.sent('GET /api/v1/me/claims')[0].url).searchParams.get('status')).toBe('rejected')

    await user.selectOptions(filter, 'Waiting for review')

    await waitFor(() => expect(fake.sent('GET /api/v1/me/claims')).toHaveLength(2))
    expect(new URL(fake.sent('GET /api/v1/me/claims')[1].url).searchParams.get('status')).toBe('submitted')
    expect(router.state.location.search).toBe('?status=submitted')
  })

  it('loads more on request, and says when there is no work yet', async () => {
    let page = 0
    const fake = workApi({
      'GET /api/v1/me/claims': () => {
        page += 1
        return page === 1 ? json(aPage([rejected], 'next-1')) : json(aPage([approved]))
      },
    })
    const user = userEvent.setup()
    renderRoute('/me/work')
    await screen.findByText('Rejected because:')

    await user.click(screen.getByRole('button', { name: 'Show more' }))

    expect(await screen.findByText('Approved: +10 points. Approved automatically.')).toBeVisible()
    expect(new URL(fake.sent('GET /api/v1/me/claims')[1].url).searchParams.get('cursor')).toBe('next-1')
  })

  it('points someone without work to micro-task campaigns', async () => {
    workApi({ 'GET /api/v1/me/claims': () => json(aPage([])) })
    renderRoute('/me/work')

    expect(await screen.findByText('You have not worked on any tasks yet.')).toBeVisible()
    expect(screen.getByRole('link', { name: 'Find micro-task campaigns' })).toHaveAttribute('href', '/?kind=microtask')
  })
})
