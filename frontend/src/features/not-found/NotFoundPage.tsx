import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageTitle } from '../../ui/PageTitle'

export function NotFoundPage() {
  const { t } = useTranslation('notFound')
  return (
    <>
      <PageTitle>{t('pageTitle')}</PageTitle>
      <h1>{t('heading')}</h1>
      <p>{t('explanation')}</p>
      <p>
        <Link to="/">{t('home')}</Link>
      </p>
    </>
  )
}
