import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { json, problem, stubApi } from '../../test/fakeApi'
import { renderRoute } from '../../test/renderRoute'

describe('StatusPage', () => {
  it('shows the API status and version when the API is healthy', async () => {
    const api = stubApi({ 'GET /api/v1/health': () => json({ status: 'ok', version: '1.2.3' }) })

    renderRoute('/status')

    expect(screen.getByRole('heading', { level: 1, name: 'API status' })).toBeVisible()
    expect(screen.getByRole('status')).toHaveTextContent('Checking the API')
    expect(await screen.findByText('API: ok (version 1.2.3)')).toBeVisible()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(api.sent('GET /api/v1/health')).toHaveLength(1)
  })

  it('shows the problem as an alert when the API answers 503 problem+json', async () => {
    stubApi({ 'GET /api/v1/health': () => problem(503, 'Service Unavailable', 'database is not reachable') })

    renderRoute('/status')

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Service Unavailable')
    expect(alert).toHaveTextContent('database is not reachable')
    expect(alert).toHaveTextContent('HTTP 503')
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled()
    expect(screen.queryByText(/API: ok/)).not.toBeInTheDocument()
  })

  it('says the API is unreachable when the request fails', async () => {
    stubApi({ 'GET /api/v1/health': () => Promise.reject(new TypeError('Failed to fetch')) })

    renderRoute('/status')

    expect(await screen.findByRole('alert')).toHaveTextContent('The API could not be reached')
  })
})
