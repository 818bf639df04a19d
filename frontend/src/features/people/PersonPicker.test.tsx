import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it, vi } from 'vitest'
import { startSession } from '../../api/session'
import { i18n } from '../../i18n'
import { authResponse, json, problem, stubApi } from '../../test/fakeApi'
import { PersonPicker } from './PersonPicker'
import type { PickedPerson } from './queries'

const grace = { id: 'u2', display_name: 'Grace Hopper', created_at: '2026-01-02T00:00:00Z' }
const gracie = { id: 'u3', display_name: 'Gracie Allen', created_at: '2026-02-03T00:00:00Z' }

/** The picker in a form that shows the id it would send. */
function Form({ unavailable }: { unavailable?: (person: PickedPerson) => string | undefined }) {
  const [person, setPerson] = useState<PickedPerson | null>(null)
  return (
    <form>
      <PersonPicker label="Co-author" required value={person} onChange={setPerson} unavailable={unavailable} />
      <p>sends {person?.id ?? 'nobody'}</p>
    </form>
  )
}

function renderPicker(routes: Parameters<typeof stubApi>[0], unavailable?: (person: PickedPerson) => string | undefined) {
  startSession(authResponse())
  const fake = stubApi(routes)
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <Form unavailable={unavailable} />
      </QueryClientProvider>
    </I18nextProvider>,
  )
  // No pause between keys (`delay: null`): the whole word is typed before any timer can run, so the
  // search waits for the typing to pause whatever the machine's speed.
  return { fake, user: userEvent.setup({ delay: null }), searches: () => fake.sent('GET /api/v1/users').map((r) => new URL(r.url).search) }
}

describe('PersonPicker', () => {
  it('searches by name once the typing pauses, and picks with the keyboard', async () => {
    const { user, searches } = renderPicker({ 'GET /api/v1/users': () => json([grace, gracie]) })
    const input = screen.getByRole('combobox', { name: /^Co-author/ })
    expect(input).toHaveAttribute('aria-expanded', 'false')

    await user.type(input, 'Grac')
    // Nothing asked while typing: one request for the word, after the pause.
    expect(searches()).toEqual([])
    const list = await screen.findByRole('listbox')
    expect(searches()).toEqual(['?q=Grac'])
    expect(input).toHaveAttribute('aria-expanded', 'true')
    expect(input).toHaveAttribute('aria-controls', list.id)
    expect(within(list).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Grace Hopper joined Jan 2, 2026',
      'Gracie Allen joined Feb 3, 2026',
    ])
    expect(screen.getByRole('status')).toHaveTextContent('2 people found.')
    // Typed but not picked: the form is not sent with nobody in it.
    expect(input).toBeInvalid()
    expect((input as HTMLInputElement).validationMessage).toBe('Pick a person from the list.')

    await user.keyboard('{ArrowDown}{ArrowDown}')
    const second = screen.getByRole('option', { name: /Gracie Allen/ })
    expect(input).toHaveAttribute('aria-activedescendant', second.id)
    expect(second).toHaveAttribute('aria-selected', 'true')
    await user.keyboard('{ArrowDown}{ArrowUp}')
    expect(input).toHaveAttribute('aria-activedescendant', second.id)

    // Escape closes the list; arrow keys open it again.
    await user.keyboard('{Escape}')
    expect(input).toHaveAttribute('aria-expanded', 'false')
    expect(input).not.toHaveAttribute('aria-activedescendant')
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}')

    const chip = screen.getByRole('group', { name: /^Co-author/ })
    expect(chip).toHaveTextContent('Gracie Allen')
    expect(screen.getByText('sends u3')).toBeInTheDocument()
    const remove = within(chip).getByRole('button', { name: 'Remove Gracie Allen' })
    expect(remove).toHaveFocus()
    expect(searches()).toEqual(['?q=Grac'])

    await user.keyboard('{Enter}')
    expect(screen.getByText('sends nobody')).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: /^Co-author/ })).toHaveFocus()
  })

  it('drops a search whose text changed while it was on its way', async () => {
    let answerFirst: (response: Response) => void = () => {}
    const { user, fake, searches } = renderPicker({
      'GET /api/v1/users': (request) =>
        new URL(request.url).searchParams.get('q') === 'Gr'
          ? new Promise<Response>((resolve) => (answerFirst = resolve))
          : json([gracie]),
    })
    const input = screen.getByRole('combobox', { name: /^Co-author/ })

    await user.type(input, 'Gr')
    expect(await screen.findByText('Searching…')).toBeVisible()
    await vi.waitFor(() => expect(searches()).toEqual(['?q=Gr']))
    await user.type(input, 'acie')

    expect(await screen.findByRole('option', { name: /Gracie Allen/ })).toBeVisible()
    expect(searches()).toEqual(['?q=Gr', '?q=Gracie'])
    expect(fake.fetch.mock.calls[0][0].signal.aborted).toBe(true)
    // Should its answer come after all, it is not shown.
    answerFirst(json([grace]))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Gracie Allen joined Feb 3, 2026'])
  })

  it('looks up an exact email address and offers the one person', async () => {
    const { user, searches } = renderPicker({ 'GET /api/v1/users': () => json([grace]) })

    await user.type(screen.getByRole('combobox', { name: /^Co-author/ }), 'Grace@Example.com')

    expect(await screen.findByRole('option', { name: /Grace Hopper/ })).toBeVisible()
    expect(searches()).toEqual([`?email=${encodeURIComponent('grace@example.com')}`])
    expect(screen.getByRole('status')).toHaveTextContent('The address belongs to Grace Hopper. Press Enter to pick them.')
    await user.keyboard('{Enter}')
    expect(screen.getByText('sends u2')).toBeInTheDocument()
  })

  it('says in German when nobody has the address, or nobody has the name', async () => {
    await i18n.changeLanguage('de')
    const { user, searches } = renderPicker({ 'GET /api/v1/users': () => json([]) })
    const input = screen.getByRole('combobox', { name: /^Co-author/ })

    await user.type(input, 'niemand@example.org')
    expect(await screen.findByText('Kein Konto mit dieser Adresse – bitte die Person, sich zuerst zu registrieren.')).toBeVisible()
    expect(input).toHaveAttribute('aria-expanded', 'false')
    // Enter picks nobody, and does not send the form either.
    await user.keyboard('{Enter}')
    expect(screen.getByText('sends nobody')).toBeInTheDocument()

    await user.clear(input)
    await user.type(input, 'Zu')
    expect(await screen.findByText('Niemand gefunden.')).toBeVisible()
    expect(searches()).toEqual([`?email=${encodeURIComponent('niemand@example.org')}`, '?q=Zu'])
  })

  it('asks nothing for a single letter, leaves out who cannot be picked, and tells a refused lookup', async () => {
    const { user, searches } = renderPicker(
      {
        'GET /api/v1/users': (request) =>
          new URL(request.url).searchParams.has('email')
            ? problem(429, 'Too Many Requests', 'slow down', undefined, 'rate_limited', { retry_after: 42 })
            : json([grace, gracie]),
      },
      (person) => (person.id === 'u2' ? 'That is you.' : undefined),
    )
    const input = screen.getByRole('combobox', { name: /^Co-author/ })

    await user.type(input, 'G')
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(searches()).toEqual([])

    await user.type(input, 'r')
    expect(await screen.findByRole('option', { name: /Gracie Allen/ })).toBeVisible()
    expect(screen.queryByRole('option', { name: /Grace Hopper/ })).toBeNull()

    await user.clear(input)
    await user.type(input, 'grace@example.com')
    expect(await screen.findByText('Too many requests. Please try again in 42 seconds.')).toBeVisible()
  })
})
