import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import { useSignedIn } from './useSession'

export const ME_KEY = ['me'] as const

/** The signed-in user's account (`GET /me`); idle while nobody is signed in. */
export function useMe() {
  const signedIn = useSignedIn()
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me', { signal })),
    enabled: signedIn,
    staleTime: 60_000,
  })
}
