// A random id for this browser, sent as `X-Device-Id` with votes: the API keeps only a salted hash
// of it and uses it to spot many accounts voting from one device (vote integrity). It identifies a
// device, not a person, and is made once and kept, so that it means the same device next time.
import { randomId } from '../../api/randomId'

const KEY = 'schwarm.deviceId'

// Kept in memory too, so that a browser that refuses storage still sends one id per page load.
let fallback: string | undefined

export function deviceId(): string {
  try {
    const stored = localStorage.getItem(KEY)
    if (stored) return stored
    const id = fallback ?? randomId()
    localStorage.setItem(KEY, id)
    return id
  } catch {
    fallback ??= randomId()
    return fallback
  }
}
