import { QueryClientProvider } from '@tanstack/react-query'
import { I18nextProvider } from 'react-i18next'
import { BrowserRouter, useRoutes } from 'react-router'
import { beforeRefusals } from '../api/refusals'
import { i18n, loadRefusalMessages } from '../i18n'
import { createQueryClient } from './queryClient'
import { routes } from './routes'
import { SessionEnd } from './SessionEnd'

// A refusal waits for its messages in the UI's language, which no visit fetches before it needs them.
beforeRefusals(loadRefusalMessages)
const queryClient = createQueryClient()

/**
 * The route table in React Router's declarative mode: the app loads no data through the router
 * (react-query does), and the data router's code would add some 17 kB (gzip) to every first visit.
 */
function AppRoutes() {
  return useRoutes(routes)
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <SessionEnd />
        {/* Without transitions a click moves the address, the header and <main> at once: a page
            still on its way shows "Loading…" there, never the previous page, which would stay
            usable (and be typed into) for as long as the new one takes to arrive. */}
        <BrowserRouter useTransitions={false}>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </I18nextProvider>
  )
}
