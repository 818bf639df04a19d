import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, me, problem, stubApi } from '../../test/fakeApi'
import { aCampaign } from '../../test/fixtures'
import { i18n } from '../../i18n'
import { renderRoute } from '../../test/renderRoute'

const campaign = aCampaign()

it('sends co-author shares in basis points and shows their errors at the row', async () => {
  startSession(authResponse())
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    // Ada herself matches too, but she submits: she is not offered as her own co-author.
    'GET /api/v1/users': () =>
      json([
        { id: me.id, display_name: 'Ada', created_at: me.created_at },
        { id: 'u2', display_name: 'Adam', created_at: '2026-01-02T00:00:00Z' },
      ]),
    'POST /api/v1/campaigns/c1/contributions': () =>
      problem(422, 'Unprocessable Entity', 'invalid fields: co_authors[0].user_id', [
        { field: 'co_authors[0].user_id', message: 'no such user' },
      ]),
  })
  const user = userEvent.setup()
  renderRoute('/c/summer-bottle/contribute?parent=p1')
  await user.type(await screen.findByRole('textbox', { name: /^Title/ }), 'Wave')
  await user.type(screen.getByRole('textbox', { name: /^Tags/ }), 'summer, wave, summer')
  await user.click(screen.getByRole('button', { name: 'Add a co-author' }))
  await user.type(screen.getByRole('combobox', { name: /^Co-author 1/ }), 'Ada')
  expect(await screen.findByRole('option', { name: /^Adam/ })).toBeVisible()
  expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(1)
  await user.keyboard('{ArrowDown}{Enter}')
  expect(screen.getByRole('group', { name: /^Co-author 1/ })).toHaveTextContent('Adam')
  await user.type(screen.getByRole('spinbutton', { name: /Share of co-author 1 in %/ }), '25.5')
  expect(screen.getByText('Your share: 74.5%')).toBeVisible()

  await user.click(screen.getByRole('button', { name: 'Submit' }))

  const coAuthor = await screen.findByRole('group', { name: /^Co-author 1/ })
  await screen.findByText('no such user')
  expect(coAuthor).toHaveAttribute('aria-invalid', 'true')
  expect(coAuthor).toHaveAccessibleDescription('no such user')
  expect(coAuthor).toHaveFocus()
  expect(await fake.sent('POST /api/v1/campaigns/c1/contributions')[0].json()).toEqual({
    title: 'Wave',
    body: '',
    tags: ['summer', 'wave'],
    co_authors: [{ user_id: 'u2', share_bp: 2550 }],
    parent_id: 'p1',
    media_ids: [],
  })
})

it('says before any typing that the entry limit is reached, in German', async () => {
  await i18n.changeLanguage('de')
  startSession(authResponse())
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1/submission-allowance': () => json({ limit: 1, used: 1, remaining: 0 }),
  })
  renderRoute('/c/summer-bottle/contribute')
  expect(
    await screen.findByText('Du hast deinen Beitrag zu dieser Kampagne eingereicht: Jedes Mitglied kann 1 einreichen. Zieh ihn zurück, um einen anderen einzureichen.'),
  ).toBeVisible()
  expect(screen.queryByRole('textbox', { name: /^Titel/ })).not.toBeInTheDocument()
  expect(screen.getByRole('link', { name: 'Zurück zur Kampagne' })).toHaveAttribute('href', '/c/summer-bottle')
  expect(fake.sent('POST /api/v1/campaigns/c1/contributions')).toHaveLength(0)
})

it('tells how many entries are left where more than one is allowed', async () => {
  startSession(authResponse())
  stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/campaigns/c1/submission-allowance': () => json({ limit: 3, used: 1, remaining: 2 }),
  })
  renderRoute('/c/summer-bottle/contribute')
  expect(await screen.findByText('You can submit 2 more of 3 entries.')).toBeVisible()
  expect(screen.getByRole('textbox', { name: /^Title/ })).toBeVisible()
})
