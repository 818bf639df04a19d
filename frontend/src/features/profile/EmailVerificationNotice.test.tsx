import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { someNotificationSettings } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const RESEND = 'POST /api/v1/me/email-verification'
const NOTICE = { name: 'Confirm your email address' }

/** The profile of Ada, whose address is not confirmed (unless `account.verified`). */
function profileApi(routes: Record<string, Handler> = {}, account = { verified: false }) {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json({ ...me, email_verified: account.verified }),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/notification-settings': () => json(someNotificationSettings()),
    ...routes,
  })
}

describe('the notice about an unconfirmed address', () => {
  it('sends the link again on request and says where it went', async () => {
    const fake = profileApi({ [RESEND]: () => new Response(null, { status: 202 }) })
    const user = userEvent.setup()
    renderRoute('/me')

    const notice = await screen.findByRole('region', NOTICE)
    expect(notice).toHaveTextContent('Please confirm that ada@example.com is yours: open the link we mailed you when you signed up.')
    await user.click(within(notice).getByRole('button', { name: 'Send the link again' }))

    const sent = await within(notice).findByRole('status')
    expect(sent).toHaveTextContent('A new link is on its way to ada@example.com. It works for seven days; earlier links no longer do.')
    expect(sent).toHaveFocus()
    expect(within(notice).queryByRole('button', { name: 'Send the link again' })).toBeNull()
    expect(fake.sent(RESEND)).toHaveLength(1)
    expect(fake.sent(RESEND)[0].headers.get('Authorization')).toBe('Bearer access-1')
  })

  it('takes a 409 for an address confirmed meanwhile, and says so in German', async () => {
    await switchLanguage('de')
    // Confirmed by the link in another tab after the profile was loaded here.
    const account = { verified: false }
    profileApi(
      {
        [RESEND]: () => {
          account.verified = true
          return problem(409, 'Conflict', 'your address is confirmed already', undefined, 'account.email_verified')
        },
      },
      account,
    )
    const user = userEvent.setup()
    const { queryClient } = renderRoute('/me')

    const notice = await screen.findByRole('region', { name: 'Bestätige deine E-Mail-Adresse' })
    await user.click(within(notice).getByRole('button', { name: 'Link noch einmal schicken' }))

    expect(await within(notice).findByRole('status')).toHaveTextContent('Deine E-Mail-Adresse ist bereits bestätigt.')
    expect(within(notice).queryByRole('alert')).toBeNull()
    expect(queryClient.getQueryData(['me', 'account'])).toMatchObject({ email_verified: true })
  })

  it('says another refusal in words and keeps the button', async () => {
    profileApi({
      [RESEND]: () => problem(429, 'Too Many Requests', 'slow down', undefined, 'rate_limited', { retry_after: 20 }),
    })
    const user = userEvent.setup()
    renderRoute('/me')

    const notice = await screen.findByRole('region', NOTICE)
    await user.click(within(notice).getByRole('button', { name: 'Send the link again' }))

    expect(await within(notice).findByRole('alert')).toHaveTextContent('Too many requests. Please try again in 20 seconds.')
    expect(within(notice).getByRole('button', { name: 'Send the link again' })).toBeEnabled()
  })

  it('can be hidden for the rest of the visit', async () => {
    profileApi()
    const user = userEvent.setup()
    const first = renderRoute('/me')

    await user.click(within(await screen.findByRole('region', NOTICE)).getByRole('button', { name: 'Hide this notice' }))
    expect(screen.queryByRole('region', NOTICE)).toBeNull()

    // The profile opened again in the same tab: still hidden.
    first.unmount()
    renderRoute('/me')
    expect(await screen.findByRole('heading', { level: 1, name: 'My profile' })).toBeVisible()
    expect(screen.queryByRole('region', NOTICE)).toBeNull()
  })

  it('is not there for a confirmed address', async () => {
    profileApi({}, { verified: true })
    renderRoute('/me')

    expect(await screen.findByRole('heading', { level: 1, name: 'My profile' })).toBeVisible()
    expect(screen.queryByRole('region', NOTICE)).toBeNull()
    await act(() => switchLanguage('de'))
    expect(screen.queryByText(/bestätige/i)).toBeNull()
  })
})
