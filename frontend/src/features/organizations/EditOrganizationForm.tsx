// An organization's public profile, edited by its owners and managers.
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Schemas } from '../../api/types'
import { TextAreaField, TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { useUpdateOrganization } from './queries'

interface Props {
  organization: Schemas['OrganizationResponse']
  onDone: () => void
}

export function EditOrganizationForm({ organization, onDone }: Props) {
  const { t } = useTranslation('organizations')
  const update = useUpdateOrganization(organization.slug)
  const [name, setName] = useState(organization.name)
  const [description, setDescription] = useState(organization.description)
  const [website, setWebsite] = useState(organization.website ?? '')
  const form = useRef<HTMLFormElement>(null)
  const problem = useFormProblem(update.error, fieldsIn(['name', 'description', 'website']))
  useFocusFirstProblem(form, update.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    // `website: null` removes it; the API keeps omitted fields as they are.
    update.mutate({ name, description, website: website.trim() === '' ? null : website.trim() }, { onSuccess: onDone })
  }
  return (
    <form ref={form} onSubmit={submit} className="stack narrow">
      <FormAlert problem={problem} />
      <TextField label={t('create.name')} required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} errors={problem.fields.name} />
      <TextAreaField
        label={t('create.description')}
        maxLength={2000}
        rows={3}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        errors={problem.fields.description}
      />
      <TextField
        label={t('create.website')}
        hint={t('create.websiteHint')}
        type="url"
        maxLength={200}
        value={website}
        onChange={(event) => setWebsite(event.target.value)}
        errors={problem.fields.website}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {t('page.saveProfile')}
        </button>
        <button type="button" onClick={onDone}>
          {t('form.cancel', { ns: 'common' })}
        </button>
      </div>
    </form>
  )
}
