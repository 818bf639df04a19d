// The document's title for the page on show: the browser's tab and history, and what a screen
// reader announces on arrival. React 19 moved a <title> rendered anywhere into <head>; Preact, which
// the app runs on (vite.config.ts), leaves it where it stands, and the browser only reads the one in
// <head>. So pages name themselves through this, in the commit that shows them.
import { useLayoutEffect } from 'react'

/** index.html's title: what the document is called while no page names itself. */
const initialTitle = typeof document === 'undefined' ? '' : document.title

export function PageTitle({ children }: { children: string }) {
  useLayoutEffect(() => {
    document.title = children
    return () => {
      document.title = initialTitle
    }
  }, [children])
  return null
}
