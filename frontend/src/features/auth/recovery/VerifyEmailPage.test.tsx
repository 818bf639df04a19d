import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode } from 'react'
import { I18nextProvider } from 'react-i18next'
import { createMemoryRouter } from 'react-router'
import { RouterProvider } from 'react-router/dom'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../../api/session'
import { routes } from '../../../app/routes'
import { i18n, switchLanguage } from '../../../i18n'
import { authResponse, json, me, stubApi, type Handler } from '../../../test/fakeApi'
import { renderRoute } from '../../../test/renderRoute'
// The route loads this page lazily; loaded with the test file instead (see the README).
import './VerifyEmailPage'

const TOKEN = 'vfy_Y29uZmlybS10aGUtYWRkcmVzcy1vZi1hZGEtcGxlYXNl'
const PAGE = `/verify-email/${TOKEN}`
const VERIFY = 'POST /api/v1/auth/verify-email'
const RESEND = 'POST /api/v1/me/email-verification'

const noContent = () => new Response(null, { status: 204 })
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

/** The API as Ada sees it, signed in with her address not (yet) confirmed. */
function signedInApi(routes: Record<string, Handler>, verified: { now: boolean }) {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json({ ...me, email_verified: verified.now }),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    ...routes,
  })
}

describe('the address confirmation link', () => {
  it('confirms with one request, also under React’s strict mode, which runs effects twice', async () => {
    const fake = stubApi({ [VERIFY]: noContent })
    // As main.tsx renders the app.
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const router = createMemoryRouter(routes, { initialEntries: [PAGE] })
    render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <QueryClientProvider client={queryClient}>
            <RouterProvider router={router} />
          </QueryClientProvider>
        </I18nextProvider>
      </StrictMode>,
    )

    expect(await screen.findByText('Your email address is confirmed. Thank you!')).toBeVisible()
    const sent = fake.sent(VERIFY)
    expect(sent).toHaveLength(1)
    expect(await sent[0].json()).toEqual({ token: TOKEN })
    // Signed out: the way on is to sign in (to the profile).
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login?next=%2Fme')
  })

  it('asks for the signed-in account again, so the profile knows the address is confirmed', async () => {
    const verified = { now: false }
    // The page has just loaded: the account was asked for before the confirmation, and that
    // answer (not confirmed) arrives only after it.
    let confirmed = () => {}
    const afterConfirming = new Promise<void>((resolve) => (confirmed = resolve))
    const fake = signedInApi(
      {
        'GET /api/v1/me': async () => {
          const answer = json({ ...me, email_verified: verified.now })
          if (!verified.now) await afterConfirming
          return answer
        },
        [VERIFY]: () => {
          verified.now = true
          confirmed()
          return noContent()
        },
      },
      verified,
    )
    const user = userEvent.setup()
    const { queryClient } = renderRoute(PAGE)

    expect(await screen.findByText('Your email address is confirmed. Thank you!')).toBeVisible()
    await waitFor(() => expect(queryClient.getQueryData(['me', 'account'])).toMatchObject({ email_verified: true }))
    expect(fake.sent(VERIFY)[0].headers.get('Authorization')).toBeNull()

    await user.click(within(screen.getByRole('main')).getByRole('link', { name: 'Go to my profile' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'My profile' })).toBeVisible()
    expect(screen.queryByRole('region', { name: 'Confirm your email address' })).toBeNull()
  })

  it('says in German why a used link no longer works, and offers someone signed out to sign in for a new one', async () => {
    await switchLanguage('de')
    const fake = stubApi({ [VERIFY]: gone('used') })
    renderRoute(PAGE)

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Dieser Link wurde schon benutzt, oder inzwischen wurde ein neuerer verschickt. Nur der neueste Link funktioniert, und nur einmal.',
    )
    expect(screen.getByRole('link', { name: 'Melde dich an, um einen neuen Link anzufordern' })).toHaveAttribute(
      'href',
      '/login?next=%2Fme',
    )
    expect(screen.queryByText(/account_link|no longer works/)).toBeNull()
    expect(fake.sent(VERIFY)).toHaveLength(1)
  })

  it('sends a signed-in user whose link expired a new one on request', async () => {
    const fake = signedInApi({ [VERIFY]: gone('expired'), [RESEND]: () => new Response(null, { status: 202 }) }, { now: false })
    const user = userEvent.setup()
    renderRoute(PAGE)

    expect(await screen.findByRole('alert')).toHaveTextContent('This link has expired: a confirmation link works for seven days.')
    await user.click(await screen.findByRole('button', { name: 'Send me a new link' }))

    expect(await screen.findByRole('status')).toHaveTextContent('A new link is on its way to ada@example.com. It works for seven days.')
    expect(fake.sent(RESEND)).toHaveLength(1)
    expect(fake.sent(RESEND)[0].headers.get('Authorization')).toBe('Bearer access-1')
  })

  it('tells a signed-in user whose address is confirmed already that nothing is left to do', async () => {
    signedInApi({ [VERIFY]: gone('used') }, { now: true })
    renderRoute(PAGE)

    expect(await screen.findByRole('alert')).toHaveTextContent(/^This link has been used already/)
    expect(await screen.findByText('Your email address is confirmed already: there is nothing more to do.')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Send me a new link' })).toBeNull()

    await act(() => switchLanguage('de'))
    expect(screen.getByText('Deine E-Mail-Adresse ist bereits bestätigt: Es gibt nichts mehr zu tun.')).toBeVisible()
  })
})
