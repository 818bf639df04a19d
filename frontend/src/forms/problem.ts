// Maps an API problem onto a form: a 422's `errors` name request fields by path
// (`title`, `schedule.voting_close_at`, `prize_tiers[0].rank_from`), and each lands next to the
// input for that path. What has no input in the form (and any other problem) is said above it,
// so no message is ever lost.
import type { TFunction } from 'i18next'
import { ApiError } from '../api/errors'
import type { Schemas } from '../api/types'
import { refusalMessage } from '../i18n/errors'
import { describeError, describeFieldError } from '../ui/describeError'

export interface FormProblem {
  /** Messages by request field path. */
  fields: Record<string, string[]>
  /** Messages for the top of the form. */
  general: string[]
}

export const NO_PROBLEM: FormProblem = { fields: {}, general: [] }

/** The values a refusal's message needs (`min`, `max`, ...), as a problem and a field error carry them. */
export type RefusalParams = NonNullable<Schemas['Problem']['params'] | Schemas['FieldError']['params']>

/** What a refusal's machine-readable parts say: its `code`, the `params` a message needs, its field. */
export interface CodedRefusal {
  code: Schemas['ErrorCode']
  params: RefusalParams
  field?: string
}

/**
 * A form's own words for the codes it expects, in the UI's language; `undefined` keeps the
 * central translation of the code (see `refusalMessage`), or the API's English message for a
 * code this client does not know.
 */
export type CodeMessages = (refusal: CodedRefusal) => string | undefined

/**
 * @param hasField whether the form shows an input for a field path; errors for other paths are
 *   listed in `general` with their path.
 * @param messages translations for the codes the form expects (see `CodeMessages`).
 */
export function formProblemOf(
  error: unknown,
  hasField: (path: string) => boolean,
  t: TFunction<'common'>,
  messages?: CodeMessages,
): FormProblem {
  if (error === null || error === undefined) return NO_PROBLEM
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : []
  if (fieldErrors.length === 0) {
    const problem = error instanceof ApiError ? error.problem : undefined
    const own = problem && messages?.({ code: problem.code, params: problem.params ?? {} })
    return { fields: {}, general: [own ?? describeError(error, t)] }
  }

  const fields: Record<string, string[]> = {}
  const general = [t('form.fixFields')]
  for (const fieldError of fieldErrors) {
    const { field, message: apiMessage, code, params } = fieldError
    const own = messages?.({ code, params: params ?? {}, field })
    if (hasField(field)) (fields[field] ??= []).push(own ?? refusalMessage({ code, params }, t) ?? apiMessage)
    else general.push(own === undefined ? describeFieldError(fieldError, t) : t('form.otherField', { field, message: own }))
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
