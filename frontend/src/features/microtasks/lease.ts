// When the time left on a lease shows as running out (LeaseTimer): its own module, so that
// LeaseTimer.tsx exports only the component.

/** Below this, the time shows as running out... */
const LOW_MS = 60_000

/** ...or below a quarter of the lease, when the lease is short: a one-minute lease must not
 * start out "running out" (and drown the "answer sent" that came just before). */
export function lowBelow(claim: { created_at: string; lease_expires_at: string }): number {
  const length = Date.parse(claim.lease_expires_at) - Date.parse(claim.created_at)
  return Number.isFinite(length) && length > 0 ? Math.min(LOW_MS, length / 4) : LOW_MS
}
