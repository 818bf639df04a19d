import { render, screen } from '@testing-library/react'
import { expect, it } from 'vitest'
import { renderRoute } from '../test/renderRoute'
import { PageTitle } from './PageTitle'

it("names the document while it is shown, and gives it back index.html's name after", () => {
  const before = document.title
  const { rerender, unmount, container } = render(<PageTitle>Sign in · Schwarm</PageTitle>)
  expect(document.title).toBe('Sign in · Schwarm')
  // Nothing of it shows in the page itself.
  expect(container.innerHTML).toBe('')

  rerender(<PageTitle>Register · Schwarm</PageTitle>)
  expect(document.title).toBe('Register · Schwarm')

  unmount()
  expect(document.title).toBe(before)
})

it('gives a page its name in the tab as soon as it shows', async () => {
  renderRoute('/login')
  await screen.findByRole('heading', { level: 1 })
  expect(document.title).toBe('Sign in · Schwarm')
})
