// The calls that report upload progress (an image to `POST /media`, a task file to
// `POST /campaigns/{id}/tasks/import`): openapi-fetch cannot, so these go through XMLHttpRequest.
// Each sends the session's token like the auth middleware does, refreshing it once on a 401.
import { ApiError, isProblem } from './errors'
import { refreshAccessToken } from './refresh'
import { prepareForRefusal } from './refusals'
import { getAccessToken, getRefreshToken } from './session'
import type { paths } from './types'

export interface ProgressOptions {
  /** Called with the share of the body sent so far, 0 to 1. */
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

export interface XhrRequest {
  /** A path of the API (`/api/v1/media`), absolute in this origin. */
  path: keyof paths | `/api/v1/${string}`
  /** Built anew for each attempt: a retry after a refresh sends the body again. */
  body: () => XMLHttpRequestBodyInit
  /** The body's type, unless the browser sets it (multipart). */
  contentType?: string
}

export interface XhrResult {
  status: number
  /** The parsed JSON body, if there was one. */
  body: unknown
}

function send(request: XhrRequest, token: string | null, { onProgress, signal }: ProgressOptions): Promise<XhrResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${window.location.origin}${request.path}`)
    if (token !== null) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    if (request.contentType) xhr.setRequestHeader('Content-Type', request.contentType)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total)
    })
    // The whole body is out: what follows is the server's work.
    xhr.upload.addEventListener('load', () => onProgress?.(1))
    xhr.addEventListener('load', () => {
      let body: unknown
      try {
        body = xhr.responseText === '' ? undefined : JSON.parse(xhr.responseText)
      } catch {
        body = undefined
      }
      resolve({ status: xhr.status, body })
    })
    xhr.addEventListener('error', () => reject(new TypeError('network error')))
    xhr.addEventListener('abort', () => reject(new DOMException('upload cancelled', 'AbortError')))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    xhr.send(request.body())
  })
}

/**
 * POSTs with upload progress and the session's token. Resolves to a 2xx answer; throws an
 * `ApiError` for any other status (with the problem+json body the API sent) or a network error.
 */
export async function postWithProgress(request: XhrRequest, options: ProgressOptions = {}): Promise<XhrResult> {
  const token = getAccessToken() ?? (getRefreshToken() !== null ? await refreshAccessToken() : null)
  let result = await send(request, token, options)
  if (result.status === 401 && token !== null) {
    const fresh = await refreshAccessToken()
    if (fresh !== null) {
      options.onProgress?.(0)
      result = await send(request, fresh, options)
    }
  }
  if (result.status < 200 || result.status >= 300) {
    await prepareForRefusal()
    throw new ApiError(result.status, isProblem(result.body) ? result.body : undefined)
  }
  return result
}
