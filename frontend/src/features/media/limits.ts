// What an upload may be (`GET /media/limits`), so a file over the limit is refused before a byte
// of it is sent, with the limit named.
import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import { mediaKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'
import { formatDecimal } from '../../i18n/format'

export type MediaLimits = Schemas['MediaLimits']

export function useMediaLimits() {
  return useQuery({
    queryKey: mediaKeys.limits(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/media/limits', { signal })),
    // The server's configuration: it does not change while the page is open.
    staleTime: Infinity,
  })
}

/** A size in megabytes, as people read file sizes (one decimal). */
export function megabytes(language: string, bytes: number): string {
  return `${formatDecimal(language, bytes / 1024 ** 2, 1)} MB`
}
