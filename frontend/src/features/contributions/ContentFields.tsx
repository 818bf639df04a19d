// Title, description and tags: the part of a contribution that can be written and edited.
import { useTranslation } from 'react-i18next'
import { TextAreaField, TextField } from '../../forms/Field'
import { errorsAt } from '../../forms/problem'

export interface Content {
  title: string
  body: string
  tags: string
}

interface Props {
  value: Content
  onChange: (value: Content) => void
  fieldErrors: Record<string, string[]>
}

export function ContentFields({ value, onChange, fieldErrors }: Props) {
  const { t } = useTranslation('contributions')
  return (
    <>
      <TextField
        label={t('form.title')}
        required
        maxLength={150}
        value={value.title}
        onChange={(event) => onChange({ ...value, title: event.target.value })}
        errors={fieldErrors.title}
      />
      <TextAreaField
        label={t('form.body')}
        hint={t('form.bodyHint')}
        maxLength={20000}
        rows={10}
        value={value.body}
        onChange={(event) => onChange({ ...value, body: event.target.value })}
        errors={fieldErrors.body}
      />
      <TextField
        label={t('form.tags')}
        hint={t('form.tagsHint')}
        value={value.tags}
        onChange={(event) => onChange({ ...value, tags: event.target.value })}
        errors={errorsAt(fieldErrors, 'tags')}
      />
    </>
  )
}
