// One sentence for any failed request, in the UI's language.
import type { TFunction } from 'i18next'
import { ApiError } from '../api/errors'

export function describeError(error: unknown, t: TFunction<'common'>): string {
  if (!(error instanceof ApiError)) return t('error.unreachable')
  const { problem, status } = error
  // The server's detail is the most precise account (the API writes it in English only).
  if (problem?.detail) return t('error.problem', { title: problem.title, detail: problem.detail })
  if (status === 404) return t('error.notFound')
  if (status === 403) return t('error.forbidden')
  return problem?.title ?? t('error.http', { status })
}
