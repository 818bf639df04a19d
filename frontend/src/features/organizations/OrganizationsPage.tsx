import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { PageTitle } from '../../ui/PageTitle'
import { useSignedIn } from '../auth/useSession'
import { CreateOrganizationForm } from './CreateOrganizationForm'
import { MyOrganizations } from './MyOrganizations'

/**
 * `/organizations`: the organiser's way in: the organizations the user belongs to, a form to
 * create one, and any organization opened by its address.
 */
export function OrganizationsPage() {
  const { t } = useTranslation('organizations')
  const signedIn = useSignedIn()
  const navigate = useNavigate()
  const [slug, setSlug] = useState('')

  function open(event: FormEvent) {
    event.preventDefault()
    if (slug.trim()) void navigate(`/o/${encodeURIComponent(slug.trim())}`)
  }
  return (
    <div className="narrow">
      <PageTitle>{t('console.pageTitle')}</PageTitle>
      <h1>{t('console.heading')}</h1>
      <p className="lead">{t('console.intro')}</p>
      {signedIn && <MyOrganizations />}
      <section aria-labelledby="create-org-heading">
        <h2 id="create-org-heading">{t('console.createHeading')}</h2>
        {signedIn ? (
          <CreateOrganizationForm />
        ) : (
          <p>
            <Link to="/login?next=%2Forganizations">{t('console.signIn')}</Link>
          </p>
        )}
      </section>
      <section aria-labelledby="open-org-heading">
        <h2 id="open-org-heading">{t('console.openHeading')}</h2>
        <form onSubmit={open} className="inline-form">
          <label>
            {t('console.openHint')}
            <input value={slug} onChange={(event) => setSlug(event.target.value)} required />
          </label>
          <button type="submit">{t('console.open')}</button>
        </form>
      </section>
    </div>
  )
}
