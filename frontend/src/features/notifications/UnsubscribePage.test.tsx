import { act, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { switchLanguage } from '../../i18n'
import { json, problem, stubApi } from '../../test/fakeApi'
import { renderRoute } from '../../test/renderRoute'

const TOKEN = 'dTF8Y29tbWVudHM.c2lnbmF0dXJlLTE2Ynl0ZQ'

describe('the unsubscribe page', () => {
  it('switches the link’s category off at once, signed out, and says so', async () => {
    const fake = stubApi({ 'POST /api/v1/notifications/unsubscribe': () => json({ category: 'comments', email: 'off' }) })
    renderRoute(`/unsubscribe?token=${TOKEN}`)

    expect(await screen.findByText('Done. You will no longer get emails about “Comments”.')).toBeVisible()
    expect(screen.getByRole('status')).toHaveTextContent('Your notifications still appear in your inbox on Schwarm.')
    const sent = fake.sent('POST /api/v1/notifications/unsubscribe')
    expect(sent).toHaveLength(1)
    expect(new URL(sent[0].url).searchParams.get('token')).toBe(TOKEN)
    expect(sent[0].headers.get('Authorization')).toBeNull()
    expect(screen.getByRole('link', { name: 'Choose your notifications' })).toHaveAttribute('href', '/me#notifications')

    await act(() => switchLanguage('de'))

    expect(screen.getByText('Erledigt. Du bekommst keine E-Mails mehr zu „Kommentare“.')).toBeVisible()
  })

  it('says when a link stopped all mail', async () => {
    stubApi({ 'POST /api/v1/notifications/unsubscribe': () => json({ category: null, email: 'off' }) })
    renderRoute(`/unsubscribe?token=${TOKEN}`)

    expect(await screen.findByText('Done. You will no longer get any emails from Schwarm.')).toBeVisible()
  })

  it('says a link the API does not accept is not valid', async () => {
    stubApi({ 'POST /api/v1/notifications/unsubscribe': () => problem(404, 'Not Found', 'no such link', undefined, 'not_found') })
    renderRoute('/unsubscribe?token=forged.token')

    expect(await screen.findByRole('alert')).toHaveTextContent('This unsubscribe link is not valid.')
    expect(screen.queryByText(/Done\./)).toBeNull()
  })

  it('asks nothing for a link without a token', async () => {
    const fake = stubApi({})
    renderRoute('/unsubscribe')

    expect(await screen.findByRole('alert')).toHaveTextContent('This unsubscribe link is not valid.')
    expect(fake.requests).toEqual([])
  })
})
