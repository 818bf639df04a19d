// Picks one person by name or email address, for forms that send a user id (co-authors, members).
// A text input in the WAI-ARIA combobox pattern: typing 2 letters of a name lists who matches
// (once the typing pauses); a whole email address looks up the one account with it. Arrow keys
// move through the list, Enter picks, Escape closes it (and, closed, clears the text). The pick
// shows as a chip with the person's name and a button to remove it; the form keeps their id.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { flushSync } from 'react-dom'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import { describeError } from '../../ui/describeError'
import { usePeopleSearch, type Person, type PickedPerson } from './queries'

interface Props {
  label: string
  value: PickedPerson | null
  onChange: (person: PickedPerson | null) => void
  required?: boolean
  /** The server's messages for the id sent (e.g. a 422's `co_authors[0].user_id`). */
  errors?: string[]
  /**
   * Why someone cannot be picked here (the signed-in user, someone picked already), or
   * `undefined`. They are left out of the list; looked up by their address, the reason is said.
   */
  unavailable?: (person: Person) => string | undefined
}

export function PersonPicker({ label, value, onChange, required, errors, unavailable }: Props) {
  const { t } = useTranslation('people')
  const { t: tCommon } = useTranslation()
  const format = useFormat()
  const id = useId()
  const ids = {
    label: `${id}-label`,
    input: `${id}-input`,
    list: `${id}-list`,
    status: `${id}-status`,
    hint: `${id}-hint`,
    error: `${id}-error`,
    option: (person: Person) => `${id}-option-${person.id}`,
  }
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [activeId, setActiveId] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const removeButton = useRef<HTMLButtonElement>(null)
  const found = usePeopleSearch(text)

  const offered = found.people.filter((person) => unavailable?.(person) === undefined)
  const active = offered.find((person) => person.id === activeId) ?? null
  const expanded = open && !found.waiting && offered.length > 0
  const invalid = (errors?.length ?? 0) > 0
  const errorId = invalid ? ids.error : undefined

  // Typed but not picked: the form is not sent with an empty id, and the browser says why.
  const unpicked = value === null && text.trim() !== ''
  useEffect(() => {
    input.current?.setCustomValidity(unpicked ? t('picker.pickOne') : '')
  }, [unpicked, t])

  // The active person stays in sight in a list taller than its box.
  const activeOptionId = expanded && active ? ids.option(active) : undefined
  useEffect(() => {
    if (activeOptionId === undefined) return
    const option = document.getElementById(activeOptionId)
    if (typeof option?.scrollIntoView === 'function') option.scrollIntoView({ block: 'nearest' })
  }, [activeOptionId])

  function status(): string {
    if (!open || found.search === null) return ''
    if (found.waiting) return t('picker.searching')
    if (found.error) return describeError(found.error, tCommon)
    if (found.search.by === 'email') {
      const [person] = found.people
      if (person === undefined) return t('picker.noAccount')
      return unavailable?.(person) ?? t('picker.foundByEmail', { name: person.display_name })
    }
    return offered.length === 0 ? t('picker.noOne') : t('picker.found', { count: offered.length })
  }

  function pick(person: Person) {
    flushSync(() => {
      onChange({ id: person.id, display_name: person.display_name })
      setText('')
      setOpen(false)
      setActiveId(null)
    })
    removeButton.current?.focus()
  }

  function remove() {
    flushSync(() => onChange(null))
    input.current?.focus()
  }

  function move(step: 1 | -1) {
    setOpen(true)
    if (offered.length === 0) return
    const at = active === null ? (step === 1 ? -1 : offered.length) : offered.indexOf(active)
    const next = (at + step + offered.length) % offered.length
    setActiveId(offered[next].id)
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        event.preventDefault()
        if (event.altKey) setOpen(true)
        else move(event.key === 'ArrowDown' ? 1 : -1)
        break
      case 'Enter': {
        // While searching, Enter picks (the active person, or the only one) and never sends the form.
        if (text.trim() === '') return
        event.preventDefault()
        const choice = active ?? (offered.length === 1 ? offered[0] : null)
        if (expanded && choice) pick(choice)
        break
      }
      case 'Escape':
        if (open && text !== '') {
          event.preventDefault()
          setOpen(false)
          setActiveId(null)
        } else if (text !== '') {
          event.preventDefault()
          setText('')
        }
        break
    }
  }

  const labelContent = (
    <>
      {label}
      {required && <span className="muted"> ({tCommon('form.required')})</span>}
    </>
  )
  const errorMessage = invalid && (
    <p id={ids.error} className="field-error">
      {errors?.join(' ')}
    </p>
  )

  if (value !== null) {
    return (
      <div className={invalid ? 'field person-picker invalid' : 'field person-picker'}>
        <span id={ids.label} className="field-label">
          {labelContent}
        </span>
        {/* Focusable, so a refusal of this pick takes the keyboard here (see useFocusFirstProblem). */}
        <div
          role="group"
          className="person-chip"
          tabIndex={-1}
          aria-labelledby={ids.label}
          aria-describedby={errorId}
          aria-invalid={invalid || undefined}
        >
          <span className="person-chip-name">{value.display_name}</span>
          <button ref={removeButton} type="button" className="person-chip-remove" onClick={remove}>
            <span aria-hidden="true">×</span>
            <span className="visually-hidden">{t('picker.remove', { name: value.display_name })}</span>
          </button>
        </div>
        {errorMessage}
      </div>
    )
  }

  const describedBy = [ids.hint, errorId].filter(Boolean).join(' ')
  return (
    <div className={invalid ? 'field person-picker invalid' : 'field person-picker'}>
      <label id={ids.label} htmlFor={ids.input}>
        {labelContent}
      </label>
      <div className="combobox">
        <input
          ref={input}
          id={ids.input}
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={ids.list}
          aria-autocomplete="list"
          aria-activedescendant={activeOptionId}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          enterKeyHint="search"
          placeholder={t('picker.placeholder')}
          required={required}
          value={text}
          onChange={(event) => {
            setText(event.target.value)
            setOpen(true)
            setActiveId(null)
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul
          id={ids.list}
          role="listbox"
          aria-labelledby={ids.label}
          className="person-options"
          hidden={!expanded}
          // A click on an option must not blur the input first (that would close the list).
          onMouseDown={(event) => event.preventDefault()}
        >
          {offered.map((person) => (
            <li
              key={person.id}
              id={ids.option(person)}
              role="option"
              aria-selected={person.id === active?.id}
              className={person.id === active?.id ? 'active' : undefined}
              onClick={() => pick(person)}
            >
              <span>{person.display_name}</span>{' '}
              <span className="muted">{t('picker.since', { date: format.date(person.created_at) })}</span>
            </li>
          ))}
        </ul>
      </div>
      <p id={ids.status} role="status" className="person-status">
        {status()}
      </p>
      <p id={ids.hint} className="hint">
        {t('picker.hint')}
      </p>
      {errorMessage}
    </div>
  )
}
