// A random id for this browser, sent as `X-Device-Id` with votes: the API keeps only a salted hash
// of it and uses it to spot many accounts voting from one device (vote integrity). It identifies a
// device, not a person, and is made once and kept, so that it means the same device next time.
const KEY = 'schwarm.deviceId'

/** A random id that fits the API's id patterns (letters, digits, `-`). */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

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
