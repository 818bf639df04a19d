// A stand-in for the API in component tests: routes `METHOD /api/v1/path` to handlers and records
// every request, so a test can assert both what the UI shows and what it sent.
import { vi } from 'vitest'

export type Handler = (request: Request) => Response | Promise<Response>

export function json(body: unknown, status = 200): Response {
  const contentType = status >= 400 ? 'application/problem+json' : 'application/json'
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })
}

/**
 * A code this client does not know, as a newer server may send: the UI then shows the API's own
 * (English) message. Tests about the translated wording pass a real code.
 */
export const UNKNOWN_CODE = 'test.unknown_to_client'

/** A problem+json answer as the API gives it: every refusal has a machine `code`. */
export function problem(
  status: number,
  title: string,
  detail?: string,
  errors?: { field: string; message: string; code?: string; params?: Record<string, unknown> }[],
  code = UNKNOWN_CODE,
  params?: Record<string, unknown>,
) {
  const coded = errors?.map((error) => ({ code: UNKNOWN_CODE, ...error }))
  return json({ type: `urn:schwarm:problem:${code}`, title, status, code, detail, params, errors: coded }, status)
}

export function stubApi(routes: Record<string, Handler>) {
  const requests: Request[] = []
  const fetch = vi.fn(async (request: Request) => {
    // Keep a copy: the handler may read the body, and so may the test afterwards.
    requests.push(request.clone())
    const url = new URL(request.url)
    const handler = routes[`${request.method} ${url.pathname}`]
    if (!handler) return problem(404, 'Not Found', `no stub for ${request.method} ${url.pathname}`)
    return handler(request)
  })
  vi.stubGlobal('fetch', fetch)
  return {
    fetch,
    requests,
    /** The requests sent to `METHOD /path`. */
    sent: (route: string) => requests.filter((request) => `${request.method} ${new URL(request.url).pathname}` === route),
  }
}

export const me = {
  id: '01890000-0000-7000-8000-000000000001',
  email: 'ada@example.com',
  display_name: 'Ada',
  locale: 'en' as const,
  email_verified: true,
  created_at: '2026-01-01T00:00:00Z',
}

export function authResponse(accessToken = 'access-1', refreshToken = 'refresh-1') {
  return { user: me, access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', expires_in: 900 }
}
