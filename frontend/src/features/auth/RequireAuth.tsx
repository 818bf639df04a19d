// Wraps pages that only make sense signed in: everyone else is sent to sign in, and comes back.
import { Navigate, Outlet, useLocation } from 'react-router'
import { useSignedIn } from './useSession'

export function RequireAuth() {
  const signedIn = useSignedIn()
  const location = useLocation()
  if (!signedIn) {
    // With the anchor: an email's `/me#notifications` comes back to the section it names.
    const next = `${location.pathname}${location.search}${location.hash}`
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />
  }
  return <Outlet />
}
