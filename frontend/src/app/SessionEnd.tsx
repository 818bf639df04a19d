// When the session ends without the user asking (a refresh failed, another tab signed out), the
// cached data was fetched as someone who is no longer here: drop it.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { meKeys } from '../api/queryKeys'
import { useSignedIn } from '../features/auth/useSession'

export function SessionEnd() {
  const signedIn = useSignedIn()
  const queryClient = useQueryClient()
  const wasSignedIn = useRef(signedIn)
  useEffect(() => {
    if (wasSignedIn.current && !signedIn) {
      queryClient.removeQueries({ queryKey: meKeys.all })
      void queryClient.resetQueries()
    }
    wasSignedIn.current = signedIn
  }, [signedIn, queryClient])
  return null
}
