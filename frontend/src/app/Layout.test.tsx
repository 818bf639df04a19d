import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { i18n } from '../i18n'
import { json, stubApi } from '../test/fakeApi'
import { aCampaign } from '../test/fixtures'
import { renderRoute } from '../test/renderRoute'

function stubPages() {
  stubApi({
    'GET /api/v1/campaigns': () => json({ items: [], next_cursor: null }),
    'GET /api/v1/organizations': () => json({ items: [], next_cursor: null }),
  })
}

it('opens the menu panel from its button and closes it on Esc, focus back on the button', async () => {
  stubPages()
  await i18n.changeLanguage('de')
  const user = userEvent.setup()
  renderRoute('/')
  const toggle = screen.getByRole('button', { name: 'Menü' })
  expect(toggle).toHaveAttribute('aria-expanded', 'false')
  expect(toggle).toHaveAttribute('aria-controls', 'site-nav')
  const nav = screen.getByRole('navigation', { name: 'Hauptmenü' })
  expect(nav).toHaveAttribute('id', 'site-nav')
  expect(nav).not.toHaveClass('open')

  await user.click(toggle)
  expect(toggle).toHaveAttribute('aria-expanded', 'true')
  expect(nav).toHaveClass('open')

  await user.keyboard('{Escape}')
  expect(toggle).toHaveAttribute('aria-expanded', 'false')
  expect(nav).not.toHaveClass('open')
  expect(toggle).toHaveFocus()
})

it('closes the menu when one of its links navigates, and on a click outside the header', async () => {
  stubPages()
  const user = userEvent.setup()
  const { router } = renderRoute('/')
  const toggle = screen.getByRole('button', { name: 'Menu' })

  await user.click(toggle)
  expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await user.click(screen.getByRole('link', { name: 'For organisers' }))
  expect(router.state.location.pathname).toBe('/organizations')
  expect(toggle).toHaveAttribute('aria-expanded', 'false')

  await user.click(toggle)
  expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await user.click(screen.getByRole('main'))
  expect(toggle).toHaveAttribute('aria-expanded', 'false')
})

it('sends people who register from the header back to the page they were on', async () => {
  stubApi({
    'GET /api/v1/campaigns/summer-bottle': () => json({ ...aCampaign(), phase: 'voting' }),
  })
  renderRoute('/c/summer-bottle?via=k3x9')
  expect(await screen.findByRole('link', { name: 'Register' })).toHaveAttribute(
    'href',
    `/register?${new URLSearchParams({ next: '/c/summer-bottle?via=k3x9' })}`,
  )
  expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', `/login?${new URLSearchParams({ next: '/c/summer-bottle?via=k3x9' })}`)
})
