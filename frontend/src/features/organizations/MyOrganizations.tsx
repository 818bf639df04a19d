import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { EmptyState, QueryBoundary } from '../../ui/QueryStates'
import { useMyOrganizations } from './queries'

/** The organizations the signed-in user belongs to, each with their role there. */
export function MyOrganizations() {
  const { t } = useTranslation('organizations')
  const mine = useMyOrganizations()
  return (
    <section aria-labelledby="my-orgs-heading">
      <h2 id="my-orgs-heading">{t('console.myHeading')}</h2>
      <QueryBoundary query={mine}>
        {(memberships) =>
          memberships.length === 0 ? (
            <EmptyState>
              <p>{t('console.myEmpty')}</p>
            </EmptyState>
          ) : (
            <ul className="org-list">
              {memberships.map(({ organization, role }) => (
                <li key={organization.id}>
                  <Link to={`/o/${organization.slug}`}>{organization.name}</Link>{' '}
                  <span className={`badge role-${role}`}>{t(`role.${role}`, { ns: 'common' })}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryBoundary>
    </section>
  )
}
