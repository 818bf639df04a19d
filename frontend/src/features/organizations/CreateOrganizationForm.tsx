import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { TextAreaField, TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useCreateOrganization } from './queries'

export function CreateOrganizationForm() {
  const { t } = useTranslation('organizations')
  const navigate = useNavigate()
  const create = useCreateOrganization()
  const [values, setValues] = useState({ slug: '', name: '', description: '', website: '' })
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(create.error, fieldsIn(['slug', 'name', 'description', 'website']))
  useFocusFirstProblem(form, create.error)
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }))

  function submit(event: FormEvent) {
    event.preventDefault()
    create.mutate(
      {
        slug: values.slug.trim(),
        name: values.name,
        description: values.description.trim() === '' ? null : values.description,
        website: values.website.trim() === '' ? null : values.website.trim(),
      },
      { onSuccess: (organization) => void navigate(`/o/${organization.slug}`) },
    )
  }
  return (
    <form ref={form} onSubmit={submit} className="stack">
      <FormAlert problem={problem} />
      <TextField label={t('create.name')} required maxLength={100} value={values.name} onChange={set('name')} errors={problem.fields.name} />
      <TextField
        label={t('create.slug')}
        hint={t('create.slugHint')}
        required
        minLength={3}
        maxLength={50}
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        value={values.slug}
        onChange={set('slug')}
        errors={problem.fields.slug}
      />
      <TextAreaField
        label={t('create.description')}
        maxLength={2000}
        rows={3}
        value={values.description}
        onChange={set('description')}
        errors={problem.fields.description}
      />
      <TextField
        label={t('create.website')}
        hint={t('create.websiteHint')}
        type="url"
        maxLength={200}
        value={values.website}
        onChange={set('website')}
        errors={problem.fields.website}
      />
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? t('create.submitting') : t('create.submit')}
      </button>
    </form>
  )
}
