// The messages sent to one endpoint, newest first: what was sent, where it stands, how many
// attempts, the last answer (status code or error) and when the next attempt is due; each can be
// sent again, and its attempts unfold below its row (status, duration, the start of the answer).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { LoadMore } from '../../ui/LoadMore'
import { ErrorAlert, QueryBoundary } from '../../ui/QueryStates'
import { useDeliveries, useRedeliver, type Delivery } from './queries'
import { TableScroll } from '../../ui/TableScroll'

type Attempt = Delivery['attempt_log'][number]

const COLUMNS = 7

function useAnswerOf() {
  const { t } = useTranslation('webhooks')
  return (attempt: Attempt) =>
    attempt.status_code !== null && attempt.status_code !== undefined
      ? t('deliveries.statusCode', { code: attempt.status_code })
      : (attempt.error ?? t('deliveries.noAnswer'))
}

function AttemptLog({ delivery, id }: { delivery: Delivery; id: string }) {
  const { t } = useTranslation('webhooks')
  const format = useFormat()
  const answerOf = useAnswerOf()
  if (delivery.attempt_log.length === 0) return <p id={id}>{t('deliveries.noAttempts')}</p>
  return (
    <ol id={id} className="attempt-log" aria-label={t('deliveries.logOf', { event: delivery.event_type })}>
      {delivery.attempt_log.map((attempt) => (
        <li key={attempt.attempt}>
          <p>
            {t('deliveries.attempt', {
              attempt: attempt.attempt,
              date: format.dateTime(attempt.attempted_at),
              duration: format.number(attempt.duration_ms),
            })}
            : <strong>{answerOf(attempt)}</strong>
          </p>
          {attempt.status_code !== null && attempt.status_code !== undefined && attempt.error && (
            <p>
              {t('deliveries.error')}: {attempt.error}
            </p>
          )}
          {attempt.response && (
            <>
              <p className="hint">{t('deliveries.response')}</p>
              {/* Focusable: a long answer scrolls, and keyboards must reach it. */}
              <pre className="attempt-response" tabIndex={0}>
                {attempt.response}
              </pre>
            </>
          )}
        </li>
      ))}
    </ol>
  )
}

export function DeliveryTable({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation('webhooks')
  const format = useFormat()
  const answerOf = useAnswerOf()
  const deliveries = useDeliveries(webhookId)
  const redeliver = useRedeliver(webhookId)
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const [resent, setResent] = useState(false)

  function toggle(id: string) {
    const next = new Set(open)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setOpen(next)
  }

  return (
    <div className="deliveries stack-sm">
      <div className="section-header">
        <h4>{t('deliveries.heading')}</h4>
        <button type="button" onClick={() => void deliveries.refetch()} disabled={deliveries.isFetching}>
          {t('deliveries.refresh')}
        </button>
      </div>
      <p role="status" className="status-line">
        {resent ? t('deliveries.redelivered') : ''}
      </p>
      {redeliver.isError && <ErrorAlert error={redeliver.error} />}
      <QueryBoundary query={deliveries}>
        {(data) => {
          const items = data.pages.flatMap((page) => page.items)
          if (items.length === 0) return <p className="muted">{t('deliveries.empty')}</p>
          return (
            <>
              <TableScroll label={t('deliveries.heading')}>
                <table className="delivery-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('deliveries.event')}</th>
                      <th scope="col">{t('deliveries.status')}</th>
                      <th scope="col" className="num">
                        {t('deliveries.attempts')}
                      </th>
                      <th scope="col">{t('deliveries.lastAnswer')}</th>
                      <th scope="col">{t('deliveries.nextAttempt')}</th>
                      <th scope="col">{t('deliveries.created')}</th>
                      <th scope="col">{t('deliveries.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((delivery) => {
                      const rowId = `delivery-${delivery.id}`
                      const logId = `${rowId}-log`
                      const expanded = open.has(delivery.id)
                      const last = delivery.attempt_log.at(-1)
                      return [
                        <tr key={delivery.id}>
                          <th scope="row" id={rowId}>
                            <code>{delivery.event_type}</code>
                          </th>
                          <td>
                            <span className={`badge delivery-${delivery.status}`}>{t(`deliveries.${delivery.status}`)}</span>
                          </td>
                          <td className="num">{format.number(delivery.attempts)}</td>
                          <td className="delivery-answer">{last ? answerOf(last) : t('deliveries.none')}</td>
                          <td>{delivery.next_attempt_at ? format.dateTime(delivery.next_attempt_at) : t('deliveries.none')}</td>
                          <td>{format.dateTime(delivery.created_at)}</td>
                          <td>
                            <div className="actions">
                              <button
                                type="button"
                                aria-expanded={expanded}
                                aria-controls={expanded ? logId : undefined}
                                aria-describedby={rowId}
                                onClick={() => toggle(delivery.id)}
                              >
                                {expanded ? t('deliveries.hideLog') : t('deliveries.showLog')}
                              </button>
                              <button
                                type="button"
                                aria-describedby={rowId}
                                disabled={redeliver.isPending}
                                onClick={() => {
                                  setResent(false)
                                  redeliver.mutate(delivery.id, { onSuccess: () => setResent(true) })
                                }}
                              >
                                {t('deliveries.redeliver')}
                              </button>
                            </div>
                          </td>
                        </tr>,
                        expanded && (
                          <tr key={`${delivery.id}-log`} className="attempt-row">
                            <td colSpan={COLUMNS}>
                              <div className="attempt-box">
                                <AttemptLog delivery={delivery} id={logId} />
                              </div>
                            </td>
                          </tr>
                        ),
                      ]
                    })}
                  </tbody>
                </table>
              </TableScroll>
              {deliveries.hasNextPage && (
                <LoadMore
                  hasMore
                  auto={false}
                  loading={deliveries.isFetchingNextPage}
                  onLoadMore={() => void deliveries.fetchNextPage()}
                />
              )}
            </>
          )
        }}
      </QueryBoundary>
    </div>
  )
}
