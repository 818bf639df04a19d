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

/**
 * The file the server's domain clock reads, from `TEST_CLOCK_FILE` (the server must be started with
 * the same one): an instant written into it stops the clock there, an empty file lets it run.
 */
export function clockFile(): string {
  const path = process.env.TEST_CLOCK_FILE
  if (!path) {
    throw new Error(
      'TEST_CLOCK_FILE is not set. Start the server with TEST_CLOCK_FILE=/some/file and run the e2e tests ' +
        'with the same TEST_CLOCK_FILE, so the tests can set the server’s clock (e.g. into a voting phase).',
    )
  }
  return path
}

/**
 * The folder the server writes its mail into when it has no SMTP server (`DATA_DIR/mail`, one
 * `.eml` file per message), from `E2E_MAIL_DIR`, for tests that follow a mailed link.
 */
export function mailDir(): string {
  const path = process.env.E2E_MAIL_DIR
  if (!path) {
    throw new Error(
      'E2E_MAIL_DIR is not set. Start the server without SMTP_URL (it then writes each mail as a file under ' +
        'DATA_DIR/mail) and run the e2e tests with E2E_MAIL_DIR=<that DATA_DIR>/mail.',
    )
  }
  return path
}
