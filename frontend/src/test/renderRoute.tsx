// Renders the real route table at a given path, with a fresh query cache per test, in the router's
// declarative mode and without transitions, as the app does (app/App.tsx).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { MemoryRouter, type Location, type NavigateFunction, type RouteObject } from 'react-router'
import type { LazyPage } from '../app/lazyPage'
import { SessionEnd } from '../app/SessionEnd'
import { routes } from '../app/routes'
import { i18n } from '../i18n'
import { TestRoutes } from './TestRoutes'

/**
 * The pages participants open, which the app loads on the way there (app/routes.ts). Here they are
 * loaded once, up front, and render at once, as the app's do once their chunk is there, so a test's
 * first render does not eat the time a query waits for its answer. Pages only organisers open stay
 * lazy, as in the app; their tests import them up front.
 */
const LOADED_UP_FRONT = new Set([
  '',
  'login',
  'register',
  'status',
  'c/:slug',
  'contributions/:id',
  'organizations',
  'o/:slug',
  'unsubscribe',
  'me',
  'me/rewards',
  'me/timeline',
  'me/pledges',
  'notifications',
  'c/:slug/contribute',
  'contributions/:id/edit',
  '*',
])

function pagesUpFront(table: RouteObject[]): Promise<unknown>[] {
  return table.flatMap((route) => {
    const path = route.index ? '' : route.path
    const page = route.Component as Partial<LazyPage> | null | undefined
    const own = path !== undefined && LOADED_UP_FRONT.has(path) && page?.preload ? [page.preload()] : []
    return [...own, ...pagesUpFront(route.children ?? [])]
  })
}

await Promise.all(pagesUpFront(routes))

/** Where the router is, and a way to go elsewhere: what tests read of it. */
export interface TestRouter {
  state: { location: Location }
  navigate: NavigateFunction
}

export function renderRoute(path: string) {
  // No retries: a failing request should show its error state at once.
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const router: TestRouter = {
    state: { location: { pathname: '', search: '', hash: '', state: null, key: '' } },
    navigate: () => {
      throw new Error('renderRoute: the router has not rendered yet')
    },
  }
  const view = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <SessionEnd />
        <MemoryRouter initialEntries={[path]} useTransitions={false}>
          <TestRoutes
            onRender={(location, navigate) => {
              router.state.location = location
              router.navigate = navigate
            }}
          />
        </MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  )
  return { ...view, router, queryClient }
}
