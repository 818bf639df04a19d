// After client-side navigation nothing tells a screen reader that the page changed, and keyboard
// focus stays on the link that was clicked: move focus to the main region instead, as a full page
// load would start there.
import { useLayoutEffect, useRef } from 'react'
import { useLocation } from 'react-router'

export function useFocusMainOnNavigate(): void {
  const { pathname } = useLocation()
  const first = useRef(true)
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    document.getElementById('main')?.focus()
  }, [pathname])
}
