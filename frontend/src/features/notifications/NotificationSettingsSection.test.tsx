import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { someNotificationSettings } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

function profileApi(routes: Record<string, Handler> = {}, signedIn = true) {
  if (signedIn) startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/notification-settings': () => json(someNotificationSettings()),
    'PUT /api/v1/me/notification-settings': async (request) => json(await request.json()),
    ...routes,
  })
}

/** The elements asked to scroll into view from now on (jsdom has no `scrollIntoView`, nor scrolls). */
function recordScrolls(): Element[] {
  const shown: Element[] = []
  Element.prototype.scrollIntoView = function (this: Element) {
    shown.push(this)
  }
  return shown
}

afterEach(() => {
  Reflect.deleteProperty(Element.prototype, 'scrollIntoView')
})

const settingsTable = async () => within(await screen.findByRole('table'))

describe('notification settings on the profile page', () => {
  it('lists every category with an explanation, whether it shows in the inbox and how often it is mailed', async () => {
    profileApi()
    renderRoute('/me')

    const section = within(await screen.findByRole('region', { name: 'Notifications' }))
    const table = await settingsTable()
    expect(table.getAllByRole('rowheader').map((header) => header.textContent)).toEqual([
      'My contributionsPublished, rejected or hidden by the moderators.',
      'Co-authorshipSomeone names you as a co-author and waits for your answer.',
      'CommentsNew comments on your contributions, and replies to your comments.',
      'ModerationEntries waiting for approval and new reports, in campaigns you moderate.',
      'Campaign newsCampaigns you took part in: voting opens, the winners are announced.',
      'AwardsPrizes you won, and when they are approved, paid or cancelled.',
      'My pledgesCampaigns you back: a payment failed, a pledge was dropped, the funding was decided.',
      'My tasksMicro-tasks you worked on: an answer was rejected (and why), you were paused in a campaign.',
      'Organization accountProblems of your organizations, such as a webhook that was switched off.',
    ])
    expect(table.getByRole('checkbox', { name: 'Show “Comments” in the inbox' })).toBeChecked()
    const comments = table.getByRole('combobox', { name: 'Emails about “Comments”' })
    expect(comments).toHaveValue('daily')
    expect(within(comments).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Off',
      'At once',
      'Daily digest',
      'Weekly digest',
    ])
    expect(section.getByRole('link', { name: 'Open my notifications' })).toHaveAttribute('href', '/notifications')

    await act(() => switchLanguage('de'))

    expect(screen.getByRole('region', { name: 'Benachrichtigungen' })).toBeVisible()
    expect(table.getByRole('combobox', { name: 'E-Mails zu „Kommentare“' })).toHaveDisplayValue('Tägliche Zusammenfassung')
    expect(table.getByRole('checkbox', { name: '„Neues aus Kampagnen“ im Posteingang zeigen' })).toBeChecked()
  })

  it('saves every category with one PUT', async () => {
    const fake = profileApi()
    const user = userEvent.setup()
    renderRoute('/me')
    const table = await settingsTable()

    await user.selectOptions(table.getByRole('combobox', { name: 'Emails about “Comments”' }), 'Weekly digest')
    await user.click(table.getByRole('checkbox', { name: 'Show “Campaign news” in the inbox' }))
    await user.selectOptions(table.getByRole('combobox', { name: 'Emails about “Campaign news”' }), 'Off')
    await user.click(screen.getByRole('button', { name: 'Save notification settings' }))

    expect(await screen.findByText('Your notification settings were saved.')).toBeVisible()
    const sent = fake.sent('PUT /api/v1/me/notification-settings')
    expect(sent).toHaveLength(1)
    const expected: Schemas['NotificationSettings'] = {
      categories: [
        { category: 'my_contributions', in_app: true, email: 'immediate' },
        { category: 'co_authorship', in_app: true, email: 'immediate' },
        { category: 'comments', in_app: true, email: 'weekly' },
        { category: 'moderation', in_app: true, email: 'immediate' },
        { category: 'campaign_news', in_app: false, email: 'off' },
        { category: 'awards', in_app: true, email: 'immediate' },
        { category: 'pledges', in_app: true, email: 'immediate' },
        { category: 'tasks', in_app: true, email: 'daily' },
        { category: 'account', in_app: true, email: 'immediate' },
      ],
    }
    expect(await sent[0].json()).toEqual(expected)
  })

  it('says why the settings could not be saved', async () => {
    profileApi({ 'PUT /api/v1/me/notification-settings': () => problem(503, 'Service Unavailable', 'the database is busy') })
    const user = userEvent.setup()
    renderRoute('/me')
    await settingsTable()

    await user.click(screen.getByRole('button', { name: 'Save notification settings' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Service Unavailable: the database is busy')
  })

  it('is where the settings link of an email leads: `/me#notifications` shows it and scrolls to it', async () => {
    profileApi()
    const shown = recordScrolls()
    const { router } = renderRoute('/me#notifications')

    const section = await screen.findByRole('region', { name: 'Notifications' })
    await settingsTable()
    expect(section).toHaveAttribute('id', 'notifications')
    expect(router.state.location.hash).toBe('#notifications')
    await waitFor(() => expect(shown).toEqual([section]))
  })

  it('comes back to the settings after signing in first', async () => {
    profileApi({ 'POST /api/v1/auth/login': () => json(authResponse()) }, false)
    const shown = recordScrolls()
    const user = userEvent.setup()
    const { router } = renderRoute('/me#notifications')

    await user.type(await screen.findByRole('textbox', { name: /Email/ }), 'ada@example.com')
    await user.type(screen.getByLabelText(/^Password/), 'secret words')
    await user.click(screen.getByRole('button', { name: 'Sign in' }))

    const section = await screen.findByRole('region', { name: 'Notifications' })
    await settingsTable()
    expect(router.state.location.pathname).toBe('/me')
    expect(router.state.location.hash).toBe('#notifications')
    await waitFor(() => expect(shown).toEqual([section]))
  })

  it('is not scrolled to on the profile page without its anchor', async () => {
    profileApi()
    const shown = recordScrolls()
    renderRoute('/me')

    await settingsTable()
    expect(shown).toEqual([])
  })
})
