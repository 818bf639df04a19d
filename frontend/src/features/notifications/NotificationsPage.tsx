// `/notifications`: the signed-in user's inbox, newest first. Unread ones are marked (in words,
// not by colour alone); opening one marks it read, and so does its own button or "mark all".
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { CheckboxField } from '../../forms/Field'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { PageTitle } from '../../ui/PageTitle'
import { EmptyState, ErrorAlert, QueryBoundary } from '../../ui/QueryStates'
import { useDescribeNotification } from './describe'
import { useInbox, useMarkRead, useUnreadCount, type Notification } from './queries'

function NotificationItem({ notification, onRead }: { notification: Notification; onRead: () => void }) {
  const { t } = useTranslation('notifications')
  const format = useFormat()
  const describe = useDescribeNotification()
  const { text, href } = describe(notification)
  const unread = !notification.read_at
  const textId = `notification-${notification.id}`
  return (
    <li className={unread ? 'notification unread' : 'notification'}>
      <p className="notification-text">
        {unread && (
          <>
            <span className="badge badge-new">{t('inbox.new')}</span>{' '}
          </>
        )}
        {href ? (
          <Link id={textId} to={href} onClick={unread ? onRead : undefined}>
            {text}
          </Link>
        ) : (
          <span id={textId}>{text}</span>
        )}
      </p>
      <div className="notification-meta">
        <time dateTime={notification.updated_at} className="muted">
          {format.dateTime(notification.updated_at)}
        </time>
        {unread && (
          <button type="button" className="link-button" aria-describedby={textId} onClick={onRead}>
            {t('inbox.markRead')}
          </button>
        )}
      </div>
    </li>
  )
}

export function NotificationsPage() {
  const { t } = useTranslation('notifications')
  const [params, setParams] = useSearchParams()
  const unreadOnly = params.get('unread') === '1'
  const inbox = useInbox(unreadOnly)
  const unread = useUnreadCount()
  const markRead = useMarkRead()
  const [markedAll, setMarkedAll] = useState(false)
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? []
  const anyUnread = (unread.data?.total ?? 0) > 0 || items.some((item) => !item.read_at)

  return (
    <div className="narrow stack">
      <PageTitle>{t('inbox.pageTitle')}</PageTitle>
      <h1 id="inbox-heading">{t('inbox.heading')}</h1>
      <div className="inbox-tools">
        <CheckboxField
          label={t('inbox.unreadOnly')}
          checked={unreadOnly}
          onChange={(event) => setParams(event.target.checked ? { unread: '1' } : {}, { replace: true })}
        />
        <button
          type="button"
          disabled={markRead.isPending || !anyUnread}
          onClick={() => {
            setMarkedAll(false)
            markRead.mutate({ all: true }, { onSuccess: () => setMarkedAll(true) })
          }}
        >
          {t('inbox.markAllRead')}
        </button>
      </div>
      {/* Always in the document, so the announcement is read when the text appears. */}
      <p role="status" className="status-line">
        {markedAll ? t('inbox.markedAll') : ''}
      </p>
      {markRead.isError && <ErrorAlert error={markRead.error} />}
      <QueryBoundary query={inbox}>
        {() =>
          items.length === 0 ? (
            <EmptyState>
              <p>{unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')}</p>
            </EmptyState>
          ) : (
            <>
              <ul className="notification-list" aria-labelledby="inbox-heading">
                {items.map((notification) => (
                  <NotificationItem
                    key={notification.id}
                    notification={notification}
                    onRead={() => markRead.mutate({ ids: [notification.id] })}
                  />
                ))}
              </ul>
              <LoadMore hasMore={inbox.hasNextPage} loading={inbox.isFetchingNextPage} onLoadMore={() => void inbox.fetchNextPage()} />
            </>
          )
        }
      </QueryBoundary>
      <p>
        <Link to="/me#notifications">{t('inbox.settingsLink')}</Link>
      </p>
    </div>
  )
}
