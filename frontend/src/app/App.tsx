import { QueryClientProvider } from '@tanstack/react-query'
import { I18nextProvider } from 'react-i18next'
import { createBrowserRouter } from 'react-router'
import { RouterProvider } from 'react-router/dom'
import { i18n } from '../i18n'
import { createQueryClient } from './queryClient'
import { routes } from './routes'
import { SessionEnd } from './SessionEnd'

const queryClient = createQueryClient()
const router = createBrowserRouter(routes)

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <SessionEnd />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>
  )
}
