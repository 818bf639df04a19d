import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, stubApi } from '../../test/fakeApi'
import { someNotificationSettings } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

/** The profile page of Ada, who shares her research attributes, with `country` stated (or not). */
function profileApi(country: string | null) {
  startSession(authResponse())
  const account: Schemas['MeResponse'] = { ...me, research: { country, birth_year: 1990, interests: ['design'] } }
  return stubApi({
    'GET /api/v1/me': () => json(account),
    'PATCH /api/v1/me': async (request) => json({ ...account, ...(await request.json()) }),
    'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
    'GET /api/v1/me/notification-settings': () => json(someNotificationSettings()),
  })
}

describe('profile page', () => {
  it('offers the countries by name in German, and saves the chosen one as its ISO code', async () => {
    const fake = profileApi(null)
    await switchLanguage('de')
    const user = userEvent.setup()
    renderRoute('/me')

    const country = await screen.findByRole('combobox', { name: 'Land' })
    expect(country).toHaveValue('')
    const names = within(country)
      .getAllByRole('option')
      .map((option) => option.textContent)
    expect(names[0]).toBe('Keine Angabe')
    expect(names).toContain('Deutschland')
    expect(names).toContain('Österreich')
    // Sorted by name as German sorts, not by code: Ägypten (EG) comes before Albanien (AL).
    expect(names.indexOf('Ägypten')).toBeLessThan(names.indexOf('Albanien'))

    await user.selectOptions(country, 'Deutschland')
    await user.click(screen.getByRole('button', { name: 'Profil speichern' }))

    await waitFor(() => expect(fake.sent('PATCH /api/v1/me')).toHaveLength(1))
    const [sent] = fake.sent('PATCH /api/v1/me')
    expect((await sent.json()).research).toEqual({ country: 'DE', birth_year: 1990, interests: ['design'] })
  })

  it('shows the stored country by its English name and sends no country once “Not stated” is chosen', async () => {
    const fake = profileApi('AT')
    const user = userEvent.setup()
    renderRoute('/me')

    const country = await screen.findByRole('combobox', { name: 'Country' })
    expect(within(country).getByRole('option', { name: 'Austria' })).toHaveProperty('selected', true)

    await user.selectOptions(country, 'Not stated')
    await user.click(screen.getByRole('button', { name: 'Save profile' }))

    await waitFor(() => expect(fake.sent('PATCH /api/v1/me')).toHaveLength(1))
    expect((await fake.sent('PATCH /api/v1/me')[0].json()).research.country).toBeNull()
  })
})

describe('signing out from the profile page', () => {
  it('forgets the account without asking the API for it again, tokenless', async () => {
    startSession(authResponse())
    const fake = stubApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/notifications/unread': () => json({ total: 0, by_kind: {} }),
      'GET /api/v1/me/notification-settings': () => json(someNotificationSettings()),
      // Answered after the button's busy render, while that render's effects may still wait.
      'POST /api/v1/auth/logout': () => new Promise((resolve) => setTimeout(() => resolve(new Response(null, { status: 204 })), 5)),
      'GET /api/v1/campaigns': () => json({ items: [], next_cursor: null }),
    })
    renderRoute('/me')
    await screen.findByRole('heading', { level: 1, name: 'My profile' })
    const asked = fake.sent('GET /api/v1/me').length

    // A plain click, outside act(): renders and effects come when they would in a browser.
    screen.getByRole('button', { name: 'Sign out' }).click()

    await screen.findByRole('link', { name: 'Sign in' })
    await waitFor(() => expect(fake.sent('POST /api/v1/auth/logout')).toHaveLength(1))
    // Long enough for every effect a render left behind (Preact runs them a frame late).
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(fake.sent('GET /api/v1/me')).toHaveLength(asked)
  })
})
