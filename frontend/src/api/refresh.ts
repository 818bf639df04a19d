// Exchanges the refresh token for a new access token, once at a time. Refresh tokens rotate and
// a reused one revokes the whole session, so parallel 401s must share one refresh (single-flight
// in this tab) and tabs must take turns (a Web Lock, where the browser has them).
import { authApi } from './bareClient'
import { endSession, getRefreshToken, startSession } from './session'

const LOCK_NAME = 'schwarm.refresh'

let inFlight: Promise<string | null> | null = null

/** Resolves to a fresh access token, or `null` when there is no session (any more). */
export function refreshAccessToken(): Promise<string | null> {
  inFlight ??= withCrossTabLock(exchange).finally(() => {
    inFlight = null
  })
  return inFlight
}

async function withCrossTabLock(task: () => Promise<string | null>): Promise<string | null> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  return locks ? await locks.request(LOCK_NAME, task) : task()
}

async function exchange(): Promise<string | null> {
  // Read inside the lock: another tab may have rotated the token while we waited.
  const refreshToken = getRefreshToken()
  if (refreshToken === null) return null
  let result
  try {
    result = await authApi.POST('/api/v1/auth/refresh', { body: { refresh_token: refreshToken } })
  } catch {
    // Offline or the server is down: the session may still be good, so keep it.
    return null
  }
  if (result.data) {
    startSession(result.data)
    return result.data.access_token
  }
  // 401 (expired, revoked, reused) or 422 (garbage in storage): this session is over. Anything else
  // (429, 5xx) is passing trouble and keeps the session for a later try.
  if (result.response.status === 401 || result.response.status === 422) endSession('expired')
  return null
}
