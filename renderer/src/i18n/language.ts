/** The languages the renderer ships, and how the person's choice is remembered. */
export const LANGUAGES = ['en', 'es'] as const
export type Language = (typeof LANGUAGES)[number]

/** What Settings offers: follow the browser or the system, or one language. */
export type LanguagePreference = 'system' | Language

export const LANGUAGE_STORAGE_KEY = 'parley.language'

function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value)
}

export function readLanguagePreference(): LanguagePreference {
  try {
    const stored = localStorage.getItem(LANGUAGE_STORAGE_KEY)
    return stored !== null && isLanguage(stored) ? stored : 'system'
  } catch {
    return 'system'
  }
}

export function storeLanguagePreference(preference: LanguagePreference): void {
  try {
    if (preference === 'system') {
      localStorage.removeItem(LANGUAGE_STORAGE_KEY)
    } else {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, preference)
    }
  } catch {
    // Storage disabled: the choice lasts until the page is closed.
  }
}

/**
 * The browser's (or the system's) languages in the person's order of
 * preference: the first one we ship wins, so "es-ES" or "es-419" means
 * Spanish; nothing we ship means English.
 */
export function systemLanguage(preferred: readonly string[] = navigator.languages): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] ?? ''
    if (isLanguage(base)) {
      return base
    }
  }
  return 'en'
}

export function resolveLanguage(preference: LanguagePreference): Language {
  return preference === 'system' ? systemLanguage() : preference
}
