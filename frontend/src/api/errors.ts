// Turns openapi-fetch's `{ data, error, response }` results into values or thrown `ApiError`s,
// which is what TanStack Query expects from query and mutation functions.
import type { Schemas } from './types'

export type Problem = Schemas['Problem']
export type FieldError = Schemas['FieldError']

/** A response the API answered with a non-2xx status. */
export class ApiError extends Error {
  readonly status: number
  /** The problem+json body, when the API sent one. */
  readonly problem: Problem | undefined
  /** Seconds to wait before trying again (a 429's or 503's `Retry-After`), when the API said. */
  readonly retryAfter: number | undefined

  constructor(status: number, problem: Problem | undefined, retryAfter?: number) {
    super(problem?.title ?? `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
    this.retryAfter = retryAfter
  }

  /** Per-field validation errors (a 422's `errors`), or none. */
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? []
  }
}

export function isProblem(body: unknown): body is Problem {
  return (
    typeof body === 'object' &&
    body !== null &&
    'title' in body &&
    typeof body.title === 'string' &&
    'status' in body &&
    typeof body.status === 'number'
  )
}

/** `Retry-After` in seconds; the API sends delta-seconds, an HTTP date is turned into seconds too. */
export function retryAfterOf(response: Response): number | undefined {
  const raw = response.headers.get('Retry-After')?.trim()
  if (!raw) return undefined
  if (/^\d+$/.test(raw)) return Number(raw)
  const at = Date.parse(raw)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

function errorOf(response: Response, error: unknown): ApiError {
  return new ApiError(response.status, isProblem(error) ? error : undefined, retryAfterOf(response))
}

interface FetchResult<T> {
  data?: T
  error?: unknown
  response: Response
}

/**
 * Resolves to the JSON body of a successful call, or throws an `ApiError`. Meant for operations
 * that answer with a body; a 2xx without one counts as an error here.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call
  if (!response.ok || data === undefined) throw errorOf(response, error)
  return data
}

/** Like `unwrap`, for operations that answer 204 No Content. */
export async function unwrapEmpty(call: Promise<FetchResult<unknown>>): Promise<void> {
  const { error, response } = await call
  if (!response.ok) throw errorOf(response, error)
}
