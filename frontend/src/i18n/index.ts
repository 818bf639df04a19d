// The one i18next instance. Every user-visible string goes through it; each feature keeps its
// strings (English and German side by side) in its own namespace, registered in resources.ts.
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { addErrorFormats, loadErrorMessages } from './errors'
import { detectLanguage, FALLBACK_LANGUAGE, isLanguage, rememberLanguage, type Language } from './languages'
import { type LazyModules, type LazyNamespace, resources } from './resources'

export const i18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  // Copies: i18next keeps the object it is given as its store and adds the lazily loaded
  // namespaces to it; `resources` itself stays the bundled strings only.
  resources: { en: { ...resources.en }, de: { ...resources.de } },
  lng: detectLanguage(),
  fallbackLng: FALLBACK_LANGUAGE,
  supportedLngs: ['en', 'de'],
  defaultNS: 'common',
  ns: Object.keys(resources.en),
  // React escapes what it renders; escaping here too would show `&amp;`.
  interpolation: { escapeValue: false },
  // The resources are bundled, so initialise synchronously: the first render is translated.
  initAsync: false,
})

function syncDocumentLanguage(language: string) {
  document.documentElement.lang = language
}
syncDocumentLanguage(i18n.language)
i18n.on('languageChanged', syncDocumentLanguage)

// The refusals' messages arrive in their own chunk, requested now so they are there before the
// first request can fail (until then a refusal shows the API's own words).
addErrorFormats(i18n)
void loadErrorMessages(i18n, currentLanguage())
i18n.on('languageChanged', (language) => {
  if (isLanguage(language)) void loadErrorMessages(i18n, language)
})

/**
 * Adds the strings of a lazily loaded page's namespace (once; the page's module calls this when
 * it loads, before it renders), so manager pages do not weigh on the app everyone loads.
 */
export function registerLazyStrings<N extends LazyNamespace>(namespace: N, strings: Pick<LazyModules[N], 'en' | 'de'>): void {
  for (const language of ['en', 'de'] as const) {
    if (!i18n.hasResourceBundle(language, namespace)) i18n.addResourceBundle(language, namespace, strings[language])
  }
}

/** The language the UI speaks now. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : FALLBACK_LANGUAGE
}

/** Switches the UI language and remembers the choice for later visits. */
export async function switchLanguage(language: Language): Promise<void> {
  rememberLanguage(language)
  await loadErrorMessages(i18n, language)
  await i18n.changeLanguage(language)
}
