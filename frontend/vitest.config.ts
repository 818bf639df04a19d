import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    resolve: {
      // Node >= 20.19 resolves `require('react-router')` (inside react-router/dom's CJS build) with
      // the "module-sync" condition, i.e. to the ESM build, while Vitest's resolver would pick the
      // CJS build for our own imports. Two copies of react-router mean two router contexts, and
      // <Link> then throws. Resolving with the same condition as Node keeps a single copy.
      conditions: ['module-sync'],
    },
    test: {
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}'],
      setupFiles: ['src/test/setup.ts'],
      unstubGlobals: true,
      // The stylesheet as text (`index.css?raw`), for tests of rules jsdom does not apply.
      css: { include: [/index\.css/] },
    },
  }),
)
