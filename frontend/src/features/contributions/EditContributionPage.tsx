import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { FormAlert } from '../../forms/FormAlert'
import { errorsAt } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import type { CodeMessages } from '../../forms/problem'
import { PageTitle } from '../../ui/PageTitle'
import { QueryBoundary } from '../../ui/QueryStates'
import { useCampaign } from '../campaigns/queries'
import { MediaPicker } from '../media/MediaPicker'
import { attachedItems, isUploading, MAX_CONTRIBUTION_MEDIA, mediaIds, type MediaItem } from '../media/mediaItems'
import { ContentFields, type Content } from './ContentFields'
import { isContentField, isMediaField } from './contentFieldPaths'
import { useContribution, useUpdateContribution, type Contribution } from './queries'
import { parseTags } from './tags'

/** Whether saving a change takes the entry out of the gallery and back to the moderators. */
function goesBackToReview(contribution: Contribution, requiresApproval: boolean): boolean {
  return requiresApproval && (contribution.status === 'published' || contribution.status === 'shortlisted')
}

function EditForm({ contribution }: { contribution: Contribution }) {
  // The upload hint is media's: named here, so the form waits for both namespaces.
  const { t } = useTranslation(['contributions', 'media'])
  const navigate = useNavigate()
  const update = useUpdateContribution(contribution.id)
  // Usually cached from the contribution's page; the form does not wait for it, only the hint does.
  const campaign = useCampaign(contribution.campaign_id)
  const backToReview = goesBackToReview(contribution, campaign.data?.rules.require_approval ?? false)
  const [content, setContent] = useState<Content>({
    title: contribution.title,
    body: contribution.body,
    tags: contribution.tags.join(', '),
  })
  const [media, setMedia] = useState<MediaItem[]>(() => attachedItems(contribution.media))
  const uploading = isUploading(media)
  const form = useRef<HTMLFormElement>(null)
  const messages: CodeMessages = ({ code }) => (code === 'conflict.changed_meanwhile' ? t('form.changedMeanwhile') : undefined)
  const problem = useFormProblem(update.error, (path) => isContentField(path) || isMediaField(path), messages)
  useFocusFirstProblem(form, update.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    update.mutate(
      { title: content.title, body: content.body, tags: parseTags(content.tags), media_ids: mediaIds(media) },
      { onSuccess: () => void navigate(`/contributions/${contribution.id}`) },
    )
  }
  return (
    <form ref={form} onSubmit={submit} className="stack">
      <FormAlert problem={problem} />
      <ContentFields value={content} onChange={setContent} fieldErrors={problem.fields} />
      <MediaPicker
        label={t('form.images')}
        items={media}
        onChange={setMedia}
        max={MAX_CONTRIBUTION_MEDIA}
        alt={content.title}
        errors={errorsAt(problem.fields, 'media_ids')}
      />
      {uploading && <p className="muted">{t('picker.waiting', { ns: 'media' })}</p>}
      {backToReview && (
        <p id="back-to-review" className="notice">
          {t('form.backToReview')}
        </p>
      )}
      <button
        type="submit"
        className="primary"
        disabled={update.isPending || uploading}
        aria-describedby={backToReview ? 'back-to-review' : undefined}
      >
        {update.isPending ? t('form.submitting') : t('form.save')}
      </button>
    </form>
  )
}

/** `/contributions/:id/edit`: its authors change the text while submissions are open. */
export function EditContributionPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation('contributions')
  const contribution = useContribution(id)
  return (
    <QueryBoundary query={contribution}>
      {(data) => (
        <div className="narrow">
          <PageTitle>{t('form.editTitle', { title: data.title })}</PageTitle>
          <p>
            <Link to={`/contributions/${data.id}`}>← {data.title}</Link>
          </p>
          <h1>{t('form.editHeading')}</h1>
          {data.status === 'withdrawn' ? <p className="notice">{t('form.editClosed')}</p> : <EditForm contribution={data} />}
        </div>
      )}
    </QueryBoundary>
  )
}
