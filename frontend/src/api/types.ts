// Wire types, exactly as the API documents them (generated; never write them by hand).
import type { components, paths } from './schema'

export type Schemas = components['schemas']
export type { paths }

/** The query parameters an operation accepts, e.g. `QueryOf<'/api/v1/campaigns'>`. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never
