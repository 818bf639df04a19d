// `/o/:slug/webhooks`: an organization's webhook endpoints, for its owners and managers. A
// signing secret (of a new endpoint, or a rotated one) lives only in this page's state: it is
// shown once and gone when the page is left.
import { useInfiniteQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams } from 'react-router'
import { registerLazyStrings } from '../../i18n'
import { PageTitle } from '../../ui/PageTitle'
import { EmptyState, ErrorAlert, Loading, QueryBoundary } from '../../ui/QueryStates'
import { campaignQueries } from '../campaigns/queries'
import { canManage, useMyRole, useOrganization } from '../organizations/queries'
import { CreateWebhookForm, type CampaignChoice } from './CreateWebhookForm'
import { useDeleteWebhook, useWebhooks, type Webhook, type WebhookWithSecret } from './queries'
import { WebhookCard } from './WebhookCard'
import { WebhookSecret, type ShownSecret } from './WebhookSecret'
import * as strings from './strings'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('webhooks', strings)

interface EndpointsProps {
  slug: string
  campaigns: readonly CampaignChoice[]
  onRotated: (rotated: WebhookWithSecret) => void
}

function Endpoints({ slug, campaigns, onRotated }: EndpointsProps) {
  const { t } = useTranslation('webhooks')
  const webhooks = useWebhooks(slug)
  const remove = useDeleteWebhook(slug)
  const [deleted, setDeleted] = useState<string | null>(null)
  const { hash } = useLocation()
  const loaded = webhooks.isSuccess

  // A notification about an endpoint leads to `#webhook-<id>`: show that one once it is there.
  useEffect(() => {
    if (loaded && hash.length > 1) document.getElementById(hash.slice(1))?.scrollIntoView?.()
  }, [loaded, hash])

  function deleteEndpoint(webhook: Webhook) {
    setDeleted(null)
    remove.mutate(webhook.id, { onSuccess: () => setDeleted(webhook.url) })
  }

  return (
    <section aria-labelledby="webhooks-heading" className="stack-sm">
      <h2 id="webhooks-heading">{t('list.heading')}</h2>
      <p role="status" className="status-line">
        {deleted ? t('list.deleted', { url: deleted }) : ''}
      </p>
      {remove.isError && <ErrorAlert error={remove.error} />}
      <QueryBoundary query={webhooks}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState>
              <p>{t('list.empty')}</p>
            </EmptyState>
          ) : (
            <ul className="webhook-list">
              {items.map((webhook) => (
                <li key={webhook.id}>
                  <WebhookCard
                    webhook={webhook}
                    campaignTitle={campaigns.find((campaign) => campaign.id === webhook.campaign_id)?.title}
                    onRotated={onRotated}
                    onDelete={() => deleteEndpoint(webhook)}
                    deleting={remove.isPending}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </QueryBoundary>
    </section>
  )
}

export function WebhooksPage() {
  const { slug = '' } = useParams()
  const { t } = useTranslation('webhooks')
  const organization = useOrganization(slug)
  const { role, isPending } = useMyRole(slug)
  const manager = canManage(role)
  // Drafts too (the API lists them for managers): an endpoint may be set up before the launch.
  const campaignList = useInfiniteQuery({ ...campaignQueries.list({ organization: slug }), enabled: manager })
  const campaigns: CampaignChoice[] = (campaignList.data?.pages ?? []).flatMap((page) =>
    page.items.map((campaign) => ({ id: campaign.id, title: campaign.title })),
  )
  const [shown, setShown] = useState<ShownSecret | null>(null)
  const secretHeading = useRef<HTMLHeadingElement>(null)
  const name = organization.data?.name ?? slug

  function showSecret(secret: ShownSecret) {
    // Focus moves with the event that shows the secret, so its warning is read first.
    flushSync(() => setShown(secret))
    secretHeading.current?.focus()
  }

  return (
    <div className="stack">
      <PageTitle>{t('pageTitle', { name })}</PageTitle>
      <p>
        <Link to={`/o/${slug}`}>← {name}</Link>
      </p>
      <h1>{t('heading', { name })}</h1>
      <p className="narrow">{t('intro')}</p>
      {/* Only managers may see endpoints: anyone else is told so without asking the API. */}
      {isPending ? (
        <Loading />
      ) : !manager ? (
        <p className="notice">{t('notAllowed')}</p>
      ) : (
        <>
          {shown && <WebhookSecret key={shown.secret} shown={shown} headingRef={secretHeading} onDone={() => setShown(null)} />}
          <Endpoints
            slug={slug}
            campaigns={campaigns}
            onRotated={(rotated) => showSecret({ url: rotated.url, secret: rotated.secret, rotated: true })}
          />
          <div className="narrow">
            <CreateWebhookForm
              organizationSlug={slug}
              campaigns={campaigns}
              onCreated={(created) => showSecret({ url: created.url, secret: created.secret, rotated: false })}
            />
          </div>
        </>
      )}
    </div>
  )
}
