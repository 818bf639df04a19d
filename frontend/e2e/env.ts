/** The origin of the running Schwarm server under test, from `E2E_BASE_URL`, without a trailing slash. */
export function e2eBaseUrl(): string {
  const raw = process.env.E2E_BASE_URL
  if (!raw) {
    throw new Error(
      'E2E_BASE_URL is not set. Start the Schwarm server (it serves the built SPA and /api/v1), then ' +
        'run e.g. `E2E_BASE_URL=http://127.0.0.1:8080 npm run test:e2e`.',
    )
  }
  if (!URL.canParse(raw)) throw new Error(`E2E_BASE_URL is not a valid URL: ${raw}`)
  return raw.replace(/\/+$/, '')
}
