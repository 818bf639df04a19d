// An organization's webhook endpoints and the messages sent to them. Keys come from
// `webhookKeys`. A signing secret arrives only in the answers of creating an endpoint and of
// rotating its secret; those go straight to the page and are kept out of every cache.
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import { webhookKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'

export type Webhook = Schemas['WebhookResponse']
export type WebhookWithSecret = Schemas['WebhookWithSecret']
export type Delivery = Schemas['DeliveryResponse']
export type CreateWebhookRequest = Schemas['CreateWebhookRequest']
export type UpdateWebhookRequest = Schemas['UpdateWebhookRequest']

// An organization has at most 20 endpoints: the largest page holds them all.
const WEBHOOKS_PAGE = 100
const DELIVERIES_PAGE = 10
/** While a delivery's next attempt is this close, its table asks again every few seconds. */
const SOON_MS = 60_000
const WATCH_MS = 3_000

const dueSoon = (delivery: Delivery, now: number) =>
  delivery.status === 'pending' && (!delivery.next_attempt_at || Date.parse(delivery.next_attempt_at) - now < SOON_MS)

export const webhookQueries = {
  list: (organizationSlug: string) =>
    queryOptions({
      queryKey: webhookKeys.list(organizationSlug),
      queryFn: async ({ signal }) => {
        const page = await unwrap(
          api.GET('/api/v1/organizations/{slug}/webhooks', {
            params: { path: { slug: organizationSlug }, query: { limit: WEBHOOKS_PAGE } },
            signal,
          }),
        )
        return page.items
      },
    }),
  deliveries: (id: string) =>
    infiniteQueryOptions({
      queryKey: webhookKeys.deliveries(id),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          api.GET('/api/v1/webhooks/{id}/deliveries', {
            params: { path: { id }, query: { limit: DELIVERIES_PAGE, cursor: pageParam } },
            signal,
          }),
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
      // A message about to be tried shows its outcome without a reload.
      refetchInterval: (query) => {
        const now = Date.now()
        const watching = query.state.data?.pages.some((page) => page.items.some((delivery) => dueSoon(delivery, now)))
        return watching ? WATCH_MS : false
      },
    }),
}

export function useWebhooks(organizationSlug: string) {
  return useQuery(webhookQueries.list(organizationSlug))
}

export function useDeliveries(id: string) {
  return useInfiniteQuery(webhookQueries.deliveries(id))
}

/** Puts a changed endpoint into its organization's list at once; the refetch confirms it. */
function refreshEndpoint(queryClient: QueryClient, webhook: Webhook) {
  queryClient.setQueryData(webhookQueries.list(webhook.organization).queryKey, (list) =>
    list?.map((candidate) => (candidate.id === webhook.id ? webhook : candidate)),
  )
  return queryClient.invalidateQueries({ queryKey: webhookKeys.list(webhook.organization) })
}

/** Without the secret: what the list shows of an endpoint. */
function withoutSecret({ secret: _secret, ...webhook }: WebhookWithSecret): Webhook {
  return webhook
}

export function useCreateWebhook(organizationSlug: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateWebhookRequest) =>
      unwrap(api.POST('/api/v1/organizations/{slug}/webhooks', { params: { path: { slug: organizationSlug } }, body })),
    // The answer holds the secret: drop the mutation as soon as nothing observes it.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.list(organizationSlug) }),
  })
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateWebhookRequest }) =>
      unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body })),
    onSuccess: (webhook) => refreshEndpoint(queryClient, webhook),
  })
}

export function useDeleteWebhook(organizationSlug: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrapEmpty(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: (_nothing, id) => {
      queryClient.setQueryData(webhookQueries.list(organizationSlug).queryKey, (list) => list?.filter((webhook) => webhook.id !== id))
      queryClient.removeQueries({ queryKey: webhookKeys.deliveries(id) })
      return queryClient.invalidateQueries({ queryKey: webhookKeys.list(organizationSlug) })
    },
  })
}

export function useRotateSecret() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id } } })),
    gcTime: 0,
    onSuccess: (rotated) => refreshEndpoint(queryClient, withoutSecret(rotated)),
  })
}

/** Sends the endpoint a `webhook.ping`; it is logged among its deliveries like any message. */
export function usePing() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/webhooks/{id}/ping', { params: { path: { id } } })),
    onSuccess: (_delivery, id) => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(id) }),
  })
}

export function useRedeliver(webhookId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (deliveryId: string) =>
      unwrap(
        api.POST('/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver', {
          params: { path: { id: webhookId, delivery_id: deliveryId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(webhookId) }),
  })
}
