// My journey across campaigns (`GET /me/timeline`), most recently joined first. Its key comes from
// `timelineKeys` (under `meKeys`, so it goes with the signed-in user).
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import { timelineKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'

export type TimelineEntry = Schemas['TimelineEntry']

const PAGE_SIZE = 10

export const timelineQueries = {
  mine: () =>
    infiniteQueryOptions({
      queryKey: timelineKeys.mine(),
      queryFn: ({ pageParam, signal }) =>
        unwrap(api.GET('/api/v1/me/timeline', { params: { query: { limit: PAGE_SIZE, cursor: pageParam } }, signal })),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (page) => page.next_cursor ?? undefined,
    }),
}

export function useMyTimeline() {
  return useInfiniteQuery(timelineQueries.mine())
}
