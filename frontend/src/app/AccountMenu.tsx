import { useTranslation } from 'react-i18next'
import { Link, NavLink, useNavigate } from 'react-router'
import { useMe } from '../features/auth/useMe'
import { useSignedIn } from '../features/auth/useSession'
import { useSignOut } from '../features/auth/useAuthMutations'
import { NotificationBell } from '../features/notifications/NotificationBell'

/** Sign in / register, or who is signed in with their notifications, profile and sign-out. */
export function AccountMenu() {
  const { t } = useTranslation()
  const signedIn = useSignedIn()
  const me = useMe()
  const signOut = useSignOut()
  const navigate = useNavigate()

  if (!signedIn) {
    return (
      <>
        <NavLink to="/login">{t('nav.signIn')}</NavLink>
        <Link to="/register" className="button primary">
          {t('nav.register')}
        </Link>
      </>
    )
  }
  return (
    <>
      <NotificationBell />
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
