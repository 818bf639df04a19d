import { useTranslation } from 'react-i18next'
import { SelectField, TextAreaField, TextField } from '../../../forms/Field'
import { MediaPicker } from '../../media/MediaPicker'
import { KINDS } from '../discoverFilters'
import type { StepProps } from './StepProps'

export function BasicsStep({ draft, update, fieldErrors, editing }: StepProps) {
  const { t } = useTranslation('campaignEditor')
  return (
    <>
      <SelectField
        label={t('basics.kind')}
        value={draft.kind}
        disabled={editing}
        onChange={(event) => {
          const kind = KINDS.find((candidate) => candidate === event.target.value)
          if (kind) update((current) => ({ ...current, kind }))
        }}
        errors={fieldErrors.kind}
      >
        {KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kind.${kind}`, { ns: 'common' })}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('basics.title')}
        required
        maxLength={120}
        value={draft.title}
        onChange={(event) => update((current) => ({ ...current, title: event.target.value }))}
        errors={fieldErrors.title}
      />
      <TextField
        label={t('basics.slug')}
        hint={t('basics.slugHint')}
        maxLength={50}
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        disabled={editing}
        value={draft.slug}
        onChange={(event) => update((current) => ({ ...current, slug: event.target.value }))}
        errors={fieldErrors.slug}
      />
      <TextAreaField
        label={t('basics.summary')}
        hint={t('basics.summaryHint')}
        maxLength={500}
        rows={2}
        value={draft.summary}
        onChange={(event) => update((current) => ({ ...current, summary: event.target.value }))}
        errors={fieldErrors.summary}
      />
      <TextAreaField
        label={t('basics.brief')}
        hint={t('basics.briefHint')}
        maxLength={50000}
        rows={12}
        value={draft.brief}
        onChange={(event) => update((current) => ({ ...current, brief: event.target.value }))}
        errors={fieldErrors.brief}
      />
      <MediaPicker
        label={t('basics.cover')}
        items={draft.cover}
        onChange={(change) => update((current) => ({ ...current, cover: change(current.cover) }))}
        max={1}
        alt={t('image.cover', { ns: 'media', title: draft.title })}
        errors={fieldErrors.cover_media_id}
      />
    </>
  )
}
