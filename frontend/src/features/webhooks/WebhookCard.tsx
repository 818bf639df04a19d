// One endpoint: its address and status (with why it is off, or since when it keeps failing),
// what it receives, its actions (test message, switch off or on, new secret, delete) and its
// deliveries.
import { useTranslation } from 'react-i18next'
import type { Schemas } from '../../api/types'
import { useFormat } from '../../i18n/format'
import { ConfirmButton } from '../../ui/ConfirmButton'
import { ErrorAlert } from '../../ui/QueryStates'
import { DeliveryTable } from './DeliveryTable'
import { anchorOf } from './links'
import { usePing, useRotateSecret, useUpdateWebhook, type Webhook, type WebhookWithSecret } from './queries'

/** What the card says about why an endpoint is switched off. */
const DISABLED_REASON = {
  manager: 'list.disabledByManager',
  failing: 'list.disabledAfterFailures',
} as const satisfies Record<Schemas['DisabledReason'], string>

interface Props {
  webhook: Webhook
  /** The title of the campaign it is limited to, when known. */
  campaignTitle: string | undefined
  onRotated: (rotated: WebhookWithSecret) => void
  onDelete: () => void
  deleting: boolean
}

export function WebhookCard({ webhook, campaignTitle, onRotated, onDelete, deleting }: Props) {
  const { t } = useTranslation('webhooks')
  const format = useFormat()
  const update = useUpdateWebhook()
  const ping = usePing()
  const rotate = useRotateSecret()
  const headingId = `${anchorOf(webhook.id)}-heading`
  const types = webhook.event_types

  return (
    <article id={anchorOf(webhook.id)} className="card stack-sm webhook" aria-labelledby={headingId}>
      <div className="webhook-head">
        <h3 id={headingId}>
          <code>{webhook.url}</code>
        </h3>
        <span className={webhook.enabled ? 'badge webhook-enabled' : 'badge webhook-disabled'}>
          {webhook.enabled ? t('list.enabled') : t('list.disabled')}
        </span>
      </div>
      {webhook.description && <p>{webhook.description}</p>}
      {!webhook.enabled && webhook.disabled_reason && (
        <p className="notice">
          <strong>{t(DISABLED_REASON[webhook.disabled_reason])}</strong>
        </p>
      )}
      {webhook.enabled && webhook.failing_since && (
        <p className="notice">{t('list.failingSince', { date: format.dateTime(webhook.failing_since) })}</p>
      )}
      <dl className="facts">
        <div>
          <dt>{t('list.events')}</dt>
          <dd>
            {types ? (
              <ul className="tags">
                {types.map((type) => (
                  <li key={type}>
                    <code>{type}</code>
                  </li>
                ))}
              </ul>
            ) : (
              t('list.allEvents')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('list.campaign')}</dt>
          <dd>{webhook.campaign_id ? (campaignTitle ?? webhook.campaign_id) : t('list.allCampaigns')}</dd>
        </div>
        <div>
          <dt>{t('list.created')}</dt>
          <dd>{format.date(webhook.created_at)}</dd>
        </div>
      </dl>
      {webhook.previous_secret_valid_until && (
        <p className="hint">{t('list.previousSecret', { date: format.dateTime(webhook.previous_secret_valid_until) })}</p>
      )}
      <div className="actions" role="group" aria-label={t('list.actionsOf', { url: webhook.url })}>
        <button type="button" disabled={ping.isPending} onClick={() => ping.mutate(webhook.id)}>
          {t('list.ping')}
        </button>
        <button
          type="button"
          disabled={update.isPending}
          onClick={() => update.mutate({ id: webhook.id, body: { enabled: !webhook.enabled } })}
        >
          {webhook.enabled ? t('list.disable') : t('list.enable')}
        </button>
        <ConfirmButton
          label={t('list.rotate')}
          action={t('list.rotateAction')}
          question={t('list.rotateQuestion')}
          busy={rotate.isPending}
          onConfirm={() =>
            rotate.mutate(webhook.id, {
              onSuccess: (rotated) => {
                onRotated(rotated)
                rotate.reset()
              },
            })
          }
        />
        <ConfirmButton
          label={t('list.delete')}
          action={t('list.deleteAction')}
          question={t('list.deleteQuestion')}
          danger
          busy={deleting}
          onConfirm={onDelete}
        />
      </div>
      <p role="status" className="status-line">
        {ping.isSuccess ? t('list.pingSent') : ''}
      </p>
      {[update, ping, rotate].map(
        (mutation, index) => mutation.isError && <ErrorAlert key={index} error={mutation.error} />,
      )}
      <DeliveryTable webhookId={webhook.id} />
    </article>
  )
}
