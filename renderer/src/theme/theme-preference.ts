/** Light or dark: the system's choice until the user picks one, which we remember. */
export type Theme = 'light' | 'dark'

export const THEME_STORAGE_KEY = 'parley.theme'
const DARK_QUERY = '(prefers-color-scheme: dark)'

export function readStoredTheme(): Theme | undefined {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY)
    return stored === 'light' || stored === 'dark' ? stored : undefined
  } catch {
    return undefined
  }
}

export function storeTheme(theme: Theme): void {
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme)
  } catch {
    // Storage disabled: the choice lasts until the page is closed.
  }
}

export function systemTheme(): Theme {
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light'
}

export function onSystemThemeChange(listener: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY)
  query.addEventListener('change', listener)
  return () => {
    query.removeEventListener('change', listener)
  }
}

/** The stylesheet keys its colours on `<html data-theme>`. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme
}
