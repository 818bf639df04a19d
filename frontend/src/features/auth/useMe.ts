import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import { meKeys } from '../../api/queryKeys'
import { useSignedIn } from './useSession'

/** The signed-in user's account (`GET /me`). */
export const accountQuery = queryOptions({
  queryKey: meKeys.account(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me', { signal })),
  staleTime: 60_000,
})

/** The signed-in user's account; idle while nobody is signed in. */
export function useMe() {
  const signedIn = useSignedIn()
  return useQuery({ ...accountQuery, enabled: signedIn })
}
