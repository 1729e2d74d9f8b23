import { useEffect, useState, useSyncExternalStore } from 'react'
import {
  applyTheme,
  onSystemThemeChange,
  readStoredTheme,
  storeTheme,
  systemTheme,
  type Theme,
} from './theme-preference.js'

export interface ThemeControl {
  readonly theme: Theme
  readonly toggle: () => void
}

export function useTheme(): ThemeControl {
  const [chosen, setChosen] = useState<Theme | undefined>(readStoredTheme)
  const system = useSyncExternalStore(onSystemThemeChange, systemTheme, systemTheme)
  const theme = chosen ?? system

  useEffect(() => {
    applyTheme(theme)
  }, [theme])

  return {
    theme,
    toggle: () => {
      const next: Theme = theme === 'dark' ? 'light' : 'dark'
      storeTheme(next)
      setChosen(next)
    },
  }
}
