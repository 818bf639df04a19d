import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, it } from 'vitest'
import { startSession } from '../../api/session'
import { authResponse, json, me, stubApi } from '../../test/fakeApi'
import { media, stubXhr } from '../../test/fakeXhr'
import { aCampaign } from '../../test/fixtures'
import { i18n } from '../../i18n'
import { renderRoute } from '../../test/renderRoute'

const campaign = aCampaign()

const png = (name: string) => new File([new Uint8Array([137, 80, 78, 71])], name, { type: 'image/png' })

it('uploads picked images with progress, explains a refused one, and sends the ids in the order shown', async () => {
  startSession(authResponse('access-1'))
  const uploads = stubXhr()
  const fake = stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'POST /api/v1/campaigns/c1/contributions': () => json({ id: 'k1' }, 201),
  })
  const user = userEvent.setup()
  renderRoute('/c/summer-bottle/contribute')
  await user.type(await screen.findByRole('textbox', { name: /^Title/ }), 'Wave')

  await user.upload(screen.getByLabelText('Add images'), [png('front.png'), png('back.png'), png('notes.png')])

  await waitFor(() => expect(uploads).toHaveLength(3))
  expect(uploads[0].method).toBe('POST')
  expect(uploads[0].url).toBe(`${window.location.origin}/api/v1/media`)
  expect(uploads[0].headers.Authorization).toBe('Bearer access-1')
  const sentFile = uploads[0].body?.get('file')
  expect(sentFile).toBeInstanceOf(File)
  expect(sentFile instanceof File && sentFile.name).toBe('front.png')
  expect(screen.getByRole('button', { name: 'Submit' })).toBeDisabled()

  act(() => uploads[0].progress(40, 100))
  expect(screen.getByRole('progressbar', { name: 'Uploading front.png' })).toHaveAttribute('value', '40')

  await act(async () => {
    uploads[0].respond(201, media('m1'))
    uploads[1].respond(201, media('m2'))
    uploads[2].respond(415, {
      type: 'about:blank',
      title: 'Unsupported Media Type',
      status: 415,
      detail: 'not a PNG, JPEG, WebP or GIF image',
    })
  })

  const picker = within(screen.getByRole('group', { name: 'Images' }))
  expect(await picker.findByRole('alert')).toHaveTextContent(
    'notes.png was not added: it is not a PNG, JPEG, WebP or GIF image (or its content does not match its name).',
  )
  expect(picker.queryByRole('progressbar')).toBeNull()
  expect(picker.getByText('2 of 10 images')).toBeVisible()
  expect(picker.getByRole('img', { name: 'Wave, image 1' })).toBeVisible()

  await user.click(picker.getByRole('button', { name: 'Move image 2 earlier' }))
  // The keyboard stays on the moved image: first now, so on the button that still moves it.
  expect(picker.getByRole('button', { name: 'Move image 1 later' })).toHaveFocus()
  await user.click(screen.getByRole('button', { name: 'Submit' }))

  await waitFor(() => expect(fake.sent('POST /api/v1/campaigns/c1/contributions')).toHaveLength(1))
  expect(await fake.sent('POST /api/v1/campaigns/c1/contributions')[0].json()).toMatchObject({
    title: 'Wave',
    media_ids: ['m2', 'm1'],
  })
})

it('says a file is too large (413) or empty (422) next to the picker', async () => {
  startSession(authResponse())
  const uploads = stubXhr()
  stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
  })
  const user = userEvent.setup()
  renderRoute('/c/summer-bottle/contribute')

  await user.upload(await screen.findByLabelText('Add images'), [png('huge.png'), png('empty.png')])
  await waitFor(() => expect(uploads).toHaveLength(2))
  await act(async () => {
    uploads[0].respond(413, { type: 'about:blank', title: 'Payload Too Large', status: 413 })
    uploads[1].respond(422, { type: 'about:blank', title: 'Unprocessable Entity', status: 422, detail: 'empty file' })
  })

  const alert = await within(screen.getByRole('group', { name: 'Images' })).findByRole('alert')
  expect(alert).toHaveTextContent('huge.png was not added: the file is too large.')
  expect(alert).toHaveTextContent('empty.png was not added: the file is empty or damaged')
  expect(screen.getByText('No images yet.')).toBeVisible()
  expect(screen.getByRole('button', { name: 'Submit' })).toBeEnabled()
})

it('refuses a file over the limit before sending it, naming the limit, in German', async () => {
  await i18n.changeLanguage('de')
  startSession(authResponse('access-1'))
  const uploads = stubXhr()
  stubApi({
    'GET /api/v1/me': () => json(me),
    'GET /api/v1/campaigns/summer-bottle': () => json(campaign),
    'GET /api/v1/media/limits': () => json({ max_bytes: 2 * 1024 ** 2, content_types: ['image/png'], max_per_contribution: 10 }),
  })
  const user = userEvent.setup()
  renderRoute('/c/summer-bottle/contribute')
  const picker = within(await screen.findByRole('group', { name: 'Bilder' }))
  expect(await picker.findByText(/Jede Datei bis 2 MB\./)).toBeVisible()

  const poster = new File([new Uint8Array(3 * 1024 ** 2)], 'poster.png', { type: 'image/png' })
  await user.upload(screen.getByLabelText('Bilder hinzufügen'), [poster, png('small.png')])

  expect(await picker.findByRole('alert')).toHaveTextContent('poster.png wurde nicht hinzugefügt: Sie hat 3 MB; erlaubt sind höchstens 2 MB.')
  await waitFor(() => expect(uploads).toHaveLength(1))
  const sent = uploads[0].body?.get('file')
  expect(sent instanceof File && sent.name).toBe('small.png')
})
