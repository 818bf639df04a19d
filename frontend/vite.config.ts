import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The Rust API's default address; `npm run dev` and `npm run preview` forward /api there.
const proxy = { '/api': 'http://127.0.0.1:8080' }

/**
 * The app runs on Preact through its React compatibility layer: React's API for a tenth of React
 * DOM's bytes (issue #17). package.json installs `react` and `react-dom` as `@preact/compat`, so
 * every import of React, ours and the libraries', in the build, the dev server and the unit tests
 * alike, gets Preact; these aliases go straight to its modules, and cover the two entry points that
 * package lacks: `react-dom/test-utils` (Testing Library's `act`) and `react-is` (recharts, which
 * would otherwise not know Preact's fragments). `use-sync-external-store/shim` is React's polyfill
 * of a hook Preact has.
 */
const reactOnPreact = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react-dom\/test-utils$/, replacement: 'preact/test-utils' },
  { find: /^react-is$/, replacement: 'preact/compat' },
  { find: /^use-sync-external-store\/shim(\/index\.js)?$/, replacement: 'preact/compat' },
]

export default defineConfig({
  plugins: [react()],
  resolve: { alias: reactOnPreact },
  // dist/.vite/manifest.json: which chunks the entry imports, for `npm run check:bundle`.
  build: { manifest: true },
  server: { proxy },
  preview: { proxy },
})
