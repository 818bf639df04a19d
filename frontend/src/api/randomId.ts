// Random ids this browser makes for itself and sends to the API: the visitor id of reach
// (api/visitor.ts) and the device id of votes (features/votes/deviceId.ts).

/** A random id that fits the API's id patterns (letters, digits, `-`). */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}
