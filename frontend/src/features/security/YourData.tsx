// "Your data": download everything Schwarm keeps about you, or delete your account (with your
// password; your personal data goes, your published entries stay under "Deleted user").
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { api } from '../../api/client'
import { unwrap, unwrapEmpty } from '../../api/errors'
import { TextField } from '../../forms/Field'
import { FormAlert } from '../../forms/FormAlert'
import { fieldsIn, type CodeMessages } from '../../forms/problem'
import { useFocusFirstProblem } from '../../forms/useFocusFirstProblem'
import { useFormProblem } from '../../forms/useFormProblem'
import { signedOut } from '../auth/useAuthMutations'
import { filenameOf, saveBlob } from '../insight/download'

function useExportMyData() {
  return useMutation({
    mutationFn: async () => {
      // Through the typed client, so the request carries the session's token (a link would not).
      const call = api.GET('/api/v1/me/export', { parseAs: 'blob' })
      const blob = await unwrap(call)
      const { response } = await call
      saveBlob(blob, filenameOf(response.headers.get('Content-Disposition'), 'schwarm-export.json'))
    },
  })
}

/**
 * Deletes the account, then calls `onDeleted`. It is called from the mutation's own options, which
 * always run: signing out re-renders the page signed out at once, and its guard (RequireAuth)
 * unmounts it before a callback given to `mutate` would run. TanStack Query runs those only while
 * the page still observes the mutation (here only until Preact's deferred effect cleanup).
 */
function useDeleteAccount(onDeleted: () => void) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (password: string) => unwrapEmpty(api.DELETE('/api/v1/me', { body: { password } })),
    onSuccess: () => {
      // Every session ended on the server; this one ends here, with everything kept about the user.
      signedOut(queryClient)
      onDeleted()
    },
  })
}

export function ExportMyData() {
  const { t } = useTranslation('security')
  const download = useExportMyData()
  return (
    <section className="stack" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('data.heading')}</h2>
      <p className="hint">{t('data.intro')}</p>
      <p>
        <button type="button" onClick={() => download.mutate()} disabled={download.isPending}>
          {download.isPending ? t('data.downloading') : t('data.download')}
        </button>
      </p>
      {download.isError && <p role="alert">{t('data.failed')}</p>}
    </section>
  )
}

export function DeleteAccount() {
  const { t } = useTranslation('security')
  const navigate = useNavigate()
  const remove = useDeleteAccount(() => void navigate('/', { state: { accountDeleted: true } }))
  const [password, setPassword] = useState('')
  const [sure, setSure] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const messages: CodeMessages = ({ code, params }) => {
    switch (code) {
      case 'password.incorrect':
        return t('delete.incorrect')
      case 'organization.last_owner':
        return t('delete.lastOwner', { organization: typeof params.organization === 'string' ? params.organization : '' })
      case 'account.pledges_open':
        return t('delete.pledgesOpen')
      default:
        return undefined
    }
  }
  const problem = useFormProblem(remove.error, fieldsIn(['password']), messages)
  useFocusFirstProblem(form, remove.error)

  function submit(event: FormEvent) {
    event.preventDefault()
    remove.mutate(password)
  }

  return (
    <form ref={form} onSubmit={submit} className="stack" aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t('delete.heading')}</h2>
      <p className="hint">{t('delete.intro')}</p>
      <FormAlert problem={problem} />
      <TextField
        label={t('delete.password')}
        type="password"
        autoComplete="current-password"
        required
        maxLength={1024}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        errors={problem.fields.password}
      />
      <div className="field checkbox">
        <input id="delete-sure" type="checkbox" checked={sure} onChange={(event) => setSure(event.target.checked)} />
        <label htmlFor="delete-sure">{t('delete.confirm')}</label>
      </div>
      <button type="submit" className="danger" disabled={!sure || remove.isPending}>
        {remove.isPending ? t('delete.deleting') : t('delete.submit')}
      </button>
    </form>
  )
}
