// The header's bell: a link to the inbox that shows how many notifications are unread. The count
// is asked for again every half minute (and whenever the window comes back into focus), and after
// anything is marked read.
import { useTranslation } from 'react-i18next'
import { NavLink } from 'react-router'
import { useFormat } from '../../i18n/format'
import { useUnreadCount } from './queries'

/** More than this shows as "99+" (the accessible name keeps the exact number). */
const MAX_SHOWN = 99

export function NotificationBell() {
  const { t } = useTranslation('notifications')
  const format = useFormat()
  const unread = useUnreadCount()
  // A count that cannot be read leaves the bell without a number rather than with an error.
  const total = unread.data?.total ?? 0
  const label = total > 0 ? t('bell.unread', { count: total }) : t('bell.none')
  return (
    <NavLink to="/notifications" className="bell" aria-label={label} title={label}>
      <svg aria-hidden="true" focusable="false" width="22" height="22" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 9a6 6 0 0 1 12 0c0 6 2.5 8 2.5 8h-17S6 15 6 9" />
        <path d="M10 20.5a2.2 2.2 0 0 0 4 0" />
      </svg>
      {total > 0 && (
        <span className="bell-count" aria-hidden="true">
          {total > MAX_SHOWN ? `${format.number(MAX_SHOWN)}+` : format.number(total)}
        </span>
      )}
    </NavLink>
  )
}
