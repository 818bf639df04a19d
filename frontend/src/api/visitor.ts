// Who this browser is to a campaign's audience counts, and which invitation brought it. The
// visitor id is random, made on the first campaign visit and kept, so that the API counts a
// visitor once and can credit their later sign-up to the link they first came through. The
// invitation code (`?via=`) of the first link opened is kept until an account is created with it.
// Here, below the features, since two of them need it: reach records visits, auth sends both with
// a sign-up.
import { randomId } from './randomId'

const VISITOR_KEY = 'schwarm.visitorId'
const VIA_KEY = 'schwarm.via'

/** The shape the API accepts for `via`; anything else in a link is ignored, not sent. */
const CODE = /^[A-Za-z0-9_-]{1,64}$/
/** The shape the API accepts for `visitor_id`. */
const VISITOR = /^[A-Za-z0-9_-]{8,64}$/

export function isInvitationCode(value: string): boolean {
  return CODE.test(value)
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}

function write(key: string, value: string | null): boolean {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
    return true
  } catch {
    return false
  }
}

// Where storage is refused (privacy settings), kept in memory: one visitor per page load.
let unstored: string | undefined

/** This browser's visitor id, made on first use. */
export function visitorId(): string {
  const stored = storedVisitorId()
  if (stored !== null) return stored
  const id = randomId()
  if (!write(VISITOR_KEY, id)) unstored = id
  return id
}

/** The visitor id, if this browser has visited a campaign; never makes one. */
export function storedVisitorId(): string | null {
  const stored = read(VISITOR_KEY) ?? unstored ?? null
  return stored !== null && VISITOR.test(stored) ? stored : null
}

/** Remember the invitation code of a link; the first one opened keeps the credit. */
export function rememberVia(code: string): void {
  if (!isInvitationCode(code) || rememberedVia() !== null) return
  write(VIA_KEY, code)
}

export function rememberedVia(): string | null {
  const code = read(VIA_KEY)
  return code !== null && isInvitationCode(code) ? code : null
}

/** The code has been credited with a sign-up: a later account on this browser was not invited. */
export function forgetVia(): void {
  write(VIA_KEY, null)
}
