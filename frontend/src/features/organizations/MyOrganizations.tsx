import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { EmptyState, ErrorAlert, Loading } from '../../ui/QueryStates'
import { useMyOrganizations } from './queries'

/** The organizations the signed-in user belongs to, each with their role there. */
export function MyOrganizations() {
  const { t } = useTranslation('organizations')
  const mine = useMyOrganizations()
  return (
    <section aria-labelledby="my-orgs-heading">
      <h2 id="my-orgs-heading">{t('console.myHeading')}</h2>
      {mine.isPending && <Loading />}
      {mine.isError && <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.isSuccess && mine.data.length === 0 && (
        <EmptyState>
          <p>{t('console.myEmpty')}</p>
        </EmptyState>
      )}
      {mine.isSuccess && mine.data.length > 0 && (
        <ul className="org-list">
          {mine.data.map(({ organization, role }) => (
            <li key={organization.id}>
              <Link to={`/o/${organization.slug}`}>{organization.name}</Link>{' '}
              <span className={`badge role-${role}`}>{t(`role.${role}`, { ns: 'common' })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
