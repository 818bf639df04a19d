// `/o/:slug/invitations`: an organization's owners and managers invite people to its invite-only
// campaigns (a link to share or a mail), see their invitations and revoke them, and see whom they
// admitted and withdraw that. A new link's address lives only in this page's state: it is shown
// once and gone when the page is left.
import { useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { registerLazyStrings } from '../../i18n'
import { PageTitle } from '../../ui/PageTitle'
import { Loading } from '../../ui/QueryStates'
import { canManage, useMyRole, useOrganization } from '../organizations/queries'
import { CreateInvitationForm } from './CreateInvitationForm'
import { InvitationList } from './InvitationList'
import { NewInvitationLink } from './NewInvitationLink'
import { ParticipantList } from './ParticipantList'
import { useOrganizationCampaigns } from './queries'
import * as strings from './strings'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('invitations', strings)

export function InvitationsPage() {
  const { slug = '' } = useParams()
  const { t } = useTranslation('invitations')
  const organization = useOrganization(slug)
  const { role, isPending } = useMyRole(slug)
  const manager = canManage(role)
  const campaigns = useOrganizationCampaigns(slug, manager)
  const [link, setLink] = useState<string | null>(null)
  const linkHeading = useRef<HTMLHeadingElement>(null)
  const name = organization.data?.name ?? slug

  const campaignLabel = (campaignId: string | null | undefined) => {
    if (!campaignId) return t('list.all')
    return campaigns.find((campaign) => campaign.id === campaignId)?.title ?? t('list.otherCampaign')
  }

  function showLink(url: string) {
    // Focus moves with the event that shows the link, so its warning is read first.
    flushSync(() => setLink(url))
    linkHeading.current?.focus()
  }

  return (
    <div className="stack">
      <PageTitle>{t('pageTitle', { name })}</PageTitle>
      <p>
        <Link to={`/o/${slug}`}>← {name}</Link>
      </p>
      <h1>{t('heading', { name })}</h1>
      <p className="narrow">{t('intro')}</p>
      {/* Only managers may invite: anyone else is told so without asking the API. */}
      {isPending ? (
        <Loading />
      ) : !manager ? (
        <p className="notice">{t('notAllowed')}</p>
      ) : (
        <>
          {link && (
            <NewInvitationLink
              key={link}
              url={link}
              organizationName={name}
              headingRef={linkHeading}
              onDone={() => setLink(null)}
            />
          )}
          <div className="narrow">
            <CreateInvitationForm organizationSlug={slug} campaigns={campaigns} onLinkCreated={(created) => showLink(created.url)} />
          </div>
          <InvitationList organizationSlug={slug} campaignLabel={campaignLabel} />
          <ParticipantList organizationSlug={slug} campaignLabel={campaignLabel} />
        </>
      )}
    </div>
  )
}
