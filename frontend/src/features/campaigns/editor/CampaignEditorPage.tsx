// `/o/:slug/campaigns/new` creates a draft; `/c/:slug/edit` changes a campaign. Both save through
// the same step-by-step form and then show the campaign.
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { PageTitle } from '../../../ui/PageTitle'
import { CampaignSubpage } from '../CampaignSubpage'
import { useCreateCampaign, useUpdateCampaign, type Campaign } from '../queries'
import { CampaignForm } from './CampaignForm'
import { draftFromCampaign, emptyDraft, toCreateRequest, toUpdateRequest } from './draft'

export function NewCampaignPage() {
  const { slug: organization = '' } = useParams()
  const { t } = useTranslation('campaignEditor')
  const navigate = useNavigate()
  const create = useCreateCampaign(organization)
  return (
    <>
      <PageTitle>{t('newTitle')}</PageTitle>
      <p>
        <Link to={`/o/${organization}`}>← {organization}</Link>
      </p>
      <h1>{t('newHeading', { organization })}</h1>
      <CampaignForm
        initial={emptyDraft()}
        editing={false}
        textsOnly={false}
        saving={create.isPending}
        error={create.error}
        onSave={(draft) =>
          create.mutate(toCreateRequest(draft), { onSuccess: (campaign) => void navigate(`/c/${campaign.slug}`) })
        }
      />
    </>
  )
}

/** The schedule and rules are frozen once submissions open. */
const FULLY_EDITABLE = new Set(['draft', 'scheduled'])

function EditCampaign({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('campaignEditor')
  const navigate = useNavigate()
  const update = useUpdateCampaign(campaign.id)
  const textsOnly = !FULLY_EDITABLE.has(campaign.phase)
  return (
    <>
      {textsOnly && <p className="notice">{t('textsOnly')}</p>}
      <CampaignForm
        initial={draftFromCampaign(campaign)}
        editing
        textsOnly={textsOnly}
        saving={update.isPending}
        error={update.error}
        onSave={(draft) =>
          update.mutate(toUpdateRequest(draft, textsOnly, campaign.cover_media_id), { onSuccess: () => void navigate(`/c/${campaign.slug}`) })
        }
      />
    </>
  )
}

export function EditCampaignPage() {
  const { t } = useTranslation('campaignEditor')
  return (
    <CampaignSubpage
      title={(campaign) => t('editTitle', { title: campaign.title })}
      heading={(campaign) => t('editHeading', { title: campaign.title })}
    >
      {(campaign) => <EditCampaign campaign={campaign} />}
    </CampaignSubpage>
  )
}
