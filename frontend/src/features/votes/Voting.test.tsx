import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aContribution, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

function campaignWith(rules: Partial<Schemas['RulesDto']>, phase: Schemas['Phase'] = 'voting') {
  return aCampaign({ phase, rules })
}

const contribution = aContribution({ body: 'A bottle shaped like a wave.' })

function vote(contributionId: string, value: number) {
  return {
    id: `v-${contributionId}`,
    contribution_id: contributionId,
    value,
    jury: false,
    invalidated: false,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  }
}

function myVotes(method: string, items: ReturnType<typeof vote>[] = [], budget?: { left: number; of: number }) {
  return {
    items,
    next_cursor: null,
    voting_method: method,
    remaining_budget: budget?.left ?? null,
    vote_budget: budget?.of ?? null,
  }
}

/** The API of a signed-in participant (not a member of the organization) on the campaign page. */
function campaignApi(campaign: ReturnType<typeof campaignWith>, routes: Record<string, Handler>) {
  startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/organizations': () => json(aPage([])),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1': () => json(campaign),
    'GET /api/v1/campaigns/c1/contributions': () => json(aPage([contribution])),
    'GET /api/v1/contributions/k1': () => json(contribution),
    'GET /api/v1/contributions/k1/comments': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/leaderboard': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/points-leaderboard': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/votes/me': () => json(myVotes(campaign.rules.voting_method)),
    ...routes,
  })
}

/** A response the test lets go when it wants, to look at the page while the request is on its way. */
function deferred() {
  let release: (response: Response) => void = () => {}
  const response = new Promise<Response>((resolve) => {
    release = resolve
  })
  return { handler: () => response, release }
}

describe('voting', () => {
  it('shows an upvote at once and takes it back when the API answers 409, with its detail', async () => {
    const put = deferred()
    const fake = campaignApi(campaignWith({ voting_method: 'upvote' }), { 'PUT /api/v1/contributions/k1/vote': put.handler })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')

    const gallery = await screen.findByRole('region', { name: 'Gallery' })
    const button = await within(gallery).findByRole('button', { name: 'Upvote' })
    expect(button).toHaveAttribute('aria-pressed', 'false')
    await user.click(button)

    // Optimistic: pressed before the API has answered.
    expect(await within(gallery).findByRole('button', { name: 'Upvoted' })).toHaveAttribute('aria-pressed', 'true')
    expect(await (fake.sent('PUT /api/v1/contributions/k1/vote')[0]?.json())).toEqual({ value: 1 })

    put.release(problem(409, 'Conflict', 'voting is not open for this campaign'))

    expect(await within(gallery).findByRole('alert')).toHaveTextContent(
      'Your vote was not counted: voting is not open for this campaign',
    )
    expect(within(gallery).getByRole('button', { name: 'Upvote' })).toHaveAttribute('aria-pressed', 'false')
  })

  it('shows the points left of a budget and spends them as the voter gives points', async () => {
    let left = 7
    campaignApi(campaignWith({ voting_method: 'budget', vote_budget: 10 }), {
      'GET /api/v1/campaigns/c1/votes/me': () =>
        json(myVotes('budget', left === 7 ? [] : [vote('k1', 7 - left)], { left, of: 10 })),
      'PUT /api/v1/contributions/k1/vote': async (request) => {
        const { value } = (await request.json()) as { value: number }
        left -= value
        return json(vote('k1', value))
      },
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')

    const gallery = await screen.findByRole('region', { name: 'Gallery' })
    expect(await within(gallery).findByText('7 of 10 points left')).toBeVisible()
    const points = within(gallery).getByRole('spinbutton', { name: 'Points for “Wave bottle”' })
    await user.clear(points)
    await user.type(points, '3')
    await user.click(within(gallery).getByRole('button', { name: 'Give points' }))

    expect(await within(gallery).findByText('4 of 10 points left')).toBeVisible()
    expect(within(gallery).getByText('You gave 3 points')).toBeVisible()
  })

  it('says results are hidden when the leaderboard answers 403, and offers no orders by votes', async () => {
    campaignApi(campaignWith({ hide_tallies: true }), {
      'GET /api/v1/campaigns/c1/leaderboard': () => problem(403, 'Forbidden', 'this campaign hides its tallies until voting closes'),
    })
    renderRoute('/c/summer-bottle')

    const board = await screen.findByRole('region', { name: 'Leaderboard' })
    expect(await within(board).findByText('Results are hidden until voting closes.')).toBeVisible()
    expect(within(board).queryByRole('alert')).toBeNull()
    const order = within(screen.getByRole('region', { name: 'Gallery' })).getByRole('combobox', { name: 'Order' })
    expect(within(order).getAllByRole('option').map((option) => option.textContent)).toEqual(['Newest first', 'Shuffled'])
  })

  it('shows the leaderboard with numbers in the UI language', async () => {
    campaignApi(campaignWith({ voting_method: 'stars' }), {
      'GET /api/v1/campaigns/c1/leaderboard': () =>
        json({
          items: [
            {
              rank: 1,
              contribution_id: 'k1',
              title: 'Wave bottle',
              public_score: 4.25,
              jury_score: 0,
              combined_score: 0.8125,
              vote_count: 1234,
              jury_vote_count: 0,
            },
          ],
          next_cursor: null,
        }),
    })
    renderRoute('/c/summer-bottle')
    const board = await screen.findByRole('region', { name: 'Leaderboard' })
    const row = await within(board).findByRole('row', { name: /Wave bottle/ })
    expect(row).toHaveTextContent('1Wave bottle0.814.251,23400')
  })

  it('rates with stars by keyboard on an explicit choice and keeps the device id stable across votes', async () => {
    let stars: number | undefined
    const fake = campaignApi(campaignWith({ voting_method: 'stars' }), {
      'GET /api/v1/campaigns/c1/votes/me': () => json(myVotes('stars', stars ? [vote('k1', stars)] : [])),
      'PUT /api/v1/contributions/k1/vote': async (request) => {
        stars = ((await request.json()) as { value: number }).value
        return json(vote('k1', stars))
      },
      'DELETE /api/v1/contributions/k1/vote': () => {
        stars = undefined
        return new Response(null, { status: 204 })
      },
    })
    const user = userEvent.setup()
    renderRoute('/contributions/k1')

    const rating = await screen.findByRole('group', { name: 'Stars for “Wave bottle”' })
    act(() => within(rating).getByRole('button', { name: '1 star' }).focus())
    await user.keyboard('[ArrowRight][ArrowRight]')
    expect(within(rating).getByRole('button', { name: '3 stars' })).toHaveFocus()
    // Walking the stars casts nothing; Enter on the third casts three, once.
    expect(fake.sent('PUT /api/v1/contributions/k1/vote')).toHaveLength(0)
    await user.keyboard('[Enter]')
    await waitFor(() => expect(fake.sent('PUT /api/v1/contributions/k1/vote')).toHaveLength(1))
    expect(await fake.sent('PUT /api/v1/contributions/k1/vote')[0]?.json()).toEqual({ value: 3 })
    expect(await screen.findByText('You gave 3 stars')).toBeVisible()
    expect(within(rating).getByRole('button', { name: '3 stars' })).toHaveAttribute('aria-pressed', 'true')

    await user.click(screen.getByRole('button', { name: 'Take my vote back' }))
    await waitFor(() => expect(fake.sent('DELETE /api/v1/contributions/k1/vote')).toHaveLength(1))
    await waitFor(() => expect(screen.queryByText('You gave 3 stars')).toBeNull())

    const [cast] = fake.sent('PUT /api/v1/contributions/k1/vote')
    const [retract] = fake.sent('DELETE /api/v1/contributions/k1/vote')
    const device = cast?.headers.get('X-Device-Id')
    expect(device).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(retract?.headers.get('X-Device-Id')).toBe(device)
    expect(localStorage.getItem('schwarm.deviceId')).toBe(device)
  })

  it('tells the voter how long to wait after too many votes, and why a 403 refused the vote', async () => {
    let answer = new Response(
      JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'too many votes' }),
      { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' } },
    )
    campaignApi(campaignWith({ voting_method: 'updown' }), { 'PUT /api/v1/contributions/k1/vote': () => answer })
    const user = userEvent.setup()
    renderRoute('/contributions/k1')

    await user.click(await screen.findByRole('button', { name: 'Vote down' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many votes at once. Please wait 30 seconds and try again.')
    expect(screen.getByRole('button', { name: 'Vote down' })).toHaveAttribute('aria-pressed', 'false')

    answer = problem(403, 'Forbidden', 'this campaign is open to invited members only')
    await user.click(screen.getByRole('button', { name: 'Vote up' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You cannot vote on this entry: this campaign is open to invited members only',
    )
  })

  it('says in its own words why an invalidated vote or a former juror’s ballot cannot change', async () => {
    let answer = problem(409, 'Conflict', 'the organisers invalidated this vote', undefined, 'vote.invalidated')
    campaignApi(campaignWith({ voting_method: 'upvote' }), {
      'GET /api/v1/campaigns/c1/votes/me': () => json(myVotes('upvote', [vote('k1', 1)])),
      'DELETE /api/v1/contributions/k1/vote': () => answer,
    })
    const user = userEvent.setup()
    renderRoute('/contributions/k1')

    await user.click(await screen.findByRole('button', { name: 'Upvoted' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The organisers took your vote on this entry out of the score. It can no longer be changed, taken back or cast again.',
    )
    expect(screen.getByRole('button', { name: 'Upvoted' })).toHaveAttribute('aria-pressed', 'true')

    answer = problem(403, 'Forbidden', 'this ballot was cast on the jury', undefined, 'vote.jury_ended')
    await user.click(screen.getByRole('button', { name: 'Upvoted' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You cast this vote as a juror and are no longer on the jury: it stays as cast and can no longer be changed or taken back.',
    )
  })

  it('marks my vote but offers no controls once voting has closed', async () => {
    campaignApi(campaignWith({ voting_method: 'stars' }, 'judging'), {
      'GET /api/v1/campaigns/c1/votes/me': () => json(myVotes('stars', [vote('k1', 4)])),
    })
    renderRoute('/c/summer-bottle')
    const gallery = await screen.findByRole('region', { name: 'Gallery' })
    expect(await within(gallery).findByText('You gave 4 stars')).toBeVisible()
    expect(within(gallery).queryByRole('group', { name: 'Stars for “Wave bottle”' })).toBeNull()
    expect(within(gallery).queryByRole('button', { name: /stars?$/ })).toBeNull()
  })
})

describe('gallery tile', () => {
  it('shows the start of the description as text, without markdown syntax', async () => {
    const body = 'Folded from *one* sheet, **no glue**.\n\nSee [the video](https://example.com).'
    campaignApi(campaignWith({ voting_method: 'upvote' }), {
      'GET /api/v1/campaigns/c1/contributions': () => json(aPage([{ ...contribution, body }])),
    })
    renderRoute('/c/summer-bottle')

    const gallery = await screen.findByRole('region', { name: 'Gallery' })
    const tile = (await within(gallery).findByRole('link', { name: 'Wave bottle' })).closest('article')
    expect(tile).toHaveTextContent('Folded from one sheet, no glue.')
    expect(tile).toHaveTextContent('See the video.')
    expect(tile?.textContent).not.toMatch(/[*[\]]/)
    // A tile links to its contribution only: links in the description stay on its own page.
    expect(within(tile as HTMLElement).queryByRole('link', { name: 'the video' })).toBeNull()
  })
})
