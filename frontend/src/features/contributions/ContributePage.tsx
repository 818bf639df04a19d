import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { FormAlert } from '../../forms/FormAlert'
import { errorsAt } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { CampaignSubpage } from '../campaigns/CampaignSubpage'
import type { Campaign } from '../campaigns/queries'
import { MediaPicker } from '../media/MediaPicker'
import { isUploading, MAX_CONTRIBUTION_MEDIA, mediaIds, type MediaItem } from '../media/mediaItems'
import { shareBasisPoints, type CoAuthorRow } from './coAuthors'
import { CoAuthorsField } from './CoAuthorsField'
import { ContentFields, type Content } from './ContentFields'
import { isContentField, isMediaField } from './contentFieldPaths'
import { useCreateContribution, useSubmissionAllowance } from './queries'
import { parseTags } from './tags'

function isFormField(path: string): boolean {
  return isContentField(path) || isMediaField(path) || path === 'co_authors' || path === 'parent_id' || /^co_authors\[\d+\]\.(user_id|share_bp)$/.test(path)
}

function ContributeForm({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('contributions')
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const parentId = params.get('parent')
  const create = useCreateContribution(campaign.id)
  const [content, setContent] = useState<Content>({ title: '', body: '', tags: '' })
  const [coAuthors, setCoAuthors] = useState<CoAuthorRow[]>([])
  const [media, setMedia] = useState<MediaItem[]>([])
  const uploading = isUploading(media)
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(create.error, isFormField)
  useFocusFirstProblem(form, create.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate(
      {
        title: content.title,
        body: content.body,
        tags: parseTags(content.tags),
        co_authors: coAuthors.map((row) => ({ user_id: row.person?.id ?? '', share_bp: shareBasisPoints(row.sharePercent) })),
        parent_id: parentId,
        media_ids: mediaIds(media),
      },
      { onSuccess: (created) => void navigate(`/contributions/${created.id}`) },
    )
  }

  return (
    <form ref={form} onSubmit={submit} className="stack">
      <FormAlert problem={problem} />
      {parentId && (
        <div className="notice">
          <p>
            {t('form.remixOf')} <Link to={`/contributions/${parentId}`}>{t('detail.remixOfLink')}</Link>
          </p>
          {problem.fields.parent_id && <p className="field-error">{problem.fields.parent_id.join(' ')}</p>}
          <button type="button" onClick={() => setParams({}, { replace: true })}>
            {t('form.removeRemix')}
          </button>
        </div>
      )}
      <ContentFields value={content} onChange={setContent} fieldErrors={problem.fields} />
      <MediaPicker
        label={t('form.images')}
        items={media}
        onChange={setMedia}
        max={MAX_CONTRIBUTION_MEDIA}
        alt={content.title}
        errors={errorsAt(problem.fields, 'media_ids')}
      />
      <CoAuthorsField rows={coAuthors} onChange={setCoAuthors} fieldErrors={problem.fields} />
      {uploading && <p className="muted">{t('picker.waiting', { ns: 'media' })}</p>}
      <button type="submit" className="primary" disabled={create.isPending || uploading}>
        {create.isPending ? t('form.submitting') : t('form.submit')}
      </button>
    </form>
  )
}

/** `/c/:slug/contribute[?parent=<id>]`: submit a contribution, or a remix of one. */
/** The form, once it is clear there is room for another entry; otherwise why not, before any typing. */
function WithinAllowance({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation('contributions')
  const allowance = useSubmissionAllowance(campaign.id)
  // Without an answer (yet, or at all) the form shows: the server still checks the limit.
  if (allowance.data?.remaining === 0) {
    return (
      <div className="notice stack-sm" role="status">
        <p>{t('form.limitReached', { count: allowance.data.limit })}</p>
        <p>
          <Link to={`/c/${campaign.slug}`}>{t('form.toCampaign')}</Link>
        </p>
      </div>
    )
  }
  return (
    <>
      {allowance.data && allowance.data.limit > 1 && (
        <p className="hint">{t('form.allowance', { remaining: allowance.data.remaining, count: allowance.data.limit })}</p>
      )}
      <ContributeForm campaign={campaign} />
    </>
  )
}

export function ContributePage() {
  const { t } = useTranslation('contributions')
  return (
    <CampaignSubpage
      className="narrow"
      title={(campaign) => t('form.newTitle', { campaign: campaign.title })}
      heading={(campaign) => t('form.newHeading', { campaign: campaign.title })}
    >
      {(campaign) =>
        campaign.phase === 'submission' ? <WithinAllowance campaign={campaign} /> : <p className="notice">{t('form.closed')}</p>
      }
    </CampaignSubpage>
  )
}
