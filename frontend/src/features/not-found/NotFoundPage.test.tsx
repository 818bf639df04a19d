import { screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { renderRoute } from '../../test/renderRoute'

it('shows "Page not found" with a link home for unknown paths', () => {
  renderRoute('/no/such/page')

  expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  expect(screen.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/')
  expect(screen.getByRole('banner')).toHaveTextContent('Schwarm')
  expect(screen.getByRole('main')).toBeInTheDocument()
  expect(screen.getByRole('contentinfo')).toBeInTheDocument()
})
