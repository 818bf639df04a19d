import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { renderRoute } from '../../test/renderRoute'
// The page loads lazily: imported up front, so its first load does not eat a query's wait.
import './TokensPage'

const SECRET = 'swm_pat_Xy3kSECRETpart0123456789'

function token(id: string, name: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name,
    token_prefix: `swm_pat_${id}`,
    scopes: ['campaigns:read'],
    created_at: '2026-01-01T00:00:00Z',
    expires_at: null,
    last_used_at: null,
    ...overrides,
  }
}

/** The tokens API, keeping the list in step with creations and revocations. */
function tokensApi(initial: ReturnType<typeof token>[], routes: Record<string, Handler> = {}) {
  startSession(authResponse())
  let tokens = [...initial]
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/tokens': () => json({ items: tokens, next_cursor: null }),
    'POST /api/v1/me/tokens': async (request) => {
      const body = (await request.json()) as { name: string; scopes: string[]; password?: string }
      // As the API does: a token that writes only with the password.
      if (body.scopes.some((scope) => scope.endsWith(':write')) && !body.password) {
        return problem(422, 'Unprocessable Entity', 'invalid fields: password', [
          { field: 'password', code: 'field.required', message: 'is required' },
        ])
      }
      const created = token('t9', body.name, { scopes: body.scopes, token_prefix: SECRET.slice(0, 12), expires_at: '2026-04-01T00:00:00Z' })
      tokens = [...tokens, created]
      return json({ ...created, token: SECRET }, 201)
    },
    'DELETE /api/v1/me/tokens/t1': () => {
      tokens = tokens.filter((candidate) => candidate.id !== 't1')
      return new Response(null, { status: 204 })
    },
    ...routes,
  })
}

const tokenTable = async () => within(await screen.findByRole('table'))

describe('personal access tokens', () => {
  afterEach(() => {
    // Also when a test fails half-way: the next test must not run at a fixed date.
    vi.useRealTimers()
  })

  it('lists my tokens by prefix with their scopes, use and expiry', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z'), toFake: ['Date'] })
    tokensApi([
      token('t1', 'CRM sync', { scopes: ['campaigns:read', 'votes:read'], last_used_at: '2026-02-03T10:00:00Z', expires_at: '2026-06-01T00:00:00Z' }),
      token('t2', 'Old script', { expires_at: '2026-02-01T00:00:00Z' }),
    ])
    renderRoute('/me/tokens')

    const table = await tokenTable()
    const [, crm, old] = table.getAllByRole('row')
    expect(crm).toHaveTextContent('CRM syncswm_pat_t1…campaigns:readvotes:readJan 1, 2026Feb 3, 2026')
    expect(crm).toHaveTextContent('Jun 1, 2026')
    expect(old).toHaveTextContent('Old script')
    expect(within(old).getByText('Expired Feb 1, 2026')).toBeVisible()
    expect(within(old).getAllByRole('cell')[3]).toHaveTextContent('Never')
  })

  it('says how to start when there are none, in English and German', async () => {
    tokensApi([])
    renderRoute('/me/tokens')
    expect(await screen.findByText(/You have no access tokens yet/)).toBeVisible()

    await act(() => switchLanguage('de'))

    expect(screen.getByRole('heading', { level: 1, name: 'Persönliche Zugriffstoken' })).toBeVisible()
    expect(screen.getByText(/Du hast noch keine Zugriffstoken/)).toBeVisible()
    expect(screen.getByRole('checkbox', { name: 'Kampagnen lesen' })).toBeVisible()
  })

  it('creates a token, shows its secret once with a warning and copies it; leaving the page forgets it', async () => {
    const fake = tokensApi([])
    const user = userEvent.setup()
    const { router, queryClient } = renderRoute('/me/tokens')
    await screen.findByText(/You have no access tokens yet/)

    await user.type(screen.getByRole('textbox', { name: /^Name/ }), '  CRM sync ')
    // Ticked out of order; sent in the API's order.
    await user.click(screen.getByRole('checkbox', { name: 'Read votes and rankings' }))
    await user.click(screen.getByRole('checkbox', { name: 'Read campaigns' }))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Expires after' }), '30 days')
    await user.click(screen.getByRole('button', { name: 'Create token' }))

    const secret = await screen.findByRole('region', { name: 'Your new token “CRM sync”' })
    expect(secret).toHaveTextContent('it will not be shown again')
    const field = within(secret).getByRole('textbox', { name: 'Token' })
    expect(field).toHaveValue(SECRET)
    expect(field).toHaveAttribute('readonly')
    expect(within(secret).getByRole('heading')).toHaveFocus()
    expect(await fake.sent('POST /api/v1/me/tokens')[0].json()).toEqual({
      name: 'CRM sync',
      scopes: ['campaigns:read', 'votes:read'],
      expires_in_days: 30,
    })

    await user.click(within(secret).getByRole('button', { name: 'Copy to clipboard' }))
    expect(await within(secret).findByRole('status')).toHaveTextContent('Copied to the clipboard.')
    expect(await navigator.clipboard.readText()).toBe(SECRET)

    // The list shows the new token by its prefix only, and no cache holds the secret.
    const table = await tokenTable()
    expect(await table.findByRole('rowheader', { name: 'CRM sync' })).toBeVisible()
    expect(table.queryByText(new RegExp(SECRET))).toBeNull()
    expect(JSON.stringify(queryClient.getQueryCache().getAll().map((query) => query.state.data))).not.toContain(SECRET)
    expect(JSON.stringify(queryClient.getMutationCache().getAll().map((mutation) => mutation.state.data))).not.toContain(SECRET)
    // The form is ready for the next one.
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveValue('')
    expect(screen.getByRole('checkbox', { name: 'Read campaigns' })).not.toBeChecked()

    await act(() => router.navigate('/me'))
    await screen.findByRole('heading', { level: 1, name: 'My profile' })
    await act(() => router.navigate('/me/tokens'))

    expect(await (await tokenTable()).findByRole('rowheader', { name: 'CRM sync' })).toBeVisible()
    expect(screen.queryByRole('region', { name: /Your new token/ })).toBeNull()
    expect(document.body).not.toHaveTextContent(SECRET)
  })

  it('lets me dismiss the secret, and says so when the clipboard refuses', async () => {
    tokensApi([])
    const user = userEvent.setup()
    renderRoute('/me/tokens')
    await screen.findByText(/You have no access tokens yet/)
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'))

    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Script')
    await user.click(screen.getByRole('checkbox', { name: 'Upload images' }))
    // A scope that writes: the API wants the password.
    await user.type(screen.getByLabelText(/^Your password/), 'correct horse battery')
    await user.click(screen.getByRole('button', { name: 'Create token' }))
    const secret = await screen.findByRole('region', { name: 'Your new token “Script”' })
    await user.click(within(secret).getByRole('button', { name: 'Copy to clipboard' }))

    expect(await within(secret).findByRole('alert')).toHaveTextContent('Could not copy. Select the token and copy it yourself.')
    await user.click(within(secret).getByRole('button', { name: 'I have stored it' }))
    expect(screen.queryByRole('region', { name: /Your new token/ })).toBeNull()
  })

  it('asks for a scope before sending, and puts the API’s field errors on their inputs', async () => {
    const fake = tokensApi([], {
      'POST /api/v1/me/tokens': () =>
        problem(422, 'Unprocessable Entity', 'invalid fields: name, scopes, expires_in_days, nickname', [
          { field: 'name', message: 'must not be blank' },
          { field: 'scopes[0]', message: 'unknown scope' },
          { field: 'expires_in_days', message: 'must be 1 to 3650' },
          { field: 'nickname', message: 'unknown field' },
        ]),
    })
    const user = userEvent.setup()
    renderRoute('/me/tokens')
    await screen.findByText(/You have no access tokens yet/)
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'CRM')

    await user.click(screen.getByRole('button', { name: 'Create token' }))

    expect(fake.sent('POST /api/v1/me/tokens')).toHaveLength(0)
    const first = screen.getByRole('checkbox', { name: 'Read your profile' })
    expect(first).toHaveFocus()
    expect(first).toHaveAccessibleDescription(/Choose at least one scope\./)

    await user.click(first)
    await user.click(screen.getByRole('button', { name: 'Create token' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Please correct the marked fields.')
    expect(alert).toHaveTextContent('nickname: unknown field')
    const name = screen.getByRole('textbox', { name: /^Name/ })
    expect(name).toHaveAttribute('aria-invalid', 'true')
    expect(name).toHaveFocus()
    expect(name).toHaveAccessibleDescription(/must not be blank/)
    expect(screen.getByRole('checkbox', { name: 'Read your profile' })).toHaveAccessibleDescription(/unknown scope/)
    expect(screen.getByRole('combobox', { name: 'Expires after' })).toHaveAccessibleDescription(/must be 1 to 3650/)
    expect(screen.queryByRole('region', { name: /Your new token/ })).toBeNull()
  })

  it('asks for my password only when a scope writes, and sends it with that token alone', async () => {
    const fake = tokensApi([])
    const user = userEvent.setup()
    renderRoute('/me/tokens')
    await screen.findByText(/You have no access tokens yet/)
    const passwordField = () => screen.queryByLabelText(/^Your password/)

    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'Reporting')
    await user.click(screen.getByRole('checkbox', { name: 'Read campaigns' }))
    expect(passwordField()).toBeNull()
    await user.click(screen.getByRole('checkbox', { name: 'Upload images' }))
    expect(passwordField()).toBeVisible()
    expect(passwordField()).toHaveAttribute('type', 'password')
    expect(passwordField()).toBeRequired()
    expect(passwordField()).toHaveAccessibleDescription(/confirm with your password that it is you/)
    // Without the writing scope the question goes, and nothing is sent.
    await user.click(screen.getByRole('checkbox', { name: 'Upload images' }))
    expect(passwordField()).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Create token' }))
    await screen.findByRole('region', { name: 'Your new token “Reporting”' })
    expect(await fake.sent('POST /api/v1/me/tokens')[0].json()).not.toHaveProperty('password')
    await user.click(screen.getByRole('button', { name: 'I have stored it' }))

    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'CRM sync')
    await user.click(screen.getByRole('checkbox', { name: 'Change your profile' }))
    await user.type(screen.getByLabelText(/^Your password/), 'correct horse battery')
    await user.click(screen.getByRole('button', { name: 'Create token' }))

    await screen.findByRole('region', { name: 'Your new token “CRM sync”' })
    expect(await fake.sent('POST /api/v1/me/tokens')[1].json()).toEqual({
      name: 'CRM sync',
      scopes: ['profile:write'],
      expires_in_days: 90,
      password: 'correct horse battery',
    })
    // The form forgets it with the rest.
    expect(passwordField()).toBeNull()
    await user.click(screen.getByRole('checkbox', { name: 'Change your profile' }))
    expect(passwordField()).toHaveValue('')
  })

  it('puts a missing or wrong password on the password field, in the UI’s words', async () => {
    let answer: 'field.required' | 'password.incorrect' = 'field.required'
    tokensApi([], {
      'POST /api/v1/me/tokens': () =>
        problem(422, 'Unprocessable Entity', 'invalid fields: password', [{ field: 'password', code: answer, message: 'api words' }], answer),
    })
    const user = userEvent.setup()
    renderRoute('/me/tokens')
    await screen.findByText(/You have no access tokens yet/)
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'CRM sync')
    await user.click(screen.getByRole('checkbox', { name: 'Cast votes and, as a manager, invalidate suspicious ones' }))
    await user.type(screen.getByLabelText(/^Your password/), 'x')

    await user.click(screen.getByRole('button', { name: 'Create token' }))

    const password = screen.getByLabelText(/^Your password/)
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'))
    expect(password).toHaveAccessibleDescription(/Enter your password to create a token that may change things\./)
    expect(password).toHaveFocus()

    answer = 'password.incorrect'
    await user.click(screen.getByRole('button', { name: 'Create token' }))

    await waitFor(() => expect(password).toHaveAccessibleDescription(/This is not your password\./))
    expect(screen.getByRole('alert')).not.toHaveTextContent('api words')
  })

  it('shows why when the API refuses another token (409)', async () => {
    tokensApi([], { 'POST /api/v1/me/tokens': () => problem(409, 'Conflict', 'you already have 50 tokens; revoke one first') })
    const user = userEvent.setup()
    renderRoute('/me/tokens')
    await screen.findByText(/You have no access tokens yet/)
    await user.type(screen.getByRole('textbox', { name: /^Name/ }), 'One more')
    await user.click(screen.getByRole('checkbox', { name: 'Read campaigns' }))
    await user.click(screen.getByRole('button', { name: 'Create token' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Conflict: you already have 50 tokens; revoke one first')
  })

  it('revokes a token only after confirmation, and removes its row', async () => {
    const fake = tokensApi([token('t1', 'CRM sync'), token('t2', 'Reporting')])
    const user = userEvent.setup()
    renderRoute('/me/tokens')
    const table = await tokenTable()
    const row = () => table.getByRole('row', { name: /CRM sync/ })

    await user.click(within(row()).getByRole('button', { name: 'Revoke' }))
    const question = within(row()).getByRole('group', { name: 'Revoke' })
    expect(question).toHaveTextContent('Revoke “CRM sync”? Integrations using it stop working at once.')
    await user.click(within(question).getByRole('button', { name: 'No, keep it' }))
    expect(fake.sent('DELETE /api/v1/me/tokens/t1')).toHaveLength(0)

    await user.click(within(row()).getByRole('button', { name: 'Revoke' }))
    await user.click(within(row()).getByRole('button', { name: 'Yes, revoke “CRM sync”' }))

    expect(await screen.findByRole('status')).toHaveTextContent('The token “CRM sync” was revoked.')
    expect(fake.sent('DELETE /api/v1/me/tokens/t1')).toHaveLength(1)
    expect(table.queryByRole('rowheader', { name: 'CRM sync' })).toBeNull()
    expect(table.getByRole('rowheader', { name: 'Reporting' })).toBeVisible()
  })

  it('is linked from the profile’s developer section, not the main navigation', async () => {
    tokensApi([])
    const user = userEvent.setup()
    renderRoute('/me')
    await screen.findByRole('heading', { level: 1, name: 'My profile' })
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: /token/i })).toBeNull()
    const developers = within(screen.getByRole('region', { name: 'For developers' }))

    await user.click(developers.getByRole('link', { name: 'Access tokens for integrations' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Personal access tokens' })).toBeVisible()
  })
})
