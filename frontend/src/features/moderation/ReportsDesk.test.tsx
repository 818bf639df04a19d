import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { startSession } from '../../api/session'
import type { Schemas } from '../../api/types'
import { switchLanguage } from '../../i18n'
import { authResponse, json, me, problem, stubApi, type Handler } from '../../test/fakeApi'
import { aCampaign, aComment, aContribution, aDeskReport, aPage } from '../../test/fixtures'
import { renderRoute } from '../../test/renderRoute'
// The page loads lazily: imported up front, so its first load does not eat a query's wait.
import './ModerationQueuePage'

type DeskReport = Schemas['DeskReport']

const wave = aContribution({
  body: 'A bottle with **waves** all around.',
  media: [
    {
      id: 'i1',
      url: '/api/v1/media/i1',
      width: 640,
      height: 480,
      content_type: 'image/png',
      size: 1000,
      variants: [],
      created_at: '2026-01-01T00:00:00Z',
    },
  ],
})

/** Two reports on “Wave bottle” and one on Bea's comment under it, oldest first. */
const openReports: DeskReport[] = [
  aDeskReport({ id: 'r1', category: 'copyright', reason: 'Copied from a shop', contribution: wave, open_reports_on_subject: 2 }),
  aDeskReport({
    id: 'r2',
    target_type: 'comment',
    target_id: 'm1',
    category: 'spam',
    reason: 'An advert',
    reporter_id: 'u4',
    reporter_display_name: 'Dan',
    contribution: wave,
    comment: aComment({ body: 'Buy cheap watches' }),
  }),
  aDeskReport({
    id: 'r3',
    category: 'off_brief',
    reason: 'Not a bottle at all',
    reporter_id: 'u5',
    reporter_display_name: 'Eve',
    contribution: wave,
    open_reports_on_subject: 2,
  }),
]

/**
 * The desk's API: the open reports (less those settled through `settle`), the campaign, the
 * viewer. `settle` answers the resolutions: it returns the reports it closed.
 */
function deskApi(settle: (reportId: string, body: Schemas['ResolutionRequest']) => Promise<DeskReport[]> | DeskReport[], routes: Record<string, Handler> = {}) {
  let open = [...openReports]
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/organizations': () => json(aPage([])),
    'GET /api/v1/campaigns/summer-bottle': () => json(aCampaign()),
    'GET /api/v1/campaigns/c1/reports': (request) => {
      expect(new URL(request.url).searchParams.get('status')).toBe('open')
      return json(aPage(open))
    },
    ...routes,
    'POST /api/v1/reports/r1/resolution': (request) => resolution(request, 'r1'),
    'POST /api/v1/reports/r2/resolution': (request) => resolution(request, 'r2'),
  })

  async function resolution(request: Request, reportId: string) {
    const body = (await request.json()) as Schemas['ResolutionRequest']
    try {
      const closed = await settle(reportId, body)
      open = open.filter((report) => !closed.includes(report))
      const first = closed[0]
      return json({
        target_type: first.target_type,
        target_id: first.target_id,
        action: body.action,
        reason: body.reason ?? null,
        resolved_reports: closed.length,
        resolved_at: '2026-01-04T10:00:00Z',
      })
    } catch (refusal) {
      if (refusal instanceof Response) return refusal
      throw refusal
    }
  }
}

const onWave = openReports.filter((report) => report.target_id === 'k1')
const onComment = openReports.filter((report) => report.target_id === 'm1')

const card = async (name: string) => within(await screen.findByRole('article', { name }))

describe('the moderation desk', () => {
  it('shows one card per reported subject, with a preview and all its reports, oldest first', async () => {
    startSession(authResponse())
    deskApi(() => [])
    renderRoute('/c/summer-bottle/moderation')

    await screen.findByRole('article', { name: 'Wave bottle' })
    expect(screen.getByRole('tab', { name: 'Reports' })).toHaveAttribute('aria-selected', 'true')
    const cards = screen.getAllByRole('article')
    expect(cards.map((article) => within(article).getByRole('heading', { level: 2 }).textContent)).toEqual([
      'Wave bottle',
      'Comment by Bea',
    ])

    const entry = await card('Wave bottle')
    expect(entry.getByText('2 open reports')).toBeVisible()
    expect(entry.getByRole('img', { name: 'Wave bottle' })).toHaveAttribute('src', '/api/v1/media/i1')
    expect(entry.getByText(/A bottle with waves all around/)).toBeVisible()
    const reports = within(entry.getByRole('list', { name: 'Reports on “Wave bottle”' })).getAllByRole('listitem')
    expect(reports.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Copyright Cleo, .*2026.*Copied from a shop$/),
      expect.stringMatching(/^Off the brief Eve, .*2026.*Not a bottle at all$/),
    ])
    expect(within(entry.getByRole('group', { name: 'Decide on “Wave bottle”' })).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Keep',
      'Hide',
      'Reject',
    ])

    // A comment: its words and the entry it is on; it can be kept or hidden, not rejected.
    const comment = await card('Comment by Bea')
    expect(comment.getByText('Buy cheap watches')).toBeVisible()
    expect(comment.getByRole('link', { name: 'Wave bottle' })).toHaveAttribute('href', '/contributions/k1')
    expect(comment.getByText('An advert')).toBeVisible()
    expect(within(comment.getByRole('group', { name: 'Decide on Comment by Bea' })).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Keep',
      'Hide',
    ])
  })

  it('keeps an entry without a reason: its reports close, the list reloads, focus moves on', async () => {
    startSession(authResponse())
    const fake = deskApi(() => onWave)
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/moderation')

    await user.click((await card('Wave bottle')).getByRole('button', { name: 'Keep' }))
    const form = within(screen.getByRole('form', { name: 'Keep: “Wave bottle”' }))
    const note = form.getByRole('textbox', { name: 'Note (optional, for the moderators only)' })
    expect(note).toHaveFocus()
    expect(note).toHaveAccessibleDescription('The reports were unfounded: it stays as it is, and its reports are closed.')
    await user.click(form.getByRole('button', { name: 'Keep and close the reports' }))

    expect(await screen.findByRole('status')).toHaveTextContent('Kept “Wave bottle”: 2 reports closed.')
    expect(await fake.sent('POST /api/v1/reports/r1/resolution')[0].json()).toEqual({ action: 'keep' })
    expect(screen.queryByRole('article', { name: 'Wave bottle' })).toBeNull()
    expect(screen.getByRole('heading', { level: 2, name: 'Comment by Bea' })).toHaveFocus()
    await waitFor(() => expect(fake.sent('GET /api/v1/campaigns/c1/reports')).toHaveLength(2))
    expect(screen.getAllByRole('article')).toHaveLength(1)
  })

  it('asks for the reason before hiding, and says that the authors will read it', async () => {
    startSession(authResponse())
    const fake = deskApi(() => onWave)
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/moderation')

    await user.click((await card('Wave bottle')).getByRole('button', { name: 'Hide' }))
    const form = within(screen.getByRole('form', { name: 'Hide: “Wave bottle”' }))
    const reason = form.getByRole('textbox', { name: /^Reason \(its authors see it\)/ })
    expect(reason).toHaveAccessibleDescription('The entry leaves the gallery. Its authors see your reason.')

    await user.click(form.getByRole('button', { name: 'Hide and close the reports' }))
    expect(form.getByText('Say why: its authors will see it.')).toBeVisible()
    expect(reason).toHaveAttribute('aria-invalid', 'true')
    expect(reason).toHaveFocus()
    expect(fake.sent('POST /api/v1/reports/r1/resolution')).toHaveLength(0)

    await user.type(reason, 'The design belongs to a shop')
    await user.click(form.getByRole('button', { name: 'Hide and close the reports' }))

    expect(await screen.findByRole('status')).toHaveTextContent('Hid “Wave bottle”: 2 reports closed.')
    expect(await fake.sent('POST /api/v1/reports/r1/resolution')[0].json()).toEqual({
      action: 'hide',
      reason: 'The design belongs to a shop',
    })
  })

  it('settles the selected cards one by one, shows the progress, and lists what was refused', async () => {
    startSession(authResponse())
    let answerWave: () => void = () => {}
    const waveAnswered = new Promise<void>((resolve) => (answerWave = resolve))
    const fake = deskApi(async (reportId) => {
      if (reportId === 'r2') return onComment
      await waveAnswered
      throw problem(409, 'Conflict', 'cannot hide a shortlisted contribution', undefined, 'moderation.decision_not_applicable', {
        decision: 'hide',
        status: 'winner',
      })
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/moderation')

    await user.click(await screen.findByRole('checkbox', { name: 'Select all' }))
    expect(screen.getByRole('checkbox', { name: 'Select “Wave bottle”' })).toBeChecked()
    expect(screen.getByRole('checkbox', { name: 'Select Comment by Bea' })).toBeChecked()
    const bar = within(screen.getByRole('form', { name: 'Decide on the selected cards' }))
    expect(bar.getByText('2 cards selected')).toBeVisible()

    // Hiding needs the reason, for all of them.
    await user.click(bar.getByRole('button', { name: 'Hide selected' }))
    expect(bar.getByText('Say why before hiding: the authors will see it.')).toBeVisible()
    expect(bar.getByRole('textbox', { name: /^Reason for all of them/ })).toHaveFocus()
    expect(fake.sent('POST /api/v1/reports/r1/resolution')).toHaveLength(0)

    await user.type(bar.getByRole('textbox', { name: /^Reason for all of them/ }), 'Off-topic advertising')
    await user.click(bar.getByRole('button', { name: 'Hide selected' }))

    // The first card's answer is still outstanding.
    expect(await bar.findByRole('progressbar', { name: '0 of 2 settled' })).toBeVisible()
    answerWave()

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('1 card was not settled:')
    expect(within(alert).getAllByRole('listitem').map((item) => item.textContent)).toEqual([expect.stringMatching(/^“Wave bottle”: /)])
    expect(alert).toHaveFocus()
    expect(screen.getByRole('status')).toHaveTextContent('1 card settled.')
    for (const route of ['POST /api/v1/reports/r1/resolution', 'POST /api/v1/reports/r2/resolution']) {
      expect(await fake.sent(route)[0].json()).toEqual({ action: 'hide', reason: 'Off-topic advertising' })
    }
    // The refused one stays, still selected, for another try; the settled one is gone.
    expect(screen.queryByRole('article', { name: 'Comment by Bea' })).toBeNull()
    expect(screen.getByRole('checkbox', { name: 'Select “Wave bottle”' })).toBeChecked()
  })

  it('says in German when someone else settled the reports first, and reloads the desk', async () => {
    await switchLanguage('de')
    startSession(authResponse())
    // Another moderator kept the entry a moment before.
    let keptMeanwhile = false
    const fake = deskApi(
      () => {
        keptMeanwhile = true
        throw problem(409, 'Conflict', 'the reports on this were settled meanwhile; reload the desk', undefined, 'report.resolved')
      },
      { 'GET /api/v1/campaigns/c1/reports': () => json(aPage(keptMeanwhile ? onComment : openReports)) },
    )
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/moderation')

    await user.click((await card('Wave bottle')).getByRole('button', { name: 'Behalten' }))
    const form = within(screen.getByRole('form', { name: 'Behalten: „Wave bottle“' }))
    await user.click(form.getByRole('button', { name: 'Behalten und Meldungen schließen' }))

    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(
      'Jemand anderes hat die Meldungen zu „Wave bottle“ inzwischen erledigt, deine Entscheidung wurde daher nicht gespeichert. Die Liste wurde neu geladen.',
    )
    expect(alert).toHaveFocus()
    expect(screen.queryByRole('article', { name: 'Wave bottle' })).toBeNull()
    await waitFor(() => expect(fake.sent('GET /api/v1/campaigns/c1/reports')).toHaveLength(2))
    expect(screen.getByRole('article', { name: 'Kommentar von Bea' })).toBeVisible()
  })
})

describe('the settled reports', () => {
  it('shows what was decided, by whom and why, newest first', async () => {
    startSession(authResponse())
    const settled = { resolution: 'hide' as const, resolution_reason: 'The design belongs to a shop', resolved_by: me.id, resolved_at: '2026-01-04T10:00:00Z' }
    stubApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/organizations': () => json(aPage([])),
      'GET /api/v1/organizations/acme/members': () => json(aPage([])),
      'GET /api/v1/campaigns/summer-bottle': () => json(aCampaign()),
      'GET /api/v1/campaigns/c1/reports': (request) => {
        if (new URL(request.url).searchParams.get('status') !== 'resolved') return json(aPage([]))
        return json(
          aPage([
            aDeskReport({ id: 'r3', ...settled, contribution: aContribution({ status: 'hidden' }), open_reports_on_subject: 0 }),
            aDeskReport({ id: 'r1', ...settled, contribution: aContribution({ status: 'hidden' }), category: 'copyright', open_reports_on_subject: 0 }),
          ]),
        )
      },
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/moderation')

    // The tabs take the arrow keys: from Reports, left wraps round to Resolved.
    const tab = await screen.findByRole('tab', { name: 'Reports' })
    expect(await screen.findByText('No open reports. Nothing to do here.')).toBeVisible()
    tab.focus()
    await user.keyboard('{ArrowLeft}')
    expect(screen.getByRole('tab', { name: 'Resolved' })).toHaveFocus()
    expect(screen.getByRole('tab', { name: 'Resolved' })).toHaveAttribute('aria-selected', 'true')
    const settlement = within(await screen.findByRole('article', { name: 'Wave bottle' }))
    expect(settlement.getByText(/^Hidden by you on .*2026/)).toBeVisible()
    expect(settlement.getByText('Reason: The design belongs to a shop')).toBeVisible()
    expect(settlement.getByText('Hidden')).toHaveClass('badge')
    expect(settlement.getAllByRole('listitem')).toHaveLength(2)
  })
})
