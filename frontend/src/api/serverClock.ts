// The server's clock as this browser can tell it. A countdown to a phase's end must count on the
// clock that ends the phase: the browser's may be minutes (or a time zone's worth of a wrong
// setting) off. Each campaign response's `Date` header says what time the server had when it
// answered; the difference to this browser's clock is kept (the latest one wins) and added to
// `Date.now()` wherever the UI counts down to a boundary the server decides.

/**
 * The server's clock minus this browser's, from a response's `Date` (whole seconds, so half a
 * second is added); `undefined` without one.
 */
export function clockSkew(response: Response, receivedAt = Date.now()): number | undefined {
  const sent = Date.parse(response.headers.get('Date') ?? '')
  return Number.isNaN(sent) ? undefined : sent + 500 - receivedAt
}

let skew = 0

/** Notes the server's clock from a response; one without a `Date` header changes nothing. */
export function noteServerClock(response: Response, receivedAt = Date.now()): void {
  skew = clockSkew(response, receivedAt) ?? skew
}

/** The server's clock minus this browser's, in ms, as last seen (0 before any response said). */
export function serverSkew(): number {
  return skew
}

/** Forgets what the server's clock said (tests start from this browser's clock). */
export function resetServerClock(): void {
  skew = 0
}
