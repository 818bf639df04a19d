// Why an upload failed, in words for the person who picked the file.
import type { TFunction } from 'i18next'
import { ApiError } from '../../api/errors'
import { describeError } from '../../ui/describeError'
import { megabytes } from './limits'

export function describeUploadError(error: unknown, t: TFunction<'media'>, tCommon: TFunction<'common'>, language: string): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 413: {
        const limit = error.problem?.params?.limit
        return typeof limit === 'number' ? t('error.tooLargeLimit', { limit: megabytes(language, limit) }) : t('error.tooLarge')
      }
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
