// One sentence for any failed request, in the UI's language.
import type { TFunction } from 'i18next'
import { ApiError, type FieldError } from '../api/errors'
import { namesNoField, refusalMessage } from '../i18n/errors'

export function describeError(error: unknown, t: TFunction<'common'>): string {
  if (!(error instanceof ApiError)) return t('error.unreachable')
  const { problem, status } = error
  if (problem?.errors?.length) return problem.errors.map((fieldError) => describeFieldError(fieldError, t)).join(' ')
  const message = problem?.code ? refusalMessage(problem, t) : undefined
  if (message) return message
  // A code this client does not know (a newer server): the API's detail, in English, is the
  // most precise account there is.
  if (problem?.detail) return t('error.problem', { title: problem.title, detail: problem.detail })
  if (status === 404) return t('error.notFound')
  if (status === 403) return t('error.forbidden')
  return problem?.title ?? t('error.http', { status })
}

/** A field's refusal away from its input: generic ones (`Required`) name the field. */
export function describeFieldError({ field, code, message: apiMessage, params }: FieldError, t: TFunction<'common'>): string {
  const message = refusalMessage({ code, params }, t)
  if (message && !namesNoField(code)) return message
  return t('form.otherField', { field, message: message ?? apiMessage })
}
