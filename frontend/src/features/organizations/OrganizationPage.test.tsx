import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, anOrganization, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const organization = anOrganization()

const campaign = (slug: string, title: string, phase: Schemas['Phase']) =>
  aCampaign({
    id: `id-${slug}`,
    slug,
    kind: 'idea',
    title,
    phase,
    rules: { max_contributions_per_member: 2 },
    schedule: {
      submissions_open_at: '2030-06-01T00:00:00Z',
      submissions_close_at: '2030-06-12T00:00:00Z',
      voting_open_at: '2030-06-13T00:00:00Z',
      voting_close_at: '2030-06-20T00:00:00Z',
    },
  })

/** The API as the signed-in user sees it: the campaign list answers what the server would. */
function organizationApi(role: Schemas['Role'] | null, campaigns: Handler, profile = organization) {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/organizations': () => json(aPage(role ? [{ organization: profile, role }] : [])),
    'GET /api/v1/organizations/acme': () => json(profile),
    'GET /api/v1/campaigns': campaigns,
  })
}

const page = (items: Schemas['CampaignResponse'][]) => () => json(aPage(items))

describe('OrganizationPage', () => {
  it('lists drafts for a manager, marked and linked to their editor', async () => {
    const fake = organizationApi(
      'manager',
      page([campaign('summer-bottle', 'Summer bottle', 'draft'), campaign('winter-mug', 'Winter mug', 'submission')]),
    )
    renderRoute('/o/acme')

    const section = within(await screen.findByRole('region', { name: 'Campaigns' }))
    const draft = (await section.findByRole('heading', { name: 'Summer bottle' })).closest('article')!
    expect(draft).toHaveTextContent('Draft, not public')
    expect(within(draft).getByRole('link', { name: 'Edit draft “Summer bottle”' })).toHaveAttribute('href', '/c/summer-bottle/edit')
    const live = section.getByRole('heading', { name: 'Winter mug' }).closest('article')!
    expect(live).not.toHaveTextContent('Draft')
    expect(within(live).queryByRole('link', { name: /Edit draft/ })).toBeNull()
    expect(section.getByText(/Drafts are listed here for owners and managers only/)).toBeVisible()
    expect(screen.queryByText(/open a draft from the link/)).toBeNull()
    expect(await screen.findByText('Your role: Manager', { exact: false })).toBeVisible()
    expect(screen.getByRole('link', { name: 'Webhooks' })).toHaveAttribute('href', '/o/acme/webhooks')
    expect(screen.getByRole('link', { name: 'Invitations' })).toHaveAttribute('href', '/o/acme/invitations')

    // The list is asked for with the session's token, which is what makes the API include drafts.
    const [list] = fake.sent('GET /api/v1/campaigns')
    expect(new URL(list.url).searchParams.get('organization')).toBe('acme')
    expect(list.headers.get('Authorization')).toBe('Bearer access-1')
    expect(fake.requests.some((request) => request.url.includes('/members'))).toBe(false)
  })

  it('tells a manager with nothing yet that there are no drafts either, in German too', async () => {
    organizationApi('owner', page([]))
    await switchLanguage('de')
    renderRoute('/o/acme')

    expect(await screen.findByText('Noch keine Kampagnen, auch keine Entwürfe.')).toBeVisible()
    expect(screen.getAllByRole('link', { name: 'Kampagne anlegen' }).length).toBeGreaterThan(0)
  })

  it('shows a non-member the public campaigns only, without asking for the member list', async () => {
    const fake = organizationApi(null, page([campaign('winter-mug', 'Winter mug', 'submission')]))
    renderRoute('/o/acme')

    expect(await screen.findByRole('heading', { name: 'Winter mug' })).toBeVisible()
    expect(screen.queryByText(/Drafts are listed here/)).toBeNull()
    expect(screen.queryByRole('link', { name: 'Create a campaign' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Edit profile' })).toBeNull()
    expect(screen.queryByRole('link', { name: 'Webhooks' })).toBeNull()
    expect(screen.queryByRole('link', { name: 'Invitations' })).toBeNull()
    expect(fake.sent('GET /api/v1/me/organizations')).toHaveLength(1)
    expect(fake.requests.some((request) => request.url.includes('/members'))).toBe(false)
  })

  it('renders its description as markdown, safely, with headings below the page title', async () => {
    const description = '# About us\n\nWe make **bold** bottles.\n\n<script>window.hacked = true</script>'
    organizationApi(null, page([]), anOrganization({ description }))
    const { container } = renderRoute('/o/acme')

    expect((await screen.findByText('bold')).tagName).toBe('STRONG')
    expect(screen.queryByText(/\*\*bold\*\*/)).toBeNull()
    expect(screen.getByRole('heading', { level: 2, name: 'About us' })).toBeVisible()
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1)
    expect(container.querySelector('script')).toBeNull()
  })
})
