import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    resolve: {
      alias: [
        // Testing Library's main build is CommonJS, whose require('react') Node answers with React
        // itself: its ES module build goes through vite.config.ts's alias to Preact.
        { find: /^@testing-library\/react$/, replacement: '@testing-library/react/dist/@testing-library/react.esm.js' },
      ],
      // Node >= 20.19 resolves `require('react-router')` (inside react-router/dom's CJS build) with
      // the "module-sync" condition, i.e. to the ESM build, while Vitest's resolver would pick the
      // CJS build for our own imports. Two copies of react-router mean two router contexts, and
      // <Link> then throws. Resolving with the same condition as Node keeps a single copy.
      conditions: ['module-sync'],
    },
    test: {
      environment: 'jsdom',
      // Testing Library (its ES build, see the alias above) and recharts go through Vite's resolver,
      // for the aliases of vite.config.ts that package.json cannot give them (`react-dom/test-utils`,
      // `react-is`). Every other library's `react` is Preact already (package.json).
      server: { deps: { inline: [/@testing-library\/react/, /recharts/] } },
      include: ['src/**/*.test.{ts,tsx}'],
      setupFiles: ['src/test/setup.ts'],
      unstubGlobals: true,
      // The stylesheet as text (`index.css?raw`), for tests of rules jsdom does not apply.
      css: { include: [/index\.css/] },
    },
  }),
)
