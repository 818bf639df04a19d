// Uploads one image to `POST /media`. openapi-fetch cannot report upload progress, so this one call
// uses XMLHttpRequest; it sends the session's token like the auth middleware does (refreshing it
// once on a 401), and its result and errors are typed from the generated schema all the same.
import { ApiError, isProblem } from '../../api/errors'
import { refreshAccessToken } from '../../api/refresh'
import { getAccessToken, getRefreshToken } from '../../api/session'
import type { paths } from '../../api/types'

export type Media = paths['/api/v1/media']['post']['responses'][201]['content']['application/json']
type UploadForm = paths['/api/v1/media']['post']['requestBody']['content']['multipart/form-data']

const MEDIA_PATH = '/api/v1/media' satisfies keyof paths
/** The multipart field the API reads the image from. */
const FILE_FIELD = 'file' satisfies keyof UploadForm

/** What the browser offers in the file picker; the server checks the content regardless. */
export const ACCEPTED_TYPES = 'image/png,image/jpeg,image/webp,image/gif'

export interface UploadOptions {
  /** Called with the share of the file sent so far, 0 to 1. */
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

interface Sent {
  status: number
  body: unknown
}

function send(file: File, token: string | null, { onProgress, signal }: UploadOptions): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', `${window.location.origin}${MEDIA_PATH}`)
    if (token !== null) request.setRequestHeader('Authorization', `Bearer ${token}`)
    request.setRequestHeader('Accept', 'application/json')
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total)
    })
    request.addEventListener('load', () => {
      let body: unknown
      try {
        body = request.responseText === '' ? undefined : JSON.parse(request.responseText)
      } catch {
        body = undefined
      }
      resolve({ status: request.status, body })
    })
    request.addEventListener('error', () => reject(new TypeError('network error')))
    request.addEventListener('abort', () => reject(new DOMException('upload cancelled', 'AbortError')))
    signal?.addEventListener('abort', () => request.abort(), { once: true })
    const form = new FormData()
    form.append(FILE_FIELD, file, file.name)
    request.send(form)
  })
}

/** Resolves to the stored image, or throws an `ApiError` (413, 415, 422, ...) or a network error. */
export async function uploadMedia(file: File, options: UploadOptions = {}): Promise<Media> {
  const token = getAccessToken() ?? (getRefreshToken() !== null ? await refreshAccessToken() : null)
  let result = await send(file, token, options)
  if (result.status === 401 && token !== null) {
    const fresh = await refreshAccessToken()
    if (fresh !== null) {
      options.onProgress?.(0)
      result = await send(file, fresh, options)
    }
  }
  if (result.status !== 201 && result.status !== 200) {
    throw new ApiError(result.status, isProblem(result.body) ? result.body : undefined)
  }
  if (!isMedia(result.body)) throw new ApiError(result.status, undefined)
  return result.body
}

function isMedia(body: unknown): body is Media {
  return typeof body === 'object' && body !== null && 'id' in body && 'url' in body && typeof body.url === 'string'
}
