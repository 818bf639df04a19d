// The signed-in user's notifications: the inbox (`GET /me/notifications`, newest first), the
// bell's unread count, marking read, the settings per category, and the public unsubscribe link.
// Keys come from `notificationKeys` (under `meKeys`: they go with the signed-in user).
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import { notificationKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import { useSignedIn } from '../auth/useSession'

export type Notification = Schemas['NotificationResponse']
export type NotificationSettings = Schemas['NotificationSettings']
export type CategorySetting = Schemas['CategorySetting']

const PAGE_SIZE = 20

/** How often the bell asks for the count while a page is open (and in front). */
export const UNREAD_POLL_MS = 30_000

export const notificationQueries = {
  inbox: (unreadOnly: boolean) =>
    infiniteQueryOptions({
      queryKey: notificationKeys.inbox(unreadOnly),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/me/notifications', {
            params: { query: { limit: PAGE_SIZE, cursor: pageParam, ...(unreadOnly ? { unread_only: true } : {}) } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
  unread: () =>
    queryOptions({
      queryKey: notificationKeys.unread(),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me/notifications/unread', { signal })),
      refetchInterval: UNREAD_POLL_MS,
    }),
  settings: () =>
    queryOptions({
      queryKey: notificationKeys.settings(),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me/notification-settings', { signal })),
    }),
}

export function useInbox(unreadOnly: boolean) {
  return useInfiniteQuery(notificationQueries.inbox(unreadOnly))
}

/** How many notifications are unread; idle while nobody is signed in. */
export function useUnreadCount() {
  const signedIn = useSignedIn()
  return useQuery({ ...notificationQueries.unread(), enabled: signedIn })
}

/** Marks some notifications (`{ ids }`) or all of them (`{ all: true }`) read. */
export function useMarkRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['MarkReadRequest']) => unwrap(api.POST('/api/v1/me/notifications/read', { body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: notificationKeys.inboxes() }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.unread() }),
      ]),
  })
}

export function useNotificationSettings() {
  return useQuery(notificationQueries.settings())
}

export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: NotificationSettings) => unwrap(api.PUT('/api/v1/me/notification-settings', { body })),
    onSuccess: (settings) => queryClient.setQueryData(notificationQueries.settings().queryKey, settings),
  })
}

/**
 * Follows an email's unsubscribe link. Public: the token names the person, so it works signed out,
 * or signed in as someone else.
 */
export function useUnsubscribe() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/api/v1/notifications/unsubscribe', { params: { query: { token } } })),
    // If it was the signed-in user's own link, their settings changed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.settings() }),
  })
}
