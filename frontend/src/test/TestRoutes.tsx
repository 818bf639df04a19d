// The route table under a memory router, telling the test where the router is (see renderRoute).
import { useLayoutEffect } from 'react'
import { useLocation, useNavigate, useRoutes, type Location, type NavigateFunction } from 'react-router'
import { routes } from '../app/routes'

export function TestRoutes({ onRender }: { onRender: (location: Location, navigate: NavigateFunction) => void }) {
  const location = useLocation()
  const navigate = useNavigate()
  useLayoutEffect(() => onRender(location, navigate))
  return useRoutes(routes)
}
