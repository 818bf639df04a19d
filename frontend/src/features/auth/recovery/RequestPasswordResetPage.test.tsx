import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { switchLanguage } from '../../../i18n'
import { problem, stubApi } from '../../../test/fakeApi'
import { renderRoute } from '../../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead (see the README).
import './RequestPasswordResetPage'

const accepted = () => new Response(null, { status: 202 })

describe('asking for a new password', () => {
  it('answers alike for every address: a link is on its way if an account uses it', async () => {
    const fake = stubApi({ 'POST /api/v1/auth/password-reset': accepted })
    const user = userEvent.setup()
    renderRoute('/password-reset')

    await user.type(await screen.findByRole('textbox', { name: /^Email/ }), ' nobody@example.com ')
    await user.click(screen.getByRole('button', { name: 'Send link' }))

    const answer = await screen.findByRole('status')
    expect(answer).toHaveTextContent(
      'If an account uses nobody@example.com, a link to set a new password is on its way. It works for one hour, and once.',
    )
    expect(answer).toHaveFocus()
    // Nothing that says whether the account exists.
    expect(screen.queryByText(/no account|not found|unknown/i)).toBeNull()
    const sent = fake.sent('POST /api/v1/auth/password-reset')
    expect(sent).toHaveLength(1)
    expect(await sent[0].json()).toEqual({ email: 'nobody@example.com' })
    expect(sent[0].headers.get('Authorization')).toBeNull()

    // Asking again brings the form back with the address.
    await user.click(screen.getByRole('button', { name: 'Ask again' }))
    expect(screen.getByRole('textbox', { name: /^Email/ })).toHaveValue('nobody@example.com')
    expect(screen.getByRole('textbox', { name: /^Email/ })).toHaveFocus()
  })

  it('is reached from the sign-in form, with the address typed there, and speaks German', async () => {
    await switchLanguage('de')
    stubApi({ 'POST /api/v1/auth/password-reset': accepted })
    const user = userEvent.setup()
    const { router } = renderRoute('/login')

    await user.type(await screen.findByRole('textbox', { name: /^E-Mail/ }), 'ada@example.com')
    await user.click(screen.getByRole('link', { name: 'Passwort vergessen?' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Passwort vergessen?' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/password-reset')
    // In the router's state, not in the address (which servers and proxies log).
    expect(router.state.location.search).toBe('')
    const email = screen.getByRole('textbox', { name: /^E-Mail/ })
    expect(email).toHaveValue('ada@example.com')

    await user.click(screen.getByRole('button', { name: 'Link senden' }))

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Falls ein Konto die Adresse ada@example.com nutzt, ist ein Link für ein neues Passwort unterwegs. Er gilt eine Stunde lang und funktioniert einmal.',
    )
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Zurück zur Anmeldung' })).toHaveAttribute('href', '/login')
  })

  it('says a refusal above the form, and sends nothing more', async () => {
    const fake = stubApi({
      'POST /api/v1/auth/password-reset': () =>
        problem(429, 'Too Many Requests', 'slow down', undefined, 'rate_limited', { retry_after: 30 }),
    })
    const user = userEvent.setup()
    renderRoute('/password-reset')

    await user.type(await screen.findByRole('textbox', { name: /^Email/ }), 'ada@example.com')
    await user.click(screen.getByRole('button', { name: 'Send link' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Too many requests. Please try again in 30 seconds.')
    await waitFor(() => expect(alert).toHaveFocus())
    expect(screen.queryByRole('status')).toBeNull()
    expect(fake.sent('POST /api/v1/auth/password-reset')).toHaveLength(1)
  })
})
