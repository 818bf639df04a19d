// The languages the SPA speaks, and how the first one is chosen: the visitor's earlier choice,
// else the browser's preferences, else English.

export const LANGUAGES = ['en', 'de'] as const
export type Language = (typeof LANGUAGES)[number]
export const FALLBACK_LANGUAGE: Language = 'en'

/** Where the choice made with the header's language switch is remembered. */
export const LANGUAGE_STORAGE_KEY = 'schwarm.language'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** Maps a BCP 47 tag such as `de-AT` to a language we speak, if any. */
export function supportedLanguageOf(tag: string): Language | undefined {
  const primary = tag.toLowerCase().split('-')[0]
  return isLanguage(primary) ? primary : undefined
}

export function detectLanguage(
  stored: string | null = readStoredLanguage(),
  preferred: readonly string[] = navigator.languages ?? [navigator.language],
): Language {
  if (isLanguage(stored)) return stored
  for (const tag of preferred) {
    const language = supportedLanguageOf(tag)
    if (language) return language
  }
  return FALLBACK_LANGUAGE
}

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY)
  } catch {
    // Storage can be disabled (privacy settings); the browser's preference still applies.
    return null
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language)
  } catch {
    // Not remembered across visits, but the switch still works for this one.
  }
}
