import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { endSession } from '../api/session'
import { i18n } from '../i18n'

afterEach(async () => {
  cleanup()
  // Tests share the i18n instance and the session module: give the next test a clean start.
  endSession()
  localStorage.clear()
  await i18n.changeLanguage('en')
})
