import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, problem, stubApi } from '../../test/fakeApi'
import { anOrganization } from '../../test/fixtures'
import { useMyRole } from './queries'

const organization = (slug: string) => anOrganization({ id: `id-${slug}`, slug, name: slug.toUpperCase() })

function wrapper() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
}

/** The API of a user who manages `acme`; any member list answers 403, as for a non-member. */
function myOrganizationsApi() {
  return stubApi({
    'GET /api/v1/me/organizations': () => json({ items: [{ organization: organization('acme'), role: 'manager' }], next_cursor: null }),
    'GET /api/v1/organizations/acme/members': () => problem(403, 'Forbidden'),
    'GET /api/v1/organizations/other/members': () => problem(403, 'Forbidden'),
  })
}

const memberLists = (fake: ReturnType<typeof stubApi>) =>
  fake.requests.filter((request) => new URL(request.url).pathname.endsWith('/members'))

describe('useMyRole', () => {
  it("reads a member's role from their own memberships, not from the member list", async () => {
    startSession(authResponse())
    const fake = myOrganizationsApi()
    const { result } = renderHook(() => useMyRole('acme'), { wrapper: wrapper() })

    expect(result.current).toEqual({ role: null, isPending: true })
    await waitFor(() => expect(result.current).toEqual({ role: 'manager', isPending: false }))
    expect(fake.sent('GET /api/v1/me/organizations')).toHaveLength(1)
    expect(fake.sent('GET /api/v1/me/organizations')[0].headers.get('Authorization')).toBe('Bearer access-1')
    expect(memberLists(fake)).toEqual([])
  })

  it('answers "no role" for a foreign organization without a request the API would refuse', async () => {
    startSession(authResponse())
    const fake = myOrganizationsApi()
    const { result } = renderHook(() => [useMyRole('other'), useMyRole('acme')], { wrapper: wrapper() })

    await waitFor(() => expect(result.current[0]).toEqual({ role: null, isPending: false }))
    expect(result.current[1]).toEqual({ role: 'manager', isPending: false })
    // One query serves every organization asked about.
    expect(fake.requests.map((request) => new URL(request.url).pathname)).toEqual(['/api/v1/me/organizations'])
  })

  it('follows every page of memberships', async () => {
    startSession(authResponse())
    const fake = stubApi({
      'GET /api/v1/me/organizations': (request) =>
        new URL(request.url).searchParams.get('cursor') === 'p2'
          ? json({ items: [{ organization: organization('zeta'), role: 'juror' }], next_cursor: null })
          : json({ items: [{ organization: organization('acme'), role: 'owner' }], next_cursor: 'p2' }),
    })
    const { result } = renderHook(() => useMyRole('zeta'), { wrapper: wrapper() })

    await waitFor(() => expect(result.current).toEqual({ role: 'juror', isPending: false }))
    expect(fake.sent('GET /api/v1/me/organizations')).toHaveLength(2)
  })

  it('has no role and asks nothing while nobody is signed in', () => {
    const fake = myOrganizationsApi()
    const { result } = renderHook(() => useMyRole('acme'), { wrapper: wrapper() })

    expect(result.current).toEqual({ role: null, isPending: false })
    expect(fake.requests).toEqual([])
  })
})
