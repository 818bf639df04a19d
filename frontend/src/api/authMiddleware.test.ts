import { describe, expect, it } from 'vitest'
import { authResponse, json, problem, stubApi } from '../test/fakeApi'
import { api } from './client'
import { getAccessToken, getEndReason, getRefreshToken, isSignedIn, startSession } from './session'

const bearer = (request: Request) => request.headers.get('Authorization')

describe('auth middleware', () => {
  it('sends the access token as a Bearer header', async () => {
    startSession(authResponse('access-1', 'refresh-1'))
    const fake = stubApi({ 'GET /api/v1/me': () => json(authResponse().user) })

    await api.GET('/api/v1/me')

    expect(bearer(fake.sent('GET /api/v1/me')[0])).toBe('Bearer access-1')
  })

  it('refreshes once for parallel 401s and retries each request with the new token', async () => {
    startSession(authResponse('expired', 'refresh-1'))
    const fake = stubApi({
      'GET /api/v1/me': (request) =>
        bearer(request) === 'Bearer access-2' ? json(authResponse().user) : problem(401, 'Unauthorized', 'token expired'),
      'POST /api/v1/auth/refresh': async () => {
        // Slow enough that all three 401s arrive while this refresh is under way.
        await new Promise((resolve) => setTimeout(resolve, 20))
        return json(authResponse('access-2', 'refresh-2'))
      },
    })

    const results = await Promise.all([api.GET('/api/v1/me'), api.GET('/api/v1/me'), api.GET('/api/v1/me')])

    expect(results.map((result) => result.response.status)).toEqual([200, 200, 200])
    const refreshes = fake.sent('POST /api/v1/auth/refresh')
    expect(refreshes).toHaveLength(1)
    expect(await refreshes[0].json()).toEqual({ refresh_token: 'refresh-1' })
    expect(fake.sent('GET /api/v1/me').map(bearer)).toEqual([
      'Bearer expired',
      'Bearer expired',
      'Bearer expired',
      'Bearer access-2',
      'Bearer access-2',
      'Bearer access-2',
    ])
    expect(getAccessToken()).toBe('access-2')
    expect(getRefreshToken()).toBe('refresh-2')
  })

  it('replays the request body on the retry', async () => {
    startSession(authResponse('expired', 'refresh-1'))
    const fake = stubApi({
      'PATCH /api/v1/me': (request) =>
        bearer(request) === 'Bearer access-2' ? json(authResponse().user) : problem(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': () => json(authResponse('access-2', 'refresh-2')),
    })

    const result = await api.PATCH('/api/v1/me', { body: { display_name: 'Grace' } })

    expect(result.response.status).toBe(200)
    const [first, retry] = fake.sent('PATCH /api/v1/me')
    expect(await first.json()).toEqual({ display_name: 'Grace' })
    expect(await retry.json()).toEqual({ display_name: 'Grace' })
  })

  it('signs out and lets the 401 through when the refresh token is refused', async () => {
    startSession(authResponse('expired', 'revoked'))
    const fake = stubApi({
      'GET /api/v1/me': () => problem(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': () => problem(401, 'Unauthorized', 'refresh token reused'),
    })

    const result = await api.GET('/api/v1/me')

    expect(result.response.status).toBe(401)
    expect(fake.sent('GET /api/v1/me')).toHaveLength(1)
    expect(isSignedIn()).toBe(false)
    expect(getRefreshToken()).toBeNull()
    expect(getEndReason()).toBe('expired')
  })

  it('keeps the session when the refresh fails for a passing reason (503)', async () => {
    startSession(authResponse('expired', 'refresh-1'))
    stubApi({
      'GET /api/v1/me': () => problem(401, 'Unauthorized'),
      'POST /api/v1/auth/refresh': () => problem(503, 'Service Unavailable'),
    })

    const result = await api.GET('/api/v1/me')

    expect(result.response.status).toBe(401)
    expect(getRefreshToken()).toBe('refresh-1')
  })

  it('after a reload, gets an access token from the stored refresh token before the first call', async () => {
    localStorage.setItem('schwarm.refreshToken', 'refresh-1')
    const fake = stubApi({
      'POST /api/v1/auth/refresh': () => json(authResponse('access-2', 'refresh-2')),
      'GET /api/v1/campaigns/draft-one': () => json({ id: 'x' }),
    })

    await api.GET('/api/v1/campaigns/{id}', { params: { path: { id: 'draft-one' } } })

    expect(fake.sent('POST /api/v1/auth/refresh')).toHaveLength(1)
    expect(bearer(fake.sent('GET /api/v1/campaigns/draft-one')[0])).toBe('Bearer access-2')
  })

  it('sends anonymous requests without a header when nobody is signed in', async () => {
    const fake = stubApi({ 'GET /api/v1/campaigns': () => json({ items: [], next_cursor: null }) })

    await api.GET('/api/v1/campaigns')

    expect(bearer(fake.sent('GET /api/v1/campaigns')[0])).toBeNull()
    expect(fake.sent('POST /api/v1/auth/refresh')).toHaveLength(0)
  })
})
