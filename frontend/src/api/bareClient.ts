// An openapi-fetch client without the session middleware, for the auth endpoints themselves:
// refreshing through the middleware would recurse on a 401.
import createClient from 'openapi-fetch'
import type { paths } from './types'

export function createBareClient() {
  return createClient<paths>({
    // The spec's paths already carry the `/api/v1` prefix, so the base is just this origin. It must
    // be absolute: openapi-fetch builds a `Request`, which rejects relative URLs outside a browser.
    baseUrl: window.location.origin,
    // Look `fetch` up per call instead of capturing it now, so test stubs apply.
    fetch: (request) => globalThis.fetch(request),
  })
}

export const authApi = createBareClient()
