// Tabs as WAI-ARIA describes them: one tab stop, arrows, Home and End move between the tabs and
// open the one reached. The caller renders the open tab's content in a `TabPanel` of the same id,
// so the panel and its tab name each other.
import { useRef, type KeyboardEvent, type ReactNode } from 'react'

interface TabsProps<T extends string> {
  /** Names the ids of the tabs and their panel; unique on the page. */
  id: string
  tabs: readonly T[]
  current: T
  /** The tab list's accessible name. */
  label: string
  /** A tab's visible name. */
  name: (tab: T) => string
  onPick: (tab: T) => void
}

export function Tabs<T extends string>({ id, tabs, current, label, name, onPick }: TabsProps<T>) {
  const buttons = useRef(new Map<T, HTMLButtonElement>())

  function key(event: KeyboardEvent, index: number) {
    const last = tabs.length - 1
    const to =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (index + last) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null
    if (to === null) return
    event.preventDefault()
    onPick(tabs[to])
    // Every tab is always rendered, so the one reached can take focus now.
    buttons.current.get(tabs[to])?.focus()
  }

  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((tab, index) => (
        <button
          key={tab}
          ref={(button) => {
            if (button) buttons.current.set(tab, button)
            else buttons.current.delete(tab)
          }}
          id={`${id}-tab-${tab}`}
          type="button"
          role="tab"
          aria-selected={current === tab}
          aria-controls={`${id}-panel-${tab}`}
          tabIndex={current === tab ? 0 : -1}
          onClick={() => onPick(tab)}
          onKeyDown={(event) => key(event, index)}
        >
          {name(tab)}
        </button>
      ))}
    </div>
  )
}

/** The open tab's panel, named by its tab. */
export function TabPanel({ id, tab, children }: { id: string; tab: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`${id}-panel-${tab}`} aria-labelledby={`${id}-tab-${tab}`} tabIndex={0} className="tab-panel">
      {children}
    </div>
  )
}
