import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { campaignKeys } from '../../../api/queryKeys'
import { startSession } from '../../../api/session'
import { switchLanguage } from '../../../i18n'
import { authResponse, json, me, problem, stubApi } from '../../../test/fakeApi'
import { aCampaign, aPage } from '../../../test/fixtures'
import { renderRoute } from '../../../test/renderRoute'
// The page loads lazily: imported up front, so its first load does not eat a query's wait.
import './CampaignEditorPage'

const campaign = aCampaign({ phase: 'draft' })

function signedIn() {
  startSession(authResponse())
}

describe('the campaign form', () => {
  it('opens the step of the first invalid field, marks it and focuses it after a 422', async () => {
    signedIn()
    stubApi({
      'GET /api/v1/me': () => json(me),
      'POST /api/v1/organizations/acme/campaigns': () =>
        problem(422, 'Unprocessable Entity', 'invalid fields: rules.vote_budget, schedule.submissions_close_at', [
          { field: 'rules.vote_budget', code: 'rules.vote_budget_missing', message: 'budget voting needs a budget' },
          {
            field: 'schedule.submissions_close_at',
            code: 'schedule.order',
            message: 'the schedule must run submissions open < close <= voting open < close',
          },
        ]),
    })
    const user = userEvent.setup()
    renderRoute('/o/acme/campaigns/new')
    await user.type(await screen.findByRole('textbox', { name: /^Title/ }), 'Summer bottle')

    await user.click(screen.getByRole('button', { name: 'Save draft' }))

    const closeInput = await screen.findByLabelText('Submissions close')
    expect(screen.getByText('Step 2 of 5: Schedule')).toBeVisible()
    expect(closeInput).toHaveAttribute('aria-invalid', 'true')
    expect(closeInput).toHaveAccessibleDescription(/The dates must follow each other: submissions open, submissions close/)
    expect(closeInput).toHaveFocus()
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the marked fields.')
    const steps = within(screen.getByRole('navigation', { name: 'Steps' }))
    expect(steps.getByRole('button', { name: /Rules\s*\(has errors\)/ })).toBeVisible()
    expect(steps.getByRole('button', { name: /Schedule\s*\(has errors\)/ })).toHaveAttribute('aria-current', 'step')
    expect(steps.getByRole('button', { name: /Basics/ })).not.toHaveAccessibleName(/has errors/)

    await user.click(steps.getByRole('button', { name: /Rules/ }))
    expect(screen.getByText('Budget voting needs a vote budget.')).toBeVisible()
  })

  it('checks the schedule before sending: all four dates or none, in order, in the UI’s language', async () => {
    signedIn()
    const fake = stubApi({ 'GET /api/v1/me': () => json(me) })
    await act(() => switchLanguage('de'))
    const user = userEvent.setup()
    renderRoute('/o/acme/campaigns/new')
    await user.type(await screen.findByRole('textbox', { name: /^Titel/ }), 'Sommerflasche')
    await user.click(screen.getByRole('button', { name: /Zeitplan/ }))
    await user.type(screen.getByLabelText('Einreichung beginnt'), '2030-06-10T10:00')
    await user.type(screen.getByLabelText('Einreichung endet'), '2030-06-20T10:00')

    await user.click(screen.getByRole('button', { name: 'Entwurf speichern' }))

    const votingOpen = screen.getByLabelText('Abstimmung beginnt')
    expect(votingOpen).toHaveAccessibleDescription('Fülle alle vier Termine aus oder lass alle vier leer.')
    expect(votingOpen).toHaveFocus()
    expect(screen.getByLabelText('Abstimmung endet')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByLabelText('Einreichung endet')).not.toHaveAttribute('aria-invalid', 'true')
    expect(screen.getByRole('alert')).toHaveTextContent('Bitte korrigiere die markierten Felder.')

    await user.type(votingOpen, '2030-06-15T10:00')
    await user.type(screen.getByLabelText('Abstimmung endet'), '2030-06-14T10:00')
    await user.click(screen.getByRole('button', { name: 'Entwurf speichern' }))

    expect(screen.getByLabelText('Abstimmung beginnt')).toHaveAccessibleDescription('Darf nicht früher sein als der Termin darüber.')
    expect(screen.getByLabelText('Abstimmung endet')).toHaveAccessibleDescription('Muss später sein als der Termin darüber.')
    expect(fake.sent('POST /api/v1/organizations/acme/campaigns')).toHaveLength(0)
  })

  it('sends prizes in minor units and the schedule in UTC, then shows the new campaign', async () => {
    signedIn()
    const fake = stubApi({
      'GET /api/v1/me': () => json(me),
      'POST /api/v1/organizations/acme/campaigns': () => json(campaign, 201),
      'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
      'GET /api/v1/me/organizations': () => json(aPage([])),
    })
    const user = userEvent.setup()
    const { router, queryClient } = renderRoute('/o/acme/campaigns/new')
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Kind' }), 'Designs')
    await user.type(screen.getByRole('textbox', { name: /^Title/ }), 'Summer bottle')
    await user.click(screen.getByRole('button', { name: 'Next' }))
    // Focus is on the new step's heading as soon as the click is done, not a frame later, when it
    // would jump away from a field the user is already typing in.
    expect(screen.getByText('Step 2 of 5: Schedule')).toHaveFocus()
    await user.type(screen.getByLabelText('Submissions open'), '2030-06-01T10:00')
    await user.type(screen.getByLabelText('Submissions close'), '2030-06-30T18:00')
    await user.type(screen.getByLabelText('Voting opens'), '2030-07-01T00:00')
    await user.type(screen.getByLabelText('Voting closes'), '2030-07-15T00:00')
    await user.click(within(screen.getByRole('navigation', { name: 'Steps' })).getByRole('button', { name: /Prizes/ }))
    expect(screen.getByText('Step 4 of 5: Prizes')).toHaveFocus()
    await user.click(screen.getByRole('button', { name: 'Add a prize tier' }))
    await user.type(screen.getByRole('spinbutton', { name: /From rank/ }), '1')
    await user.type(screen.getByRole('spinbutton', { name: /To rank/ }), '3')
    await user.type(screen.getByRole('textbox', { name: /^Prize/ }), 'Podium')
    await user.type(screen.getByRole('spinbutton', { name: /Amount/ }), '499.99')

    await user.click(screen.getByRole('button', { name: 'Save draft' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })).toBeVisible()
    expect(router.state.location.pathname).toBe('/c/summer-bottle')
    // The answer is cached under the slug the page asks for and the id contributions name it by.
    expect(queryClient.getQueryData(campaignKeys.detail('summer-bottle'))).toEqual(campaign)
    expect(queryClient.getQueryData(campaignKeys.detail('c1'))).toEqual(campaign)
    const body = await fake.sent('POST /api/v1/organizations/acme/campaigns')[0].json()
    expect(body).toMatchObject({
      kind: 'design',
      title: 'Summer bottle',
      slug: null,
      schedule: {
        submissions_open_at: new Date('2030-06-01T10:00').toISOString(),
        voting_close_at: new Date('2030-07-15T00:00').toISOString(),
      },
      prize_tiers: [{ rank_from: 1, rank_to: 3, title: 'Podium', amount_minor: 49999, currency: 'EUR', points: 0 }],
      rules: { voting_method: 'upvote', vote_budget: null, max_contributions_per_member: 1 },
    })
  })
  it('names a crowdfunding campaign’s submission window its funding window, and says voting does not apply', async () => {
    signedIn()
    stubApi({ 'GET /api/v1/me': () => json(me) })
    const user = userEvent.setup()
    renderRoute('/o/acme/campaigns/new')
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Kind' }), 'Crowdfunding')
    await user.type(screen.getByRole('textbox', { name: /^Title/ }), 'Summer bottle')
    await user.click(screen.getByRole('button', { name: 'Next' }))

    expect(screen.getByLabelText('Funding opens')).toBeVisible()
    expect(screen.getByLabelText('Funding deadline')).toBeVisible()
    expect(screen.queryByLabelText('Submissions open')).toBeNull()
    // The API still needs the voting dates: kept, and explained.
    expect(screen.getByLabelText('Voting opens')).toHaveAccessibleDescription(/^Crowdfunding has no voting/)
    expect(screen.getByLabelText('Voting closes')).toBeVisible()

    await act(() => switchLanguage('de'))
    expect(screen.getByLabelText('Finanzierung beginnt')).toBeVisible()
    expect(screen.getByLabelText('Finanzierungsfrist')).toBeVisible()
  })

  it('sends the remix credit set next to the jury weight', async () => {
    signedIn()
    const fake = stubApi({
      'GET /api/v1/me': () => json(me),
      'POST /api/v1/organizations/acme/campaigns': () => json(campaign, 201),
      'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
      'GET /api/v1/me/organizations': () => json(aPage([])),
    })
    const user = userEvent.setup()
    renderRoute('/o/acme/campaigns/new')
    await user.type(await screen.findByRole('textbox', { name: /^Title/ }), 'Summer bottle')
    await user.click(within(screen.getByRole('navigation', { name: 'Steps' })).getByRole('button', { name: /Rules/ }))
    const remix = screen.getByRole('spinbutton', { name: /Remix credit in %/ })
    expect(remix).toHaveAttribute('max', '50')
    expect(remix).toHaveAccessibleDescription(/goes to the authors of the entry it remixes/)
    await user.clear(remix)
    await user.type(remix, '20')

    await user.click(screen.getByRole('button', { name: 'Save draft' }))

    await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })
    const body = await fake.sent('POST /api/v1/organizations/acme/campaigns')[0].json()
    expect(body.rules).toMatchObject({ jury_weight_percent: 0, remix_credit_percent: 20 })
  })

  it('sends the goals as numbers, and none as null', async () => {
    signedIn()
    const fake = stubApi({
      'GET /api/v1/me': () => json(me),
      'POST /api/v1/organizations/acme/campaigns': () => json(campaign, 201),
      'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
      'GET /api/v1/me/organizations': () => json(aPage([])),
    })
    const user = userEvent.setup()
    renderRoute('/o/acme/campaigns/new')
    await user.type(await screen.findByRole('textbox', { name: /^Title/ }), 'Summer bottle')
    await user.click(within(screen.getByRole('navigation', { name: 'Steps' })).getByRole('button', { name: /Rules/ }))
    const goals = within(screen.getByRole('group', { name: 'Goals (optional)' }))
    const participation = goals.getByRole('spinbutton', { name: 'Participation goal in % of visitors' })
    expect(participation).toHaveValue(null)
    expect(participation).toHaveAccessibleDescription(/Usually about 1% of an audience contributes/)
    expect(goals.getByRole('spinbutton', { name: 'Contribution goal (critical mass)' })).toHaveAccessibleDescription(
      /the analytics project whether it will get there/,
    )
    await user.type(participation, '2.5')

    await user.click(screen.getByRole('button', { name: 'Save draft' }))

    await screen.findByRole('heading', { level: 1, name: 'Summer bottle' })
    const body = await fake.sent('POST /api/v1/organizations/acme/campaigns')[0].json()
    expect(body.rules).toMatchObject({ participation_target_percent: 2.5, contribution_target: null })
  })

  it('shows the goals of a campaign for editing, clears one to null and puts the API’s message at the other', async () => {
    signedIn()
    const fake = stubApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/campaigns/summer-bottle': () =>
        json(aCampaign({ phase: 'draft', rules: { participation_target_percent: 10, contribution_target: 200 } })),
      'PATCH /api/v1/campaigns/c1': () =>
        problem(422, 'Unprocessable Entity', 'invalid fields: rules.contribution_target', [
          { field: 'rules.contribution_target', message: 'must be 1 to 1000000' },
        ]),
    })
    const user = userEvent.setup()
    renderRoute('/c/summer-bottle/edit')
    await user.click(within(await screen.findByRole('navigation', { name: 'Steps' })).getByRole('button', { name: /Rules/ }))
    const participation = screen.getByRole('spinbutton', { name: 'Participation goal in % of visitors' })
    const contributions = screen.getByRole('spinbutton', { name: 'Contribution goal (critical mass)' })
    expect(participation).toHaveValue(10)
    expect(contributions).toHaveValue(200)
    await user.clear(participation)
    await user.clear(contributions)
    await user.type(contributions, '5000')

    await user.click(screen.getByRole('button', { name: 'Save changes' }))

    expect(await screen.findByText('must be 1 to 1000000')).toBeVisible()
    expect(contributions).toHaveAttribute('aria-invalid', 'true')
    expect(contributions).toHaveFocus()
    const body = await fake.sent('PATCH /api/v1/campaigns/c1')[0].json()
    expect(body.rules).toMatchObject({ participation_target_percent: null, contribution_target: 5000 })
  })
})
