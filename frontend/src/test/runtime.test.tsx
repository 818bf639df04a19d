// The app ships on Preact (vite.config.ts, package.json): the unit tests must run on it too, our
// components and the libraries' alike, or they would test a runtime no user gets.
import { render, screen } from '@testing-library/react'
import { options, type VNode } from 'preact'
import * as compat from 'preact/compat'
import { createRoot as preactCreateRoot } from 'preact/compat/client'
import * as React from 'react'
import * as ReactDOM from 'react-dom'
import * as ReactDOMClient from 'react-dom/client'
import { MemoryRouter, Link } from 'react-router'
import { afterEach, expect, it } from 'vitest'

const previousVnodeHook = options.vnode
afterEach(() => {
  options.vnode = previousVnodeHook
})

it('gives every import of React Preact', () => {
  expect(React.createElement).toBe(compat.createElement)
  expect(React.useState).toBe(compat.useState)
  expect(ReactDOM.flushSync).toBe(compat.flushSync)
  expect(ReactDOMClient.createRoot).toBe(preactCreateRoot)
})

it("renders the libraries' elements with Preact", () => {
  const types: unknown[] = []
  options.vnode = (vnode: VNode) => {
    types.push(vnode.type)
    previousVnodeHook?.(vnode)
  }
  render(
    <MemoryRouter>
      <Link to="/c/kites">Kites</Link>
    </MemoryRouter>,
  )
  expect(screen.getByRole('link', { name: 'Kites' })).toHaveAttribute('href', '/c/kites')
  // React Router's own <a> went through Preact's createElement.
  expect(types).toContain('a')
  expect(types).toContain(Link)
})
