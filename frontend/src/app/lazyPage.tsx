// A page that loads on the way to it (see routes.ts): its chunk and the strings its components use
// arrive together, so a visitor downloads the pages they open and not the others, and the page does
// not wait a second time for its words. Until it is there, it suspends: Layout's <Suspense> shows
// "Loading…" in the frame's <main>.
import { createElement, lazy, type ComponentType, type FunctionComponent, type ReactElement } from 'react'
import { loadNamespaces } from '../i18n'
import type { LoadedNamespace } from '../i18n/resources'

/** A route's component that loads itself; `preload()` fetches it ahead (the tests do, up front). */
export type LazyPage = FunctionComponent & { preload: () => Promise<ReactElement> }

/**
 * `load` imports the page's module and picks its component; `namespaces` are the strings its
 * components use (one left out still arrives, a step later; one only some campaigns or roles need
 * is left out on purpose).
 */
export function lazyPage(load: () => Promise<ComponentType>, namespaces: LoadedNamespace[] = []): LazyPage {
  // The page's element, made once when it arrives (it takes no props: it reads the route's params).
  let page: ReactElement | undefined
  let loading: Promise<ReactElement> | undefined
  const preload = () =>
    (loading ??= Promise.all([load(), loadNamespaces(...namespaces)]).then(([component]) => (page = createElement(component))))
  // Before, it suspends through React.lazy (whose waiting React tracks itself, in tests' `act` too).
  // A chunk that cannot be fetched fails it for good: PageErrorBoundary says so, with a reload.
  const Pending = lazy(async () => {
    const element = await preload()
    return { default: () => element }
  })
  function Page() {
    // Once it is here it renders at once, without a pass through the fallback.
    return page ?? <Pending />
  }
  return Object.assign(Page, { preload })
}
