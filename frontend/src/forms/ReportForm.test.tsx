import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { startSession } from '../api/session'
import { switchLanguage } from '../i18n'
import { authResponse, json, me, stubApi } from '../test/fakeApi'
import { aCampaign, aComment, aContribution, aPage } from '../test/fixtures'
import { renderRoute } from '../test/renderRoute'

/** Bea's published entry with Bea's comment under it, seen by Ada, who wrote neither. */
function entryApi() {
  return stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/me/organizations': () => json(aPage([])),
    'GET /api/v1/contributions/k1': () => json(aContribution()),
    'GET /api/v1/campaigns/c1': () => json(aCampaign()),
    'GET /api/v1/contributions/k1/comments': () => json(aPage([aComment({ body: 'Buy cheap watches' })])),
    'POST /api/v1/contributions/k1/reports': () =>
      json({ id: 'r1', target_type: 'contribution', target_id: 'k1', category: 'copyright', reason: 'x', created_at: '2026-01-03T09:00:00Z' }, 201),
    'POST /api/v1/comments/m1/reports': () =>
      json({ id: 'r2', target_type: 'comment', target_id: 'm1', category: 'offensive', reason: 'x', created_at: '2026-01-03T09:00:00Z' }, 201),
  })
}

it('asks what kind of problem it is, each kind explained, and sends it with the reason', async () => {
  startSession(authResponse())
  const fake = entryApi()
  const user = userEvent.setup()
  renderRoute('/contributions/k1')

  await user.click(await screen.findByRole('button', { name: 'Report' }))
  const form = within(screen.getByRole('form', { name: 'Report this contribution' }))
  const kinds = form.getByRole('group', { name: /What kind of problem is it/ })
  expect(within(kinds).getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual([
    'spam',
    'offensive',
    'copyright',
    'off_brief',
    'other',
  ])
  // The first question takes focus as the form opens.
  expect(form.getByRole('radio', { name: 'Spam' })).toHaveFocus()
  expect(form.getByRole('radio', { name: 'Copyright' })).toHaveAccessibleDescription(
    'Someone else’s work or trademark, used without their permission.',
  )

  // Without a kind nothing is sent: the form says what is missing, where it is.
  await user.type(form.getByRole('textbox', { name: /^What is wrong with it/ }), 'The shop sells this exact bottle')
  await user.click(form.getByRole('button', { name: 'Send report' }))
  expect(form.getByText('Pick the kind of problem.')).toBeVisible()
  expect(form.getByRole('radio', { name: 'Spam' })).toHaveFocus()
  expect(fake.sent('POST /api/v1/contributions/k1/reports')).toHaveLength(0)

  await user.click(form.getByRole('radio', { name: 'Copyright' }))
  expect(form.queryByText('Pick the kind of problem.')).toBeNull()
  await user.click(form.getByRole('button', { name: 'Send report' }))

  expect(await screen.findByText('Thank you. The moderators will look at it.')).toBeVisible()
  expect(await fake.sent('POST /api/v1/contributions/k1/reports')[0].json()).toEqual({
    category: 'copyright',
    reason: 'The shop sells this exact bottle',
  })
})

it('reports a comment in German, with the kind chosen', async () => {
  await switchLanguage('de')
  startSession(authResponse())
  const fake = entryApi()
  const user = userEvent.setup()
  renderRoute('/contributions/k1')

  await user.click(await screen.findByRole('button', { name: 'Kommentar von Bea melden' }))
  const form = within(screen.getByRole('form', { name: 'Diesen Kommentar melden' }))
  expect(form.getByRole('group', { name: /Um welche Art von Problem geht es/ })).toBeVisible()
  const offensive = form.getByRole('radio', { name: 'Beleidigend' })
  expect(offensive).toHaveAccessibleDescription('Beleidigend, hasserfüllt oder gegen die Verhaltensregeln.')
  await user.click(offensive)
  await user.type(form.getByRole('textbox', { name: /^Was stimmt damit nicht/ }), 'Beschimpft andere')
  await user.click(form.getByRole('button', { name: 'Meldung senden' }))

  await waitFor(() => expect(fake.sent('POST /api/v1/comments/m1/reports')).toHaveLength(1))
  expect(await fake.sent('POST /api/v1/comments/m1/reports')[0].json()).toEqual({
    category: 'offensive',
    reason: 'Beschimpft andere',
  })
  expect(await screen.findByText('Danke. Die Moderation sieht es sich an.')).toBeVisible()
})
