import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import {
  readLanguagePreference,
  resolveLanguage,
  storeLanguagePreference,
  systemLanguage,
  type Language,
  type LanguagePreference,
} from './language.js'
import { resources } from './resources.js'

/**
 * The one i18next instance: every catalogue is bundled (no HTTP backend), so
 * it is ready before the first render. React escapes text itself.
 */
export const i18n: I18n = i18next.createInstance()

function applyLanguage(language: string): void {
  document.documentElement.lang = language
}

i18n.on('languageChanged', applyLanguage)

void i18n.use(initReactI18next).init({
  resources,
  lng: resolveLanguage(readLanguagePreference()),
  fallbackLng: 'en',
  supportedLngs: ['en', 'es'],
  initAsync: false,
  interpolation: { escapeValue: false },
})

/** The language on screen now. */
export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'es' ? 'es' : 'en'
}

/** Remember the choice and switch at once: every screen re-renders in the new language, nothing reloads. */
export async function chooseLanguage(preference: LanguagePreference): Promise<void> {
  storeLanguagePreference(preference)
  await i18n.changeLanguage(resolveLanguage(preference))
}

// "System default" follows the browser's language settings while the page is open
window.addEventListener('languagechange', () => {
  if (readLanguagePreference() === 'system') {
    void i18n.changeLanguage(systemLanguage())
  }
})
