import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { formatDateTime } from '../../i18n/format'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { renderRoute } from '../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead (see the README).
import './SecurityPage'

type Session = Schemas['SessionResponse']

function aSession(id: string, overrides: Partial<Session> = {}): Session {
  return {
    id,
    user_agent: null,
    created_at: '2026-01-01T12:00:00Z',
    last_used_at: '2026-03-01T12:00:00Z',
    current: false,
    ...overrides,
  }
}

const thisLaptop = aSession('s1', {
  current: true,
  user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
  created_at: '2026-02-10T12:00:00Z',
  last_used_at: '2026-03-02T09:30:00Z',
})
const phone = aSession('s2', {
  user_agent:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
})
const script = aSession('s3', { user_agent: 'crm-sync/2.0', last_used_at: '2026-02-01T12:00:00Z' })
const mystery = aSession('s4', { user_agent: null, last_used_at: '2026-01-15T12:00:00Z' })

/** The sessions API, keeping the list in step with sign-outs and password changes. */
function securityApi(initial: Session[], routes: Record<string, Handler> = {}) {
  startSession(authResponse())
  let sessions = [...initial]
  const onlyCurrent = () => {
    const before = sessions.length
    sessions = sessions.filter((session) => session.current)
    return before - sessions.length
  }
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/sessions': () => json(sessions),
    'DELETE /api/v1/me/sessions': () => json({ signed_out: onlyCurrent() }),
    'DELETE /api/v1/me/sessions/s2': () => {
      sessions = sessions.filter((session) => session.id !== 's2')
      return new Response(null, { status: 204 })
    },
    'POST /api/v1/me/password': () => {
      onlyCurrent()
      return new Response(null, { status: 204 })
    },
    ...routes,
  })
}

const deviceList = async () => within(await screen.findByRole('list', { name: 'Signed-in devices' }))
const sessionsSection = () => within(screen.getByRole('region', { name: 'Signed-in devices' }))
const passwordForm = () => within(screen.getByRole('form', { name: 'Change password' }))

describe('security: signed-in devices', () => {
  it('lists each device by a readable name, since when and when last active, this one marked', async () => {
    securityApi([thisLaptop, phone, script, mystery])
    renderRoute('/me/security')

    expect(await screen.findByRole('heading', { level: 1, name: 'Security' })).toBeVisible()
    const list = await deviceList()
    const items = list.getAllByRole('listitem')
    expect(items.map((item) => within(item).getByRole('heading', { level: 3 }).textContent)).toEqual([
      'Firefox on Windows This device',
      'Safari on iPhone',
      'crm-sync/2.0',
      'Unknown device',
    ])
    const [current, iphone] = items.map((item) => within(item))
    expect(current.getByText('This device')).toBeVisible()
    expect(items[0]).toHaveTextContent('Signed in since Feb 10, 2026')
    expect(items[0]).toHaveTextContent(`Last active ${formatDateTime('en', thisLaptop.last_used_at)}`)
    // This device cannot be signed out here (the header's "Sign out" does that); every other can.
    expect(current.queryByRole('button')).toBeNull()
    expect(iphone.getByRole('button', { name: 'Sign out Safari on iPhone' })).toBeVisible()
    expect(list.getAllByRole('button', { name: /^Sign out / })).toHaveLength(3)
  })

  it('signs one device out, says so and refetches the list', async () => {
    const fake = securityApi([thisLaptop, phone, script])
    const user = userEvent.setup()
    renderRoute('/me/security')
    const list = await deviceList()

    await user.click(list.getByRole('button', { name: 'Sign out Safari on iPhone' }))

    expect(await sessionsSection().findByText('Safari on iPhone was signed out.')).toBeVisible()
    expect(fake.sent('DELETE /api/v1/me/sessions/s2')).toHaveLength(1)
    await waitFor(() => expect(fake.sent('GET /api/v1/me/sessions')).toHaveLength(2))
    expect(list.queryByRole('heading', { name: 'Safari on iPhone' })).toBeNull()
    expect(list.getAllByRole('listitem')).toHaveLength(2)
    // Focus leaves the button that is gone for the list's heading.
    expect(screen.getByRole('heading', { level: 2, name: 'Signed-in devices' })).toHaveFocus()
  })

  it('signs out everywhere else and says how many devices that was', async () => {
    const fake = securityApi([thisLaptop, phone, script, mystery])
    const user = userEvent.setup()
    renderRoute('/me/security')
    const list = await deviceList()

    await user.click(screen.getByRole('button', { name: 'Sign out everywhere else' }))

    expect(await sessionsSection().findByText('3 other devices were signed out.')).toBeVisible()
    expect(fake.sent('DELETE /api/v1/me/sessions')).toHaveLength(1)
    await waitFor(() => expect(fake.sent('GET /api/v1/me/sessions')).toHaveLength(2))
    expect(list.getAllByRole('listitem')).toHaveLength(1)
    expect(screen.queryByRole('button', { name: 'Sign out everywhere else' })).toBeNull()
    expect(screen.getByText('You are signed in on this device only.')).toBeVisible()
  })

  it('offers no "everywhere else" when this is the only device, and speaks German', async () => {
    securityApi([thisLaptop])
    renderRoute('/me/security')
    await deviceList()
    expect(screen.queryByRole('button', { name: 'Sign out everywhere else' })).toBeNull()

    await act(() => switchLanguage('de'))

    expect(screen.getByRole('heading', { level: 1, name: 'Sicherheit' })).toBeVisible()
    expect(screen.getByRole('heading', { level: 3, name: 'Firefox auf Windows Dieses Gerät' })).toBeVisible()
    expect(screen.getByText('Du bist nur auf diesem Gerät angemeldet.')).toBeVisible()
  })

  it('is linked from the profile', async () => {
    securityApi([thisLaptop])
    const user = userEvent.setup()
    renderRoute('/me')
    await screen.findByRole('heading', { level: 1, name: 'My profile' })

    await user.click(screen.getByRole('link', { name: 'Security: signed-in devices and password' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Security' })).toBeVisible()
    expect(await screen.findByRole('heading', { level: 3, name: 'Firefox on Windows This device' })).toBeVisible()
  })
})

describe('security: changing the password', () => {
  it('checks the new password’s length before sending anything', async () => {
    const fake = securityApi([thisLaptop])
    const user = userEvent.setup()
    renderRoute('/me/security')
    await deviceList()
    const form = passwordForm()

    await user.type(form.getByLabelText(/^Current password/), 'old password 1')
    await user.type(form.getByLabelText(/^New password/), 'short')
    await user.click(form.getByRole('button', { name: 'Change password' }))

    const next = form.getByLabelText(/^New password/)
    expect(next).toHaveAttribute('aria-invalid', 'true')
    expect(next).toHaveAccessibleDescription(/Use at least 10 characters\./)
    expect(next).toHaveFocus()
    expect(fake.sent('POST /api/v1/me/password')).toHaveLength(0)
  })

  it('puts a wrong current password on its field', async () => {
    securityApi([thisLaptop], {
      'POST /api/v1/me/password': () =>
        problem(
          422,
          'Unprocessable Entity',
          'invalid fields: current_password',
          [{ field: 'current_password', code: 'password.incorrect', message: 'is not your password' }],
          'password.incorrect',
        ),
    })
    const user = userEvent.setup()
    renderRoute('/me/security')
    await deviceList()
    const form = passwordForm()

    await user.type(form.getByLabelText(/^Current password/), 'not my password')
    await user.type(form.getByLabelText(/^New password/), 'a much better password')
    await user.click(form.getByRole('button', { name: 'Change password' }))

    const current = form.getByLabelText(/^Current password/)
    await waitFor(() => expect(current).toHaveAttribute('aria-invalid', 'true'))
    expect(current).toHaveAccessibleDescription('This is not your current password.')
    expect(current).toHaveFocus()
    expect(form.getByLabelText(/^New password/)).not.toHaveAttribute('aria-invalid')
  })

  it('puts "not your email" and the length on the new password', async () => {
    securityApi([thisLaptop], {
      'POST /api/v1/me/password': () =>
        problem(422, 'Unprocessable Entity', 'invalid fields: new_password', [
          { field: 'new_password', code: 'password.is_email', message: 'must not be the email address' },
        ]),
    })
    const user = userEvent.setup()
    renderRoute('/me/security')
    await deviceList()
    const form = passwordForm()

    await user.type(form.getByLabelText(/^Current password/), 'old password 1')
    await user.type(form.getByLabelText(/^New password/), 'ada@example.com')
    await user.click(form.getByRole('button', { name: 'Change password' }))

    expect(await form.findByText('Your new password must not be your email address.')).toBeVisible()
    expect(form.getByLabelText(/^New password/)).toHaveAttribute('aria-invalid', 'true')
  })

  it('changes it, says other devices were signed out, clears the fields and refetches the devices', async () => {
    const fake = securityApi([thisLaptop, phone, script])
    const user = userEvent.setup()
    renderRoute('/me/security')
    const list = await deviceList()
    const form = passwordForm()

    await user.type(form.getByLabelText(/^Current password/), 'old password 1')
    await user.type(form.getByLabelText(/^New password/), 'a much better password')
    await user.click(form.getByRole('button', { name: 'Change password' }))

    expect(await form.findByRole('status')).toHaveTextContent('Your password was changed, and your other devices were signed out.')
    expect(await fake.sent('POST /api/v1/me/password')[0].json()).toEqual({
      current_password: 'old password 1',
      new_password: 'a much better password',
    })
    expect(form.getByLabelText(/^Current password/)).toHaveValue('')
    expect(form.getByLabelText(/^New password/)).toHaveValue('')
    await waitFor(() => expect(fake.sent('GET /api/v1/me/sessions')).toHaveLength(2))
    expect(list.getAllByRole('listitem')).toHaveLength(1)
  })

  it('says how long to wait after too many attempts, in German too', async () => {
    securityApi([thisLaptop], {
      'POST /api/v1/me/password': () =>
        json(
          {
            type: 'urn:schwarm:problem:rate_limited',
            title: 'Too Many Requests',
            status: 429,
            code: 'rate_limited',
            detail: 'too many attempts',
            params: { retry_after: 42 },
          },
          429,
        ),
    })
    const user = userEvent.setup()
    renderRoute('/me/security')
    await deviceList()
    const form = passwordForm()

    await user.type(form.getByLabelText(/^Current password/), 'old password 1')
    await user.type(form.getByLabelText(/^New password/), 'a much better password')
    await user.click(form.getByRole('button', { name: 'Change password' }))

    const alert = await form.findByRole('alert')
    expect(alert).toHaveTextContent('Too many attempts. Try again in 42 seconds.')
    await act(() => switchLanguage('de'))
    expect(alert).toHaveTextContent('Zu viele Versuche. Versuche es in 42 Sekunden noch einmal.')
  })
})

describe('security: your data', () => {
  it('deletes the account only with the box ticked and the right password, then signs out here', async () => {
    let attempts = 0
    const fake = securityApi([thisLaptop], {
      'DELETE /api/v1/me': async (request) => {
        attempts += 1
        const body = (await request.json()) as { password: string }
        if (body.password !== 'the right password')
          return problem(
            422,
            'Unprocessable Entity',
            'password: this is not your password',
            [{ field: 'password', code: 'password.incorrect', message: 'this is not your password' }],
            'password.incorrect',
          )
        return new Response(null, { status: 204 })
      },
      'GET /api/v1/campaigns': () => json({ items: [], next_cursor: null }),
    })
    const user = userEvent.setup()
    const { router } = renderRoute('/me/security')
    const form = within(await screen.findByRole('form', { name: 'Delete account' }))
    const submit = form.getByRole('button', { name: 'Delete my account' })
    expect(submit).toBeDisabled()

    await user.type(form.getByLabelText(/Your password/), 'a wrong guess')
    await user.click(form.getByLabelText('I understand that this cannot be undone.'))
    await user.click(submit)
    expect(await form.findByText('This is not your password.')).toBeVisible()

    await user.clear(form.getByLabelText(/Your password/))
    await user.type(form.getByLabelText(/Your password/), 'the right password')
    await user.click(submit)
    await waitFor(() => expect(attempts).toBe(2))
    expect(fake.sent('DELETE /api/v1/me')).toHaveLength(2)
    // Signed out here, on to the front page (not to the sign-in the page's guard would send a
    // signed-out visitor to).
    await waitFor(() => expect(router.state.location.pathname).toBe('/'))
    expect(router.state.location.state).toEqual({ accountDeleted: true })
    expect(screen.queryByRole('form', { name: 'Delete account' })).toBeNull()
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeVisible()
  })

  it('offers the download of everything kept about me', async () => {
    securityApi([thisLaptop])
    renderRoute('/me/security')
    expect(await screen.findByRole('button', { name: 'Download my data' })).toBeEnabled()
  })
})
