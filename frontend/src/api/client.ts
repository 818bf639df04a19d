// The one typed client for the Schwarm API. Request and response types come from schema.d.ts,
// which `npm run gen:api` generates from the backend's openapi.yaml; never write them by hand.
import { authMiddleware } from './authMiddleware'
import { createBareClient } from './bareClient'

export type { Schemas } from './types'

/** Every call except the auth endpoints goes through here: it carries and refreshes the session. */
export const api = createBareClient()
api.use(authMiddleware)
