import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { PageTitle } from '../../ui/PageTitle'
import { QueryBoundary } from '../../ui/QueryStates'
import { useMe } from '../auth/useMe'
import { NotificationSettingsSection } from '../notifications/NotificationSettingsSection'
import { EmailVerificationNotice } from './EmailVerificationNotice'
import { ProfileForm } from './ProfileForm'

/** `/me`: the signed-in user's account and profile. */
export function ProfilePage() {
  const { t } = useTranslation('profile')
  const format = useFormat()
  const me = useMe()
  return (
    <QueryBoundary query={me}>
      {(account) => (
        <div className="narrow">
          <PageTitle>{t('pageTitle')}</PageTitle>
          <h1>{t('heading')}</h1>
          <EmailVerificationNotice key={`email-${account.id}`} account={account} />
          <section aria-labelledby="account-heading">
            <h2 id="account-heading">{t('account')}</h2>
            <dl>
              <dt>{t('email')}</dt>
              <dd>{account.email}</dd>
              <dt>{t('userId')}</dt>
              <dd>
                <code data-testid="my-user-id">{account.id}</code>
                <p className="hint">{t('userIdHint')}</p>
              </dd>
            </dl>
            <p className="muted">{t('memberSince', { date: format.date(account.created_at) })}</p>
            <ul>
              <li>
                <Link to="/me/timeline">{t('timelineLink')}</Link>
              </li>
              <li>
                <Link to="/me/rewards">{t('rewardsLink')}</Link>
              </li>
              <li>
                <Link to="/me/pledges">{t('pledgesLink')}</Link>
              </li>
              <li>
                <Link to="/me/security">{t('securityLink')}</Link>
              </li>
            </ul>
          </section>
          <ProfileForm key={account.id} me={account} />
          <NotificationSettingsSection />
          {/* Tokens serve integrations, not taking part: here rather than in the main navigation. */}
          <section aria-labelledby="developers-heading">
            <h2 id="developers-heading">{t('developers')}</h2>
            <p>{t('developersIntro')}</p>
            <p>
              <Link to="/me/tokens">{t('tokensLink')}</Link>
            </p>
          </section>
        </div>
      )}
    </QueryBoundary>
  )
}
