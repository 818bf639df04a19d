import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { isSignedIn, startSession } from '../../../api/session'
import { switchLanguage } from '../../../i18n'
import { authResponse, json, problem, stubApi } from '../../../test/fakeApi'
import { renderRoute } from '../../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead (see the README).
import './PasswordResetPage'

const TOKEN = 'pwr_c2VjcmV0LWxpbmstZm9yLWEtbmV3LXBhc3N3b3Jk'
const PAGE = `/password-reset/${TOKEN}`
const CONFIRM = 'POST /api/v1/auth/password-reset/confirm'

/** A 410 as the API refuses a link that no longer works. */
const gone = (reason: string) => () =>
  json(
    {
      type: 'urn:schwarm:problem:account_link.unavailable',
      title: 'Gone',
      status: 410,
      code: 'account_link.unavailable',
      detail: 'this link no longer works: ask for a new one',
      params: { reason },
    },
    410,
  )

async function setPassword(password: string, repeat: string, words = { password: /^New password/, repeat: /^Repeat password/, submit: 'Set password' }) {
  const user = userEvent.setup()
  await user.type(await screen.findByLabelText(words.password), password)
  await user.type(screen.getByLabelText(words.repeat), repeat)
  await user.click(screen.getByRole('button', { name: words.submit }))
}

const GERMAN = { password: /^Neues Passwort/, repeat: /^Passwort wiederholen/, submit: 'Passwort setzen' }

describe('setting a new password from the mailed link', () => {
  it('catches two different passwords before sending, at the repeated one', async () => {
    const fake = stubApi({})
    renderRoute(PAGE)

    await setPassword('correct horse battery', 'correct horse batery')

    const repeat = screen.getByLabelText(/^Repeat password/)
    expect(repeat).toHaveAttribute('aria-invalid', 'true')
    expect(repeat).toHaveAccessibleDescription('The two passwords differ. Type the same one twice.')
    expect(repeat).toHaveFocus()
    expect(screen.getByLabelText(/^New password/)).not.toHaveAttribute('aria-invalid')
    expect(fake.requests).toEqual([])
  })

  it('catches a password shorter than ten characters before sending, at the first field', async () => {
    const fake = stubApi({})
    renderRoute(PAGE)

    await setPassword('too short', 'too short')

    const password = screen.getByLabelText(/^New password/)
    expect(password).toHaveAccessibleDescription(/Use at least 10 characters\./)
    expect(password).toHaveFocus()
    expect(fake.requests).toEqual([])
  })

  it('sets the password, ends this browser’s session too, and goes on to sign in with a word that it worked', async () => {
    startSession(authResponse())
    const fake = stubApi({
      [CONFIRM]: () => new Response(null, { status: 204 }),
      'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    })
    const { router } = renderRoute(PAGE)

    await setPassword('correct horse battery', 'correct horse battery')

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/login')
    expect(screen.getByRole('status')).toHaveTextContent(
      'Your new password is set, and you were signed out on every device. Sign in with it now.',
    )
    // Signed out without the "your session has ended" notice: this was asked for.
    expect(isSignedIn()).toBe(false)
    expect(screen.queryByText(/Your session has ended/)).toBeNull()
    const [sent] = fake.sent(CONFIRM)
    expect(await sent.json()).toEqual({ token: TOKEN, password: 'correct horse battery' })
  })

  it('shows the server’s refusal of the password at its field', async () => {
    stubApi({
      [CONFIRM]: () =>
        problem(422, 'Unprocessable Entity', 'invalid fields: password', [
          { field: 'password', code: 'password.is_email', message: 'must not be the email address' },
        ]),
    })
    renderRoute(PAGE)

    await setPassword('ada@example.com', 'ada@example.com')

    await screen.findByText('The password must not be your email address.')
    expect(screen.getByLabelText(/^New password/)).toHaveAttribute('aria-invalid', 'true')
  })

  it.each([
    ['expired', 'Dieser Link ist abgelaufen: Ein Link für ein neues Passwort gilt eine Stunde lang.'],
    [
      'used',
      'Dieser Link wurde schon benutzt, oder du hast inzwischen einen neueren angefordert. Nur der neueste Link funktioniert, und nur einmal.',
    ],
    ['unknown', 'Dieser Link ist ungültig. Vielleicht wurde er abgeschnitten: Öffne ihn noch einmal aus der E-Mail.'],
  ])('says in German why a link that is %s no longer works, with the way to a new one', async (reason, words) => {
    await switchLanguage('de')
    stubApi({ [CONFIRM]: gone(reason) })
    renderRoute(PAGE)

    await setPassword('correct horse battery', 'correct horse battery', GERMAN)

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(words)
    expect(alert).toHaveFocus()
    // Neither the machine code nor the API's English.
    expect(screen.queryByText(/account_link|no longer works/)).toBeNull()
    // The form is gone: the link cannot set a password any more.
    expect(screen.queryByLabelText(/^Neues Passwort/)).toBeNull()
    const main = within(screen.getByRole('main'))
    expect(main.getByRole('link', { name: 'Neuen Link anfordern' })).toHaveAttribute('href', '/password-reset')
  })
})
