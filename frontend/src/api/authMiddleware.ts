// openapi-fetch middleware: sends the access token, and on a 401 refreshes it once and retries the
// request, so an expired access token never reaches the UI. When the refresh fails the session
// has already been ended (see refresh.ts) and the 401 goes through for the page to handle.
import type { Middleware } from 'openapi-fetch'
import { refreshAccessToken } from './refresh'
import { getAccessToken, getRefreshToken } from './session'

interface Sent {
  /** An unsent copy: fetch consumes the body, and a retry needs it again. */
  copy: Request
  token: string
}

/** Requests that carried a token, by openapi-fetch's request id, until their response is in. */
const sent = new Map<string, Sent>()

export const authMiddleware: Middleware = {
  async onRequest({ request, id }) {
    // After a reload only the refresh token is left: get an access token before the first call,
    // or a draft the user may see would answer 404 to an anonymous request.
    const token = getAccessToken() ?? (getRefreshToken() !== null ? await refreshAccessToken() : null)
    if (token === null) return undefined
    request.headers.set('Authorization', `Bearer ${token}`)
    sent.set(id, { copy: request.clone(), token })
    return request
  },

  async onResponse({ response, id, options }) {
    const request = sent.get(id)
    sent.delete(id)
    if (response.status !== 401 || request === undefined) return undefined
    // A parallel request may have refreshed while this one was under way: use its token.
    const current = getAccessToken()
    const token = current !== null && current !== request.token ? current : await refreshAccessToken()
    if (token === null) return undefined
    request.copy.headers.set('Authorization', `Bearer ${token}`)
    return options.fetch(request.copy)
  },

  onError({ id }) {
    sent.delete(id)
  },
}
