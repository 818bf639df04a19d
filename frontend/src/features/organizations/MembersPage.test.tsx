import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, me, problem, stubApi } from '../../test/fakeApi'
import { anOrganization } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The page loads lazily: imported up front, so its first load does not eat a query's wait.
import './MembersPage'

const organization = anOrganization()
const members = [
  { user_id: me.id, display_name: 'Ada', role: 'owner', joined_at: '2026-01-01T00:00:00Z' },
  { user_id: 'u2', display_name: 'Grace', role: 'juror', joined_at: '2026-01-02T00:00:00Z' },
]

describe('MembersPage', () => {
  it('lets an owner change a role and add a member found by name', async () => {
    startSession(authResponse())
    const fake = stubApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/organizations/acme': () => json(organization),
      'GET /api/v1/me/organizations': () => json({ items: [{ organization, role: 'owner' }], next_cursor: null }),
      'GET /api/v1/organizations/acme/members': () => json({ items: members, next_cursor: null }),
      'GET /api/v1/users': () => json([{ id: 'u3', display_name: 'Linus', created_at: '2026-01-03T00:00:00Z' }]),
      'PUT /api/v1/organizations/acme/members/u2': () => json({ ...members[1], role: 'moderator' }),
      'PUT /api/v1/organizations/acme/members/u3': () => problem(404, 'Not Found', 'no such user'),
    })
    const user = userEvent.setup()
    renderRoute('/o/acme/members')
    const table = within(await screen.findByRole('table'))
    expect(await table.findByRole('rowheader', { name: 'Grace' })).toBeVisible()

    await user.selectOptions(table.getByRole('combobox', { name: 'Role of Grace' }), 'Moderator')
    await user.type(screen.getByRole('combobox', { name: /^Person/ }), 'Lin')
    await user.click(await screen.findByRole('option', { name: /Linus/ }))
    expect(screen.getByRole('group', { name: /^Person/ })).toHaveTextContent('Linus')
    expect(new URL(fake.sent('GET /api/v1/users')[0].url).searchParams.get('q')).toBe('Lin')
    await user.click(screen.getByRole('button', { name: 'Add member' }))

    expect(await screen.findByRole('alert')).toHaveTextContent('Not Found: no such user')
    expect(await fake.sent('PUT /api/v1/organizations/acme/members/u2')[0].json()).toEqual({ role: 'moderator' })
    expect(await fake.sent('PUT /api/v1/organizations/acme/members/u3')[0].json()).toEqual({ role: 'moderator' })
  })

  it('tells a non-member that only members see the list, without asking for it', async () => {
    startSession(authResponse())
    const fake = stubApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/organizations': () => json({ items: [], next_cursor: null }),
      'GET /api/v1/organizations/acme': () => json(organization),
      'GET /api/v1/organizations/acme/members': () => problem(403, 'Forbidden', 'not a member'),
    })
    renderRoute('/o/acme/members')

    expect(await screen.findByText('Only members of this organization see its members.')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Add member' })).toBeNull()
    expect(fake.sent('GET /api/v1/organizations/acme/members')).toEqual([])
  })
})
