import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import { statusKeys } from '../../api/queryKeys'

/** The API's liveness report (`GET /api/v1/health`). */
export const healthQuery = queryOptions({
  queryKey: statusKeys.health(),
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/health', { signal })),
})

export function useHealth() {
  return useQuery(healthQuery)
}
