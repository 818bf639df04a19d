// A claim's state as a badge with its name.
import { useTranslation } from 'react-i18next'
import type { ClaimStatus } from './queries'

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation('microtasks')
  return <span className={`badge claim-${status}`}>{t(`status.${status}`)}</span>
}
