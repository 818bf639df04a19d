// Uploads one image to `POST /media`. openapi-fetch cannot report upload progress, so this one call
// goes through XMLHttpRequest (`postWithProgress`, which sends and refreshes the session's token
// like the auth middleware does); its result and errors are typed from the generated schema all
// the same.
import { ApiError } from '../../api/errors'
import type { paths } from '../../api/types'
import { postWithProgress, type ProgressOptions } from '../../api/xhr'

export type Media = paths['/api/v1/media']['post']['responses'][201]['content']['application/json']
type UploadForm = paths['/api/v1/media']['post']['requestBody']['content']['multipart/form-data']

const MEDIA_PATH = '/api/v1/media' satisfies keyof paths
/** The multipart field the API reads the image from. */
const FILE_FIELD = 'file' satisfies keyof UploadForm

/** What the browser offers in the file picker; the server checks the content regardless. */
export const ACCEPTED_TYPES = 'image/png,image/jpeg,image/webp,image/gif'

export type UploadOptions = ProgressOptions

/** Resolves to the stored image, or throws an `ApiError` (413, 415, 422, ...) or a network error. */
export async function uploadMedia(file: File, options: UploadOptions = {}): Promise<Media> {
  const result = await postWithProgress(
    {
      path: MEDIA_PATH,
      body: () => {
        const form = new FormData()
        form.append(FILE_FIELD, file, file.name)
        return form
      },
    },
    options,
  )
  if (!isMedia(result.body)) throw new ApiError(result.status, undefined)
  return result.body
}

function isMedia(body: unknown): body is Media {
  return typeof body === 'object' && body !== null && 'id' in body && 'url' in body && typeof body.url === 'string'
}
