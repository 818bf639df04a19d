import { useTranslation } from 'react-i18next'
import { Link, NavLink, Outlet } from 'react-router'
import { useSessionEndReason, useSignedIn } from '../features/auth/useSession'
import { AccountMenu } from './AccountMenu'
import { LanguageSwitcher } from './LanguageSwitcher'
import { useFocusMainOnNavigate } from './useFocusMainOnNavigate'

/** The page frame every route renders into. */
export function Layout() {
  const { t } = useTranslation()
  const signedIn = useSignedIn()
  const endReason = useSessionEndReason()
  useFocusMainOnNavigate()
  return (
    <>
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <Link to="/" className="brand" aria-label={t('brandLink')}>
          {t('brand')}
        </Link>
        <nav aria-label={t('nav.label')} className="site-nav">
          <NavLink to="/" end>
            {t('nav.discover')}
          </NavLink>
          <NavLink to="/organizations">{t('nav.organisers')}</NavLink>
          <AccountMenu />
          <LanguageSwitcher />
        </nav>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {!signedIn && endReason === 'expired' && (
          <p role="status" className="notice">
            {t('error.sessionEnded')} <Link to="/login">{t('nav.signIn')}</Link>
          </p>
        )}
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          {t('footer')} · <Link to="/status">{t('apiStatusLink')}</Link>
        </p>
      </footer>
    </>
  )
}
