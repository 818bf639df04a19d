import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { FormAlert } from '../../forms/FormAlert'
import { errorsAt } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { QueryBoundary } from '../../ui/QueryStates'
import { MediaPicker } from '../media/MediaPicker'
import { attachedItems, isUploading, MAX_CONTRIBUTION_MEDIA, mediaIds, type MediaItem } from '../media/mediaItems'
import { ContentFields, type Content } from './ContentFields'
import { isContentField, isMediaField } from './contentFieldPaths'
import { useContribution, useUpdateContribution, type Contribution } from './queries'
import { parseTags } from './tags'

function EditForm({ contribution }: { contribution: Contribution }) {
  const { t } = useTranslation('contributions')
  const navigate = useNavigate()
  const update = useUpdateContribution(contribution.id)
  const [content, setContent] = useState<Content>({
    title: contribution.title,
    body: contribution.body,
    tags: contribution.tags.join(', '),
  })
  const [media, setMedia] = useState<MediaItem[]>(() => attachedItems(contribution.media))
  const uploading = isUploading(media)
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(update.error, (path) => isContentField(path) || isMediaField(path))
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
      <button type="submit" className="primary" disabled={update.isPending || uploading}>
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
          <title>{t('form.editTitle', { title: data.title })}</title>
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
