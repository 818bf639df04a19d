// Finding people to add to a form (`GET /users`): by part of a display name (up to 10, by name),
// or by an exact email address (the one account with it, or none). The picker asks only once the
// typing pauses, and a search whose text has changed meanwhile is cancelled: its query loses its
// last observer, and TanStack Query aborts the request through the signal passed on here.
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { unwrap } from '../../api/errors'
import { peopleKeys } from '../../api/queryKeys'
import type { Schemas } from '../../api/types'

export type Person = Schemas['PublicUserResponse']

/** Who a form has picked: it sends the id and shows the name. */
export interface PickedPerson {
  id: string
  display_name: string
}

/** The fewest characters of a name the API searches for (`q`, 2 to 80). */
export const MIN_NAME_LENGTH = 2
const MAX_NAME_LENGTH = 80
const MAX_EMAIL_LENGTH = 254

/** How long the typing must pause before the picker asks. */
export const SEARCH_DELAY_MS = 250

/** What the picker asks for, given what was typed; `null`: too little (or too much) to ask. */
export type PeopleSearch = { by: 'name'; text: string } | { by: 'email'; address: string }

/** Something like `a@b.c`: looked up as an address, not searched as a name. */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(text)
}

export function searchFor(typed: string): PeopleSearch | null {
  const text = typed.trim()
  if (looksLikeEmail(text)) return text.length <= MAX_EMAIL_LENGTH ? { by: 'email', address: text.toLowerCase() } : null
  const length = [...text].length
  return length >= MIN_NAME_LENGTH && length <= MAX_NAME_LENGTH ? { by: 'name', text } : null
}

export const peopleQueries = {
  byName: (text: string) =>
    queryOptions({
      queryKey: peopleKeys.byName(text),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users', { params: { query: { q: text } }, signal })),
      staleTime: 60_000,
    }),
  /** Rate limited (some ten a minute): an answer is kept for the page's life rather than asked again. */
  byEmail: (address: string) =>
    queryOptions({
      queryKey: peopleKeys.byEmail(address),
      queryFn: ({ signal }) => unwrap(api.GET('/api/v1/users', { params: { query: { email: address } }, signal })),
      staleTime: Infinity,
    }),
}

/** `value`, once it has stayed the same for `delay` ms. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay)
    return () => clearTimeout(timer)
  }, [value, delay])
  return settled
}

/**
 * The people for what was typed, asked for once the typing pauses. `waiting` while the text has
 * not settled or its answer is on its way; `people` are then the answer for the settled text.
 */
export function usePeopleSearch(typed: string) {
  const current = searchFor(typed)
  const currentKey = current === null ? '' : current.by === 'email' ? `email:${current.address}` : `name:${current.text}`
  const settledKey = useSettled(currentKey, SEARCH_DELAY_MS)
  const search = settledKey === currentKey ? current : null
  const byName = useQuery({ ...peopleQueries.byName(search?.by === 'name' ? search.text : ''), enabled: search?.by === 'name' })
  const byEmail = useQuery({
    ...peopleQueries.byEmail(search?.by === 'email' ? search.address : ''),
    enabled: search?.by === 'email',
  })
  const query = current?.by === 'email' ? byEmail : byName
  return {
    /** What is searched for, `null` while too little is typed. */
    search: current,
    waiting: current !== null && (search === null || query.isPending),
    people: search === null ? [] : (query.data ?? []),
    error: search === null ? null : query.error,
  }
}
