import { Suspense, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, NavLink, Outlet, useLocation } from 'react-router'
import { useSessionEndReason, useSignedIn } from '../features/auth/useSession'
import { Loading } from '../ui/QueryStates'
import { AccountMenu } from './AccountMenu'
import { LanguageSwitcher } from './LanguageSwitcher'
import { PageErrorBoundary } from './PageErrorBoundary'
import { useFocusMainOnNavigate } from './useFocusMainOnNavigate'

/** The page frame every route renders into. */
export function Layout() {
  const { t } = useTranslation()
  const signedIn = useSignedIn()
  const endReason = useSessionEndReason()
  useFocusMainOnNavigate()
  const { pathname } = useLocation()
  return (
    <>
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <SiteHeader />
      <main id="main" className="site-main" tabIndex={-1}>
        {!signedIn && endReason === 'expired' && (
          <p role="status" className="notice">
            {t('error.sessionEnded')} <Link to="/login">{t('nav.signIn')}</Link>
          </p>
        )}
        {/* Pages load on the way to them (routes.ts), and so do strings a page's route did not
            bring: "Loading…" (a status line) in the frame until they are there. */}
        <PageErrorBoundary at={pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
      <footer className="site-footer">
        <p>
          {t('footer')} · <Link to="/status">{t('apiStatusLink')}</Link>
        </p>
      </footer>
    </>
  )
}

/**
 * The logo and the navigation. A wide screen shows the navigation inline; on a phone (see
 * index.css) a "Menu" button opens it as a panel under the header, which closes again on Esc
 * (focus back on the button), on navigation and on a click outside the header.
 */
function SiteHeader() {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const header = useRef<HTMLElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const { pathname, search } = useLocation()

  // Navigating (a link in the panel, or back/forward) closes it; focus moves to <main> then.
  const [shownFor, setShownFor] = useState(pathname + search)
  if (shownFor !== pathname + search) {
    setShownFor(pathname + search)
    setOpen(false)
  }

  useLayoutEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      setOpen(false)
      toggle.current?.focus()
    }
    const onPointer = (event: PointerEvent | MouseEvent) => {
      if (event.target instanceof Node && !header.current?.contains(event.target)) setOpen(false)
    }
    document.addEventListener('keydown', onKey)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [open])

  return (
    <header className="site-header" ref={header}>
      <Link to="/" className="brand" aria-label={t('brandLink')}>
        {t('brand')}
      </Link>
      <button
        ref={toggle}
        type="button"
        className="menu-toggle"
        aria-expanded={open}
        aria-controls="site-nav"
        onClick={() => setOpen((was) => !was)}
      >
        <span aria-hidden="true" className="menu-icon" />
        {t('nav.menu')}
      </button>
      <nav id="site-nav" aria-label={t('nav.label')} className={open ? 'site-nav open' : 'site-nav'}>
        <NavLink to="/" end>
          {t('nav.discover')}
        </NavLink>
        <NavLink to="/organizations">{t('nav.organisers')}</NavLink>
        <AccountMenu />
        <LanguageSwitcher />
      </nav>
    </header>
  )
}
