import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

export function NotFoundPage() {
  const { t } = useTranslation('notFound')
  return (
    <>
      <title>{t('pageTitle')}</title>
      <h1>{t('heading')}</h1>
      <p>{t('explanation')}</p>
      <p>
        <Link to="/">{t('home')}</Link>
      </p>
    </>
  )
}
