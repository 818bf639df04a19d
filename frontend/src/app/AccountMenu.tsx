import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, NavLink, useLocation, useNavigate } from 'react-router'
import { useMe } from '../features/auth/useMe'
import { useSignedIn } from '../features/auth/useSession'
import { useSignOut } from '../features/auth/useAuthMutations'

// Only signed-in people see the bell: it arrives with their first page, not in everyone's frame.
const NotificationBell = lazy(async () => ({ default: (await import('../features/notifications/NotificationBell')).NotificationBell }))

/** The pages that sign people in: their own `next` is passed on, never themselves. */
const AUTH_PAGES = new Set(['/login', '/register'])

/** Sign in / register, or who is signed in with their notifications, profile and sign-out. */
export function AccountMenu() {
  const { t } = useTranslation()
  const signedIn = useSignedIn()
  const me = useMe()
  const signOut = useSignOut()
  const navigate = useNavigate()
  const location = useLocation()

  if (!signedIn) {
    // Back to this page afterwards (an invitation's campaign, an entry to vote on); the invitation
    // code itself is remembered by the visit, not the link.
    const here = `${location.pathname}${location.search}`
    const back = AUTH_PAGES.has(location.pathname) ? location.search : here === '/' ? '' : `?${new URLSearchParams({ next: here })}`
    return (
      <>
        <NavLink to={`/login${back}`}>{t('nav.signIn')}</NavLink>
        <Link to={`/register${back}`} className="button primary">
          {t('nav.register')}
        </Link>
      </>
    )
  }
  return (
    <>
      {/* The bell and its words (the notifications namespace) arrive on its first render: its
          place is kept until then, so the header does not move. */}
      <Suspense fallback={<span className="bell" aria-hidden="true" />}>
        <NotificationBell />
      </Suspense>
      <NavLink to="/me/timeline">{t('nav.timeline')}</NavLink>
      <NavLink to="/me/rewards">{t('nav.rewards')}</NavLink>
      <NavLink to="/me/pledges">{t('nav.pledges')}</NavLink>
      <NavLink to="/me/work">{t('nav.work')}</NavLink>
      <NavLink to="/me" end title={me.data ? t('nav.signedInAs', { name: me.data.display_name }) : undefined}>
        {t('nav.profile')}
      </NavLink>
      <button
        type="button"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/') })}
      >
        {t('nav.signOut')}
      </button>
    </>
  )
}
