import '@testing-library/jest-dom/vitest'
import { cleanup } from '@testing-library/react'
import { afterEach, beforeAll } from 'vitest'
import { resetServerClock } from '../api/serverClock'
import { endSession } from '../api/session'
import { i18n, LOADED_NAMESPACES } from '../i18n'
import { loadErrorMessages } from '../i18n/errors'
import { LANGUAGES } from '../i18n/languages'
import { loadMarkdownRenderer } from '../ui/markdownLoader'

// The refusals' messages and the features' strings load lazily in the app; tests have them from
// the start, in every language, so no component waits for its words.
// So is the Markdown renderer: imported up front, so markdown renders at once and no test waits on its load.
beforeAll(async () => {
  await Promise.all([...LANGUAGES.map((language) => loadErrorMessages(i18n, language)), loadMarkdownRenderer()])
  await i18n.loadNamespaces(LOADED_NAMESPACES)
  await i18n.loadLanguages([...LANGUAGES])
})

afterEach(async () => {
  cleanup()
  // Tests share the i18n instance, the session module and the server's clock: give the next test a clean start.
  endSession()
  resetServerClock()
  localStorage.clear()
  sessionStorage.clear()
  await i18n.changeLanguage('en')
})
