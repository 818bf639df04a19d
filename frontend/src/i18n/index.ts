// The one i18next instance. Every user-visible string goes through it; each feature keeps its
// strings (English and German side by side) in its own namespace, registered in resources.ts.
import i18next, { type BackendModule } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { addErrorFormats, ERRORS_NAMESPACE, loadErrorMessages } from './errors'
import { detectLanguage, FALLBACK_LANGUAGE, isLanguage, LANGUAGES, rememberLanguage, type Language } from './languages'
import { type LazyModules, type LazyNamespace, type LoadedNamespace, loaders, resources } from './resources'

function isLoadedNamespace(namespace: string): namespace is LoadedNamespace {
  return Object.hasOwn(loaders, namespace)
}

/**
 * Fetches a namespace's chunk the first time a component asks for it (`useTranslation(namespace)`
 * suspends until then): a visitor downloads the strings of the pages they open, not of every page.
 * One chunk holds both languages, so switching language costs no second request.
 */
const stringsBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    if (!isLoadedNamespace(namespace) || !isLanguage(language)) {
      callback(null, null)
      return
    }
    loaders[namespace]().then(
      (strings) => callback(null, strings[language]),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    )
  },
}

export const i18n = i18next.createInstance()

void i18n
  .use(stringsBackend)
  .use(initReactI18next)
  .init({
    // Copies: i18next keeps the object it is given as its store and adds the namespaces it loads
    // to it; `resources` itself stays the bundled strings only.
    resources: { en: { ...resources.en }, de: { ...resources.de } },
    // The bundled namespace is there at once; the others come from the backend on first use.
    partialBundledLanguages: true,
    lng: detectLanguage(),
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: ['en', 'de'],
    defaultNS: 'common',
    ns: Object.keys(resources.en),
    // React escapes what it renders; escaping here too would show `&amp;`.
    interpolation: { escapeValue: false },
    // The frame's strings are bundled, so initialise synchronously: the first render is translated.
    initAsync: false,
  })

/**
 * Loads namespaces ahead of the components that use them (a route asks for its page's beside the
 * page's chunk), so the page does not suspend and then wait a second time.
 */
export function loadNamespaces(...namespaces: LoadedNamespace[]): Promise<void> {
  return i18n.loadNamespaces(namespaces)
}

/** Every namespace the backend serves (the unit tests load them all up front). */
export const LOADED_NAMESPACES = Object.keys(loaders) as LoadedNamespace[]

function syncDocumentLanguage(language: string) {
  document.documentElement.lang = language
}
syncDocumentLanguage(i18n.language)
i18n.on('languageChanged', syncDocumentLanguage)

// The refusals' messages arrive in their own chunk per language, when the first refusal does (see
// loadRefusalMessages); once some are here, a change of language brings that language's too.
addErrorFormats(i18n)
function refusalMessagesLoaded(): boolean {
  return LANGUAGES.some((language) => i18n.hasResourceBundle(language, ERRORS_NAMESPACE))
}
i18n.on('languageChanged', (language) => {
  if (isLanguage(language) && refusalMessagesLoaded()) void loadErrorMessages(i18n, language)
})

/** Loads the refusals' messages in the UI's language (once): the app's API clients wait for it before a refusal. */
export function loadRefusalMessages(): Promise<void> {
  return loadErrorMessages(i18n, currentLanguage())
}

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
  if (refusalMessagesLoaded()) await loadErrorMessages(i18n, language)
  await i18n.changeLanguage(language)
}
