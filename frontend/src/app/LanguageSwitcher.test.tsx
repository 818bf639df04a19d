import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { json, stubApi } from '../test/fakeApi'
import { renderRoute } from '../test/renderRoute'

it('switches the whole page to German, sets <html lang> and remembers the choice', async () => {
  stubApi({ 'GET /api/v1/campaigns': () => json({ items: [], next_cursor: null }) })
  const user = userEvent.setup()
  renderRoute('/')
  expect(screen.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible()
  expect(await screen.findByText('No campaigns yet.')).toBeVisible()

  await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'Deutsch')

  expect(screen.getByRole('heading', { level: 1, name: 'Kampagnen' })).toBeVisible()
  expect(screen.getByText('Noch keine Kampagnen.')).toBeVisible()
  expect(screen.getByRole('link', { name: 'Anmelden' })).toBeVisible()
  expect(screen.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de')
  expect(document.documentElement.lang).toBe('de')
  expect(localStorage.getItem('schwarm.language')).toBe('de')
})
