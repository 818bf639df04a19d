// Who is signed in, as far as this browser knows. The access token lives in memory only (a
// script injected later cannot read it from storage); the refresh token is persisted so that a
// reload or a new tab stays signed in. Other tabs' sign-ins and sign-outs arrive through the
// `storage` event.
import type { Schemas } from './types'

export const REFRESH_TOKEN_KEY = 'schwarm.refreshToken'

/** Why the session ended, so the UI can say so; `null` while signed in or after a plain sign-out. */
export type EndReason = 'expired' | null

type Listener = () => void

let accessToken: string | null = null
let endReason: EndReason = null
const listeners = new Set<Listener>()

function notify() {
  for (const listener of listeners) listener()
}

function readRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_TOKEN_KEY)
  } catch {
    return null
  }
}

function writeRefreshToken(token: string | null) {
  try {
    if (token === null) localStorage.removeItem(REFRESH_TOKEN_KEY)
    else localStorage.setItem(REFRESH_TOKEN_KEY, token)
  } catch {
    // Without storage the session lasts as long as this page: still usable.
  }
}

/** A token pair was issued (register, login, refresh). */
export function startSession(auth: Schemas['AuthResponse']): void {
  accessToken = auth.access_token
  endReason = null
  writeRefreshToken(auth.refresh_token)
  notify()
}

/** Forget both tokens; `reason` tells the UI whether the user asked for it. */
export function endSession(reason: EndReason = null): void {
  const wasSignedIn = accessToken !== null || readRefreshToken() !== null
  accessToken = null
  writeRefreshToken(null)
  endReason = wasSignedIn ? reason : endReason
  notify()
}

export function getAccessToken(): string | null {
  return accessToken
}

export function getRefreshToken(): string | null {
  return readRefreshToken()
}

export function isSignedIn(): boolean {
  return accessToken !== null || readRefreshToken() !== null
}

export function getEndReason(): EndReason {
  return endReason
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

// Another tab signed out (refresh token removed) or rotated it: our access token may be from a
// session that no longer exists, so drop it and let the next request refresh.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== REFRESH_TOKEN_KEY && event.key !== null) return
    if (event.newValue === null) accessToken = null
    notify()
  })
}
