import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, stubApi } from '../../test/fakeApi'
import { anOrganization } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const organization = (slug: string, name: string) => anOrganization({ id: `id-${slug}`, slug, name })

function signedInWith(items: unknown[]) {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/organizations': () => json({ items, next_cursor: null }),
  })
}

describe('OrganizationsPage', () => {
  it("lists the user's organizations with their role, next to create and open-by-address", async () => {
    signedInWith([
      { organization: organization('acme', 'ACME'), role: 'owner' },
      { organization: organization('zeta', 'Zeta'), role: 'juror' },
    ])
    renderRoute('/organizations')

    const mine = within(await screen.findByRole('region', { name: 'My organizations' }))
    const items = await mine.findAllByRole('listitem')
    expect(items.map((item) => item.textContent)).toEqual(['ACME Owner', 'Zeta Juror'])
    expect(mine.getByRole('link', { name: 'ACME' })).toHaveAttribute('href', '/o/acme')
    expect(screen.getByRole('region', { name: 'Create an organization' })).toBeVisible()
    expect(screen.getByRole('button', { name: 'Open' })).toBeVisible()
  })

  it('says how to get an organization when the user has none, in German too', async () => {
    signedInWith([])
    await switchLanguage('de')
    renderRoute('/organizations')

    const mine = within(await screen.findByRole('region', { name: 'Meine Organisationen' }))
    expect(await mine.findByText(/Leg unten eine an/)).toBeVisible()
  })

  it('asks nothing about memberships while nobody is signed in', async () => {
    const fake = stubApi({})
    renderRoute('/organizations')

    expect(await screen.findByRole('link', { name: 'Sign in to create an organization.' })).toBeVisible()
    expect(screen.queryByRole('region', { name: 'My organizations' })).toBeNull()
    expect(fake.sent('GET /api/v1/me/organizations')).toEqual([])
  })
})
