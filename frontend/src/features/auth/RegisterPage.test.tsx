import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { getRefreshToken, isSignedIn } from '../../api/session'
import { authResponse, json, problem, stubApi } from '../../test/fakeApi'
import { renderRoute } from '../../test/renderRoute'

async function fillAndSubmit() {
  const user = userEvent.setup()
  await user.type(screen.getByRole('textbox', { name: /Display name/ }), 'Ada')
  await user.type(screen.getByRole('textbox', { name: /Email/ }), 'ada@example.com')
  await user.type(screen.getByLabelText(/^Password/), 'ada@example.com')
  await user.click(screen.getByRole('button', { name: 'Create account' }))
}

describe('RegisterPage', () => {
  it('shows the 422 messages at their fields and focuses the first', async () => {
    stubApi({
      'POST /api/v1/auth/register': () =>
        problem(422, 'Unprocessable Entity', 'invalid fields: password', [
          { field: 'password', code: 'password.is_email', message: 'must not be the email address' },
        ]),
    })
    renderRoute('/register')

    await fillAndSubmit()

    const password = await screen.findByLabelText(/^Password/)
    await screen.findByText('The password must not be your email address.')
    expect(password).toHaveAttribute('aria-invalid', 'true')
    expect(password).toHaveAccessibleDescription(/The password must not be your email address\./)
    expect(password).toHaveFocus()
    expect(screen.getByRole('textbox', { name: /Email/ })).not.toHaveAttribute('aria-invalid')
    expect(isSignedIn()).toBe(false)
  })

  it('says a conflict above the form in words, not the API’s English', async () => {
    stubApi({ 'POST /api/v1/auth/register': () => problem(409, 'Conflict', 'the email is taken', undefined, 'account.email_taken') })
    renderRoute('/register')

    await fillAndSubmit()

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('An account with this email address exists already.')
    expect(alert).not.toHaveTextContent('Conflict')
  })

  it('signs in, keeps the refresh token and goes where the user was headed', async () => {
    const fake = stubApi({
      'POST /api/v1/auth/register': () => json(authResponse('access-1', 'refresh-1'), 201),
      'GET /api/v1/me': () => json(authResponse().user),
    })
    const { router } = renderRoute('/register?next=%2Fme')

    await fillAndSubmit()

    expect(await screen.findByRole('heading', { level: 1, name: 'My profile' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/me')
    expect(getRefreshToken()).toBe('refresh-1')
    expect(await fake.sent('POST /api/v1/auth/register')[0].json()).toEqual({
      display_name: 'Ada',
      email: 'ada@example.com',
      password: 'ada@example.com',
      locale: 'en',
    })
  })
})
