// An openapi-fetch client without the session middleware, for the auth endpoints themselves:
// refreshing through the middleware would recurse on a 401.
import createClient from 'openapi-fetch'
import { refusalMiddleware } from './refusals'
import type { paths } from './types'

export function createBareClient() {
  const client = createClient<paths>({
    // The spec's paths already carry the `/api/v1` prefix, so the base is just this origin. It must
    // be absolute: openapi-fetch builds a `Request`, which rejects relative URLs outside a browser.
    baseUrl: window.location.origin,
    // Look `fetch` up per call instead of capturing it now, so test stubs apply.
    fetch: (request) => globalThis.fetch(request),
  })
  // Registered first, so its onResponse runs last: it sees the answer after a refreshed retry.
  client.use(refusalMiddleware)
  return client
}

export const authApi = createBareClient()
