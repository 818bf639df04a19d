// How long my lease on the task lasts (on the server's clock, see runner.ts), with "More time".
// The time counts down each second without being read out; a minute before the end one
// message says so (through the runner's status line).
import { useTranslation } from 'react-i18next'
import { clockText } from './wording'

interface Props {
  left: number
  /** From `lowBelow` (lease.ts). */
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
