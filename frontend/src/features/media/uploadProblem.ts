// Why an upload failed, in words for the person who picked the file.
import type { TFunction } from 'i18next'
import { ApiError } from '../../api/errors'
import { describeError } from '../../ui/describeError'

export function describeUploadError(error: unknown, t: TFunction<'media'>, tCommon: TFunction<'common'>): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 413:
        return t('error.tooLarge')
      case 415:
        return t('error.notImage')
      case 422:
        return t('error.damaged')
      case 401:
        return t('error.signIn')
    }
  }
  return describeError(error, tCommon)
}
