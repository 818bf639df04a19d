import { render, screen } from '@testing-library/react'
import { expect, it, vi } from 'vitest'
import { PageErrorBoundary } from './PageErrorBoundary'

function Broken(): never {
  throw new TypeError('Failed to fetch dynamically imported module')
}

it('says a page that cannot load cannot be reached, with a retry, and clears on another address', () => {
  // React reports the caught error on the console; the test is about what the page shows.
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
  const { rerender } = render(
    <PageErrorBoundary at="/c/summer-bottle">
      <Broken />
    </PageErrorBoundary>,
  )
  expect(screen.getByRole('alert')).toHaveTextContent('The server could not be reached')
  expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled()

  rerender(
    <PageErrorBoundary at="/organizations">
      <p>Organisers</p>
    </PageErrorBoundary>,
  )
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  expect(screen.getByText('Organisers')).toBeVisible()
  consoleError.mockRestore()
})
