// A pledge's state as a badge with its name (explain.ts says what it means).
import { useTranslation } from 'react-i18next'
import type { PledgeStatus } from './queries'

export function StatusBadge({ status }: { status: PledgeStatus }) {
  const { t } = useTranslation('funding')
  return <span className={`badge pledge-${status}`}>{t(`status.${status}`)}</span>
}
