// Maps an API problem onto a form: a 422's `errors` name request fields by path
// (`title`, `schedule.voting_close_at`, `prize_tiers[0].rank_from`), and each lands next to the
// input for that path. What has no input in the form (and any other problem) is said above it,
// so no message is ever lost.
import type { TFunction } from 'i18next'
import { ApiError } from '../api/errors'
import { describeError } from '../ui/describeError'

export interface FormProblem {
  /** Messages by request field path. */
  fields: Record<string, string[]>
  /** Messages for the top of the form. */
  general: string[]
}

export const NO_PROBLEM: FormProblem = { fields: {}, general: [] }

/**
 * @param hasField whether the form shows an input for a field path; errors for other paths are
 *   listed in `general` with their path.
 */
export function formProblemOf(
  error: unknown,
  hasField: (path: string) => boolean,
  t: TFunction<'common'>,
): FormProblem {
  if (error === null || error === undefined) return NO_PROBLEM
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : []
  if (fieldErrors.length === 0) return { fields: {}, general: [describeError(error, t)] }

  const fields: Record<string, string[]> = {}
  const general = [t('form.fixFields')]
  for (const { field, message } of fieldErrors) {
    if (hasField(field)) (fields[field] ??= []).push(message)
    else general.push(t('form.otherField', { field, message }))
  }
  return { fields, general }
}

/** A `hasField` for forms with a fixed set of inputs. */
export function fieldsIn(paths: readonly string[]): (path: string) => boolean {
  const known = new Set(paths)
  return (path) => known.has(path)
}

/** All messages for a path and the paths inside it: `tags` also collects `tags[3]`. */
export function errorsAt(fields: Record<string, string[]>, path: string): string[] | undefined {
  const messages = Object.entries(fields)
    .filter(([field]) => field === path || field.startsWith(`${path}[`) || field.startsWith(`${path}.`))
    .flatMap(([, list]) => list)
  return messages.length > 0 ? messages : undefined
}
