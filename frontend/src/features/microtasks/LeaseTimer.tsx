// How long my lease on the task lasts (on the server's clock, see runner.ts), with "More time".
// The time counts down each second without being read out; a minute before the end one
// message says so (through the runner's status line).
import { useTranslation } from 'react-i18next'
import { clockText } from './wording'

/** Below this, the time shows as running out... */
const LOW_MS = 60_000

/** ...or below a quarter of the lease, when the lease is short: a one-minute lease must not
 * start out "running out" (and drown the "answer sent" that came just before). */
export function lowBelow(claim: { created_at: string; lease_expires_at: string }): number {
  const length = Date.parse(claim.lease_expires_at) - Date.parse(claim.created_at)
  return Number.isFinite(length) && length > 0 ? Math.min(LOW_MS, length / 4) : LOW_MS
}

interface Props {
  left: number
  /** From `lowBelow`. */
  lowMs: number
  extending: boolean
  onExtend: () => void
}

export function LeaseTimer({ left, lowMs, extending, onExtend }: Props) {
  const { t } = useTranslation('microtasks')
  return (
    <div className="lease">
      <p role="timer" className={left < lowMs ? 'lease-time low' : 'lease-time'}>
        {t('runner.timeLeft', { time: clockText(left) })}
      </p>
      <button type="button" disabled={extending || left <= 0} onClick={onExtend}>
        {extending ? t('runner.extending') : t('runner.extend')}
      </button>
    </div>
  )
}
