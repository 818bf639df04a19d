// The scopes a token can be granted, in the API's order (area by area, read before write), each
// with the key of its plain-language label. A `Record` over the generated `Scope` union: a scope
// the API adds does not compile until it has a label here.
import type { Schemas } from '../../api/types'
import type { en } from './strings'

export type Scope = Schemas['Scope']

const LABELS: Record<Scope, keyof typeof en.scope> = {
  'profile:read': 'profileRead',
  'profile:write': 'profileWrite',
  'organizations:read': 'organizationsRead',
  'organizations:write': 'organizationsWrite',
  'campaigns:read': 'campaignsRead',
  'campaigns:write': 'campaignsWrite',
  'contributions:read': 'contributionsRead',
  'contributions:write': 'contributionsWrite',
  'votes:read': 'votesRead',
  'votes:write': 'votesWrite',
  'media:write': 'mediaWrite',
  'analytics:read': 'analyticsRead',
  'pledges:read': 'pledgesRead',
  'pledges:write': 'pledgesWrite',
  'tasks:read': 'tasksRead',
  'tasks:write': 'tasksWrite',
}

export const SCOPES = Object.keys(LABELS) as Scope[]

/** The strings key of a scope's label (scopes contain `:`, which i18next reads as a namespace). */
export function scopeLabelKey(scope: Scope): `scope.${keyof typeof en.scope}` {
  return `scope.${LABELS[scope]}`
}

/** Whether a scope lets a token change things: creating such a token needs the user's password. */
export function isWriteScope(scope: Scope): boolean {
  return scope.endsWith(':write')
}
