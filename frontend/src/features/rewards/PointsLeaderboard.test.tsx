import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'

const campaign = (phase: Schemas['Phase']) => aCampaign({ phase, participation_points: { per_contribution: 5 } })

const standing = (rank: number, user_id: string, display_name: string, points: number) => ({ rank, user_id, display_name, points })

function stub(phase: Schemas['Phase'], pointsLeaderboard: Handler, signedIn = false) {
  if (signedIn) startSession(authResponse())
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/organizations': () => json(aPage([])),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign(phase)),
    'GET /api/v1/campaigns/c1/contributions': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/leaderboard': () => json(aPage([])),
    'GET /api/v1/campaigns/c1/points-leaderboard': pointsLeaderboard,
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

const section = async () => within(await screen.findByRole('region', { name: 'Points leaderboard' }))
const rowTexts = (board: Awaited<ReturnType<typeof section>>) => board.getAllByRole('row').slice(1).map((row) => row.textContent)

describe('points leaderboard', () => {
  it('ranks participants by points, marks me, and shows more with the next cursor', async () => {
    const pages: Record<string, unknown> = {
      '': { items: [standing(1, 'u2', 'Grace', 1234), standing(2, me.id, 'Ada', 75)], next_cursor: 'page2' },
      page2: { items: [standing(3, 'u3', 'Linus', 5)], next_cursor: null },
    }
    const fake = stub('voting', (request) => json(pages[new URL(request.url).searchParams.get('cursor') ?? '']), true)
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')
    const board = await section()

    expect(await board.findByRole('rowheader', { name: 'Grace' })).toBeVisible()
    expect(rowTexts(board)).toEqual(['1Grace1,234', '2Ada (you)75'])
    expect(board.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Rank', 'Participant', 'Points'])

    await user.click(board.getByRole('button', { name: 'Show more' }))

    expect(await board.findByRole('rowheader', { name: 'Linus' })).toBeVisible()
    expect(rowTexts(board)).toEqual(['1Grace1,234', '2Ada (you)75', '3Linus5'])
    const sent = fake.sent('GET /api/v1/campaigns/c1/points-leaderboard').map((request) => new URL(request.url).searchParams)
    expect(sent).toHaveLength(2)
    expect(sent[0].get('cursor')).toBeNull()
    expect(sent[1].get('cursor')).toBe('page2')
    expect(board.queryByRole('button', { name: 'Show more' })).toBeNull()

    await act(() => switchLanguage('de'))

    const rangliste = within(screen.getByRole('region', { name: 'Punkte-Rangliste' }))
    expect(rowTexts(rangliste)).toEqual(['1Grace1.234', '2Ada (du)75', '3Linus5'])
  })

  it('says it is loading, then shows a failure with a retry that works', async () => {
    const first = deferred()
    let answer: Handler = first.handler
    stub('submission', (request) => answer(request))
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle')
    const board = await section()

    expect(board.getByRole('status')).toHaveTextContent('Loading…')
    first.release(problem(500, 'Internal Server Error'))
    expect(await board.findByRole('alert')).toHaveTextContent('Internal Server Error')

    answer = () => json({ items: [standing(1, 'u2', 'Grace', 5)], next_cursor: null })
    await user.click(board.getByRole('button', { name: 'Try again' }))

    expect(await board.findByRole('rowheader', { name: 'Grace' })).toBeVisible()
    expect(board.queryByRole('alert')).toBeNull()
  })

  it('says so when nobody has earned points yet', async () => {
    stub('submission', () => json({ items: [], next_cursor: null }))
    renderRoute('/c/summer-bottle')
    const board = await section()
    expect(await board.findByText('Nobody has earned points in this campaign yet.')).toBeVisible()
    expect(board.queryByRole('table')).toBeNull()
  })

  it('is not asked for before submissions open', async () => {
    const fake = stub('scheduled', () => json({ items: [], next_cursor: null }))
    renderRoute('/c/summer-bottle')
    await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })
    expect(screen.queryByRole('region', { name: 'Points leaderboard' })).toBeNull()
    expect(fake.sent('GET /api/v1/campaigns/c1/points-leaderboard')).toHaveLength(0)
  })
})
