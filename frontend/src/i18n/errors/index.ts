// The one translation of the API's refusals: every `ErrorCode` in each language, with the
// refusal's params in the message. The messages live in the `errors` namespace, one chunk per
// language (they are too many to ride in the main chunk), loaded when the first refusal arrives and,
// once some are here, before the language switches; keys are the codes themselves, dots included.
import type { i18n as I18n, TFunction } from 'i18next'
import type { Schemas } from '../../api/types'
import { formatDateTime, formatDecimal } from '../format'
import type { Language } from '../languages'

export type ErrorCode = Schemas['ErrorCode']

/**
 * A language's messages: one for every code (a missing one fails to compile), plus variants
 * `code_variant` that `contextOf` picks from the params (`field.length_max`, `not_found_user`).
 */
export type ErrorMessages = Record<ErrorCode, string> & Partial<Record<`${ErrorCode}_${string}`, string>>

export const ERRORS_NAMESPACE = 'errors'

const loaders: Record<Language, () => Promise<ErrorMessages>> = {
  en: () => import('./en').then((module) => module.en),
  de: () => import('./de').then((module) => module.de),
}

/** Adds a language's messages to `i18n` (once); resolves when they are there. */
export async function loadErrorMessages(i18n: I18n, language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, ERRORS_NAMESPACE)) return
  const messages = await loaders[language]()
  if (!i18n.hasResourceBundle(language, ERRORS_NAMESPACE)) i18n.addResourceBundle(language, ERRORS_NAMESPACE, messages)
}

/**
 * The formats the messages use besides i18next's own `number`: `{{limit, bytes}}` (in MB),
 * `{{until, instant}}` (an RFC 3339 instant), and the API's enumerations by their common names
 * (`{{phase, phase}}`, `{{role, role}}`, `{{status, status}}`).
 */
export function addErrorFormats(i18n: I18n): void {
  const formatter = i18n.services.formatter
  if (!formatter) return
  formatter.add('bytes', (value: unknown, lng) => `${formatDecimal(lng ?? 'en', Number(value) / 1024 ** 2, 1)} MB`)
  formatter.add('instant', (value: unknown, lng) => formatDateTime(lng ?? 'en', String(value)))
  for (const group of ['phase', 'role', 'status'] as const) {
    formatter.add(group, (value: unknown, lng) => {
      const key = `common:${group}.${String(value)}`
      // A value the client does not know yet (a newer server) is shown as it is.
      return i18n.exists(key, { lng }) ? i18n.t(key as never, { lng }) : String(value)
    })
  }
}

/** What a message needs of a refusal: its code (perhaps one this client does not know) and params. */
export interface Refusal {
  code: string
  params?: Record<string, unknown> | null
}

/** Params that pick a variant by their value. */
const CHOOSING_PARAM: Record<string, string> = {
  not_found: 'resource',
  'invitation.unavailable': 'reason',
  'account_link.unavailable': 'reason',
  'vote.value_invalid': 'method',
}
/** Bounds that pick `_between`, `_min` or `_max` by which of them are present. */
const BOUNDS = [
  ['min', 'max'],
  ['available_from', 'available_until'],
] as const

function contextOf({ code, params }: Refusal): string | undefined {
  const choosing = CHOOSING_PARAM[code]
  if (choosing) return typeof params?.[choosing] === 'string' ? params[choosing] : undefined
  for (const [low, high] of BOUNDS) {
    const hasLow = params?.[low] !== undefined && params[low] !== null
    const hasHigh = params?.[high] !== undefined && params[high] !== null
    if (hasLow && hasHigh) return 'between'
    if (hasLow) return 'min'
    if (hasHigh) return 'max'
  }
  return undefined
}

type Lookup = (key: string, options: Record<string, unknown>) => string

/**
 * A refusal in the words of `t`'s language, or `undefined` for a code this client does not know
 * (a newer server): the caller then shows the API's own (English) message.
 */
export function refusalMessage(refusal: Refusal, t: TFunction<'common'>): string | undefined {
  // The keys are codes with dots, not paths, and the namespace is loaded at run time: a plain
  // lookup rather than the typed `t` of bundled namespaces.
  const lookup = t as unknown as Lookup
  const message = lookup(refusal.code, {
    ns: ERRORS_NAMESPACE,
    keySeparator: false,
    nsSeparator: false,
    context: contextOf(refusal),
    replace: refusal.params ?? {},
    defaultValue: '',
  })
  return message === '' ? undefined : message
}

/** Whether a code's message stands next to its field only (`Required`), so elsewhere it needs the field named. */
export function namesNoField(code: string): boolean {
  return code.startsWith('field.')
}
