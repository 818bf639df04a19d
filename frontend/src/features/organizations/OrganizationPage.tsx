import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { LoadMore } from '../../ui/LoadMore'
import { Markdown } from '../../ui/Markdown'
import { PageTitle } from '../../ui/PageTitle'
import { EmptyState, QueryBoundary, QueryStatus } from '../../ui/QueryStates'
import { CampaignCard } from '../campaigns/CampaignCard'
import { useCampaignList } from '../campaigns/queries'
import { EditOrganizationForm } from './EditOrganizationForm'
import { canManage, useMyRole, useOrganization } from './queries'

/**
 * The organization's campaigns. For its owners and managers the API includes the drafts (the
 * request carries the session's token), which are marked and link to their editor.
 */
export function OrganizationCampaigns({ slug, manager }: { slug: string; manager: boolean }) {
  const { t } = useTranslation('organizations')
  const list = useCampaignList({ organization: slug })
  const campaigns = list.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <section aria-labelledby="org-campaigns-heading">
      <div className="section-header">
        <h2 id="org-campaigns-heading">{t('page.campaigns')}</h2>
        {manager && (
          <Link className="button primary" to={`/o/${slug}/campaigns/new`}>
            {t('page.createCampaign')}
          </Link>
        )}
      </div>
      {manager && <p className="hint">{t('page.draftsHint')}</p>}
      <QueryStatus query={list} />
      {list.isSuccess && campaigns.length === 0 && (
        <EmptyState>
          <p>{manager ? t('page.noCampaignsManager') : t('page.noCampaigns')}</p>
          {manager && <Link to={`/o/${slug}/campaigns/new`}>{t('page.createCampaign')}</Link>}
        </EmptyState>
      )}
      {campaigns.length > 0 && (
        <>
          <div className="grid">
            {campaigns.map((campaign) => (
              <CampaignCard key={campaign.id} campaign={campaign}>
                {campaign.phase === 'draft' && (
                  <p className="draft-note">
                    <strong>{t('page.draft')}</strong> ·{' '}
                    <Link to={`/c/${campaign.slug}/edit`} aria-label={t('page.editDraftOf', { title: campaign.title })}>
                      {t('page.editDraft')}
                    </Link>
                  </p>
                )}
              </CampaignCard>
            ))}
          </div>
          <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
        </>
      )}
    </section>
  )
}

/** `/o/:slug`: a brand's public profile and campaigns, with the organiser's links for its staff. */
export function OrganizationPage() {
  const { slug = '' } = useParams()
  const { t } = useTranslation('organizations')
  const organization = useOrganization(slug)
  const { role } = useMyRole(slug)
  const [editing, setEditing] = useState(false)
  return (
    <QueryBoundary query={organization}>
      {(data) => (
        <>
          <PageTitle>{t('page.pageTitle', { name: data.name })}</PageTitle>
          <h1>{data.name}</h1>
          {editing ? (
            <EditOrganizationForm organization={data} onDone={() => setEditing(false)} />
          ) : (
            <>
              {/* Markdown like a brief; its headings sit under the page's h1, beside the campaigns' h2. */}
              {data.description && (
                <div className="lead">
                  <Markdown source={data.description} headingLevel={2} />
                </div>
              )}
              {data.website && (
                <p>
                  {t('page.website')}:{' '}
                  <a href={data.website} rel="nofollow noopener noreferrer">
                    {data.website}
                  </a>
                </p>
              )}
              {canManage(role) && (
                <button type="button" onClick={() => setEditing(true)}>
                  {t('page.edit')}
                </button>
              )}
            </>
          )}
          {role && (
            <p className="muted">
              {t('page.yourRole', { role: t(`role.${role}`, { ns: 'common' }) })} ·{' '}
              <Link to={`/o/${slug}/members`}>{t('page.members')}</Link>
              {canManage(role) && (
                <>
                  {' '}
                  · <Link to={`/o/${slug}/invitations`}>{t('page.invitations')}</Link> ·{' '}
                  <Link to={`/o/${slug}/webhooks`}>{t('page.webhooks')}</Link>
                </>
              )}
            </p>
          )}
          <OrganizationCampaigns slug={slug} manager={canManage(role)} />
        </>
      )}
    </QueryBoundary>
  )
}
