// When the session ends without the user asking (a refresh failed, another tab signed out), the
// cached data was fetched as someone who is no longer here: drop it.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useSignedIn } from '../features/auth/useSession'
import { ME_KEY } from '../features/auth/useMe'

export function SessionEnd() {
  const signedIn = useSignedIn()
  const queryClient = useQueryClient()
  const wasSignedIn = useRef(signedIn)
  useEffect(() => {
    if (wasSignedIn.current && !signedIn) {
      queryClient.removeQueries({ queryKey: ME_KEY })
      void queryClient.resetQueries()
    }
    wasSignedIn.current = signedIn
  }, [signedIn, queryClient])
  return null
}
