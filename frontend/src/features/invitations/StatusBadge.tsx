// Whether an invitation can still be accepted, as a badge: words, with a colour besides.
import { useTranslation } from 'react-i18next'
import type { InvitationStatus } from './queries'

export function StatusBadge({ status }: { status: InvitationStatus }) {
  const { t } = useTranslation('invitations')
  return <span className={`badge invitation-${status}`}>{t(`status.${status}`)}</span>
}
