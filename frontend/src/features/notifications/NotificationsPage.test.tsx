import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { aNotification, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
import { notificationQueries, UNREAD_POLL_MS } from './queries'

type Notification = Schemas['NotificationResponse']

const inbox: Notification[] = [
  aNotification({ id: 'n1', count: 3 }),
  aNotification({
    id: 'n2',
    kind: 'contribution_rejected',
    category: 'my_contributions',
    data: { title: 'Wave bottle', reason: 'Off topic', campaign_slug: 'summer-bottle', campaign_title: 'Summer bottle' },
    read_at: '2026-03-01T11:00:00Z',
  }),
  aNotification({
    id: 'n3',
    kind: 'entries_waiting',
    category: 'moderation',
    subject_id: 'c1',
    data: { title: 'Tide', campaign_slug: 'summer-bottle', campaign_title: 'Summer bottle' },
  }),
  aNotification({
    id: 'n4',
    kind: 'voting_opened',
    category: 'campaign_news',
    subject_id: 'c1',
    data: { campaign_slug: 'summer-bottle', campaign_title: 'Summer bottle' },
    read_at: '2026-03-02T09:00:00Z',
  }),
  aNotification({
    id: 'n5',
    kind: 'award_status_changed',
    category: 'awards',
    subject_id: 'a1',
    data: { title: 'First prize', status: 'paid', campaign_slug: 'summer-bottle', campaign_title: 'Summer bottle' },
    read_at: '2026-03-02T09:00:00Z',
  }),
  aNotification({
    id: 'n6',
    kind: 'webhook_disabled',
    category: 'account',
    subject_id: 'w1',
    campaign_id: null,
    data: {
      url: 'https://hooks.example.com/schwarm',
      webhook_id: 'w1',
      reason: 'every delivery failed for 120 hours',
      organization_slug: 'acme',
      event_type: 'webhook.disabled',
    },
    read_at: '2026-03-02T09:00:00Z',
  }),
]

/** The API of a signed-in user with `items` in their inbox and `unread` of them unread. */
function inboxApi(items: Notification[], unread: number, routes: Record<string, Handler> = {}) {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns': () => json(aPage([])),
    'GET /api/v1/me/notifications': () => json(aPage(items)),
    'GET /api/v1/me/notifications/unread': () => json({ total: unread, by_kind: {} }),
    ...routes,
  })
}

/** Each item's sentence, with its "New" mark where it is unread. */
const sentences = () =>
  within(screen.getByRole('list', { name: /^(Notifications|Benachrichtigungen)$/ }))
    .getAllByRole('listitem')
    .map((item) => item.querySelector('p')?.textContent)

describe('the notification bell', () => {
  it('shows the unread count and leads to the inbox, in English and German', async () => {
    inboxApi([], 3)
    renderRoute('/')

    const bell = await screen.findByRole('link', { name: 'Notifications, 3 unread' })
    expect(bell).toHaveAttribute('href', '/notifications')
    expect(bell).toHaveTextContent('3')
    expect(screen.getByRole('navigation', { name: 'Main' })).toContainElement(bell)

    await act(() => switchLanguage('de'))

    expect(screen.getByRole('link', { name: 'Benachrichtigungen, 3 ungelesen' })).toBe(bell)
  })

  it('has no number when nothing is unread', async () => {
    inboxApi([], 0)
    renderRoute('/')
    expect(await screen.findByRole('link', { name: 'Notifications' })).not.toHaveTextContent(/\d/)
  })

  it('is not there, and asks nothing, while nobody is signed in', async () => {
    const fake = stubApi({ 'GET /api/v1/campaigns': () => json(aPage([])) })
    renderRoute('/')
    expect(await screen.findByText('No campaigns yet.')).toBeVisible()
    expect(screen.queryByRole('link', { name: /^Notifications/ })).toBeNull()
    expect(fake.sent('GET /api/v1/me/notifications/unread')).toEqual([])
  })

  it('asks for the count again every half minute', () => {
    expect(notificationQueries.unread().refetchInterval).toBe(UNREAD_POLL_MS)
    expect(UNREAD_POLL_MS).toBe(30_000)
  })
})

describe('the inbox', () => {
  it('says each notification in a sentence that links to its subject, the unread ones marked', async () => {
    inboxApi(inbox, 2)
    renderRoute('/notifications')

    expect(await screen.findByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
    await screen.findByRole('link', { name: '3 new comments on “Wave bottle”.' })
    expect(sentences()).toEqual([
      'New 3 new comments on “Wave bottle”.',
      'Your contribution “Wave bottle” was rejected: Off topic',
      'New An entry in “Summer bottle” is waiting for moderation.',
      'Voting has opened in “Summer bottle”.',
      'Your award “First prize” is paid.',
      'The webhook to https://hooks.example.com/schwarm was switched off after failing for days.',
    ])
    const link = (name: string) => screen.getByRole('link', { name })
    expect(link('3 new comments on “Wave bottle”.')).toHaveAttribute('href', '/contributions/k1')
    expect(link('Your contribution “Wave bottle” was rejected: Off topic')).toHaveAttribute('href', '/contributions/k1')
    expect(link('An entry in “Summer bottle” is waiting for moderation.')).toHaveAttribute('href', '/c/summer-bottle/moderation?view=approval')
    expect(link('Voting has opened in “Summer bottle”.')).toHaveAttribute('href', '/c/summer-bottle')
    expect(link('Your award “First prize” is paid.')).toHaveAttribute('href', '/me/rewards')
    expect(link('The webhook to https://hooks.example.com/schwarm was switched off after failing for days.')).toHaveAttribute(
      'href',
      '/o/acme/webhooks#webhook-w1',
    )
    const first = link('3 new comments on “Wave bottle”.').closest('li')
    expect(first).toHaveClass('unread')
    expect(within(first as HTMLElement).getByRole('button', { name: 'Mark as read' })).toHaveAccessibleDescription(
      '3 new comments on “Wave bottle”.',
    )
    expect(link('Voting has opened in “Summer bottle”.').closest('li')).not.toHaveClass('unread')
  })

  it('says them in German too, with one and many', async () => {
    inboxApi([inbox[0], aNotification({ id: 'n7' }), inbox[1], inbox[2], inbox[4]], 3)
    await switchLanguage('de')
    renderRoute('/notifications')

    await screen.findByRole('link', { name: '3 neue Kommentare zu „Wave bottle“.' })
    expect(sentences()).toEqual([
      'Neu 3 neue Kommentare zu „Wave bottle“.',
      'Neu Ein neuer Kommentar zu „Wave bottle“.',
      'Dein Beitrag „Wave bottle“ wurde abgelehnt: Off topic',
      'Neu Ein Beitrag in „Summer bottle“ wartet auf Moderation.',
      'Dein Preis „First prize“ ist ausgezahlt.',
    ])
  })

  it('tells backers about their pledges: a failed payment (with until when to fix it), a drop, the outcome', async () => {
    const pledge = { campaign_slug: 'summer-bottle', campaign_title: 'Summer bottle' }
    inboxApi(
      [
        aNotification({
          id: 'f1',
          kind: 'payment_failed',
          category: 'pledges',
          subject_id: 'p1',
          data: { ...pledge, amount_minor: 3000, currency: 'EUR', grace_until: '2030-06-27T12:00:00Z' },
        }),
        aNotification({ id: 'f2', kind: 'pledge_dropped', category: 'pledges', subject_id: 'p1', data: pledge }),
        aNotification({ id: 'f3', kind: 'funding_decided', category: 'pledges', subject_id: 'c1', data: { ...pledge, outcome: 'funded' } }),
        aNotification({ id: 'f4', kind: 'funding_decided', category: 'pledges', subject_id: 'c1', data: { ...pledge, outcome: 'failed' } }),
      ],
      0,
    )
    renderRoute('/notifications')

    const failed = await screen.findByRole('link', { name: /^The payment of €30\.00 for your pledge to “Summer bottle” failed\./ })
    expect(failed).toHaveTextContent(/Fix it by Jun 27, 2030.* to keep your pledge\.$/)
    expect(failed).toHaveAttribute('href', '/me/pledges')
    expect(screen.getByRole('link', { name: 'Your pledge to “Summer bottle” was dropped: its payment did not arrive in time.' })).toHaveAttribute(
      'href',
      '/me/pledges',
    )
    expect(screen.getByRole('link', { name: '“Summer bottle” is funded. Thank you for backing it!' })).toHaveAttribute('href', '/c/summer-bottle')
    expect(
      screen.getByRole('link', { name: '“Summer bottle” missed its goal: your pledge is released, and money already collected is refunded.' }),
    ).toBeVisible()

    await act(() => switchLanguage('de'))

    expect(screen.getByRole('link', { name: /^Die Zahlung über 30,00\s€ für deine Zusage an „Summer bottle“ ist fehlgeschlagen\./ })).toBe(failed)
  })

  it('tells workers why an answer was rejected, and why they were paused', async () => {
    const campaign = { campaign_slug: 'summer-bottle', campaign_title: 'Summer bottle' }
    inboxApi(
      [
        aNotification({ id: 'r1', kind: 'answer_rejected', category: 'tasks', subject_id: 'cl1', data: { ...campaign, reason: 'Not a cat' } }),
        aNotification({ id: 'r2', kind: 'worker_paused', category: 'tasks', subject_id: 'c1', data: { ...campaign, reason: 'Too many wrong answers' } }),
      ],
      0,
    )
    renderRoute('/notifications')

    expect(await screen.findByRole('link', { name: 'Your answer in “Summer bottle” was rejected: Not a cat' })).toHaveAttribute(
      'href',
      '/me/work?status=rejected',
    )
    expect(screen.getByRole('link', { name: 'You are paused in “Summer bottle”: Too many wrong answers' })).toHaveAttribute(
      'href',
      '/c/summer-bottle/work',
    )

    await act(() => switchLanguage('de'))

    expect(screen.getByRole('link', { name: 'Deine Antwort in „Summer bottle“ wurde abgelehnt: Not a cat' })).toBeVisible()
    expect(screen.getByRole('link', { name: 'Du bist in „Summer bottle“ pausiert: Too many wrong answers' })).toBeVisible()
  })

  it('lists a switched-off webhook without a link when the data does not name its organization', async () => {
    inboxApi([{ ...inbox[5], data: { url: 'https://hooks.example.com/schwarm', webhook_id: 'w1' } }], 0)
    renderRoute('/notifications')

    const sentence = 'The webhook to https://hooks.example.com/schwarm was switched off after failing for days.'
    expect(await screen.findByText(sentence)).toBeVisible()
    expect(screen.queryByRole('link', { name: sentence })).toBeNull()
  })

  it('still lists a kind this build does not know, without a link', async () => {
    const future = aNotification({ id: 'n8', kind: 'future_kind' as unknown as Schemas['Kind'] })
    inboxApi([future], 1)
    renderRoute('/notifications')

    expect(await screen.findByText('Something new happened.')).toBeVisible()
    expect(screen.queryByRole('link', { name: 'Something new happened.' })).toBeNull()
  })

  it('marks all read with one request, then shows the bell without a number', async () => {
    let unread = 2
    const fake = inboxApi(inbox, 2, {
      'GET /api/v1/me/notifications/unread': () => json({ total: unread, by_kind: {} }),
      'POST /api/v1/me/notifications/read': () => {
        unread = 0
        return json({ marked: 2 })
      },
    })
    const user = userEvent.setup()
    renderRoute('/notifications')
    await screen.findByRole('link', { name: 'Notifications, 2 unread' })
    await screen.findByRole('link', { name: '3 new comments on “Wave bottle”.' })

    await user.click(screen.getByRole('button', { name: 'Mark all as read' }))

    expect(await screen.findByText('All notifications are marked as read.')).toBeVisible()
    expect(fake.sent('POST /api/v1/me/notifications/read')).toHaveLength(1)
    expect(await fake.sent('POST /api/v1/me/notifications/read')[0].json()).toEqual({ all: true })
    expect(await screen.findByRole('link', { name: 'Notifications' })).toHaveAttribute('href', '/notifications')
    // The list and the count were asked for again.
    await waitFor(() => expect(fake.sent('GET /api/v1/me/notifications').length).toBeGreaterThan(1))
  })

  it('marks a notification read when it is opened', async () => {
    const fake = inboxApi(inbox, 2, { 'POST /api/v1/me/notifications/read': () => json({ marked: 1 }) })
    const user = userEvent.setup()
    const { router } = renderRoute('/notifications')

    await user.click(await screen.findByRole('link', { name: '3 new comments on “Wave bottle”.' }))

    await waitFor(() => expect(fake.sent('POST /api/v1/me/notifications/read')).toHaveLength(1))
    expect(await fake.sent('POST /api/v1/me/notifications/read')[0].json()).toEqual({ ids: ['n1'] })
    expect(router.state.location.pathname).toBe('/contributions/k1')
  })

  it('shows only the unread ones when asked, and says when there are none', async () => {
    const fake = inboxApi([], 0)
    const user = userEvent.setup()
    renderRoute('/notifications')
    expect(await screen.findByText(/No notifications yet/)).toBeVisible()
    expect(screen.getByRole('button', { name: 'Mark all as read' })).toBeDisabled()

    await user.click(screen.getByRole('checkbox', { name: 'Unread only' }))

    expect(await screen.findByText('Nothing unread: you are up to date.')).toBeVisible()
    const [all, unreadOnly] = fake.sent('GET /api/v1/me/notifications').map((request) => new URL(request.url).searchParams)
    expect(all.get('unread_only')).toBeNull()
    expect(unreadOnly.get('unread_only')).toBe('true')
    expect(screen.getByRole('link', { name: 'Choose which notifications you get' })).toHaveAttribute('href', '/me#notifications')
  })
})
