// `/me/security`: where the user is signed in, and their password. Loaded lazily, with its strings.
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { registerLazyStrings } from '../../i18n'
import { PageTitle } from '../../ui/PageTitle'
import { ChangePasswordForm } from './ChangePasswordForm'
import { SessionList } from './SessionList'
import { DeleteAccount, ExportMyData } from './YourData'
import * as strings from './strings'

// This page's strings arrive with it (see registerLazyStrings).
registerLazyStrings('security', strings)

export function SecurityPage() {
  const { t } = useTranslation('security')
  return (
    <div className="narrow stack">
      <PageTitle>{t('pageTitle')}</PageTitle>
      <p>
        <Link to="/me">← {t('backToProfile')}</Link>
      </p>
      <h1>{t('heading')}</h1>
      <SessionList />
      <ChangePasswordForm />
      <ExportMyData />
      <DeleteAccount />
    </div>
  )
}
