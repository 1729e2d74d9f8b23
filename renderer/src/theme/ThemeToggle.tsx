import type { ReactNode } from 'react'
import type { Theme } from './theme-preference.js'

export interface ThemeToggleProps {
  readonly theme: Theme
  readonly onToggle: () => void
}

export function ThemeToggle({ theme, onToggle }: ThemeToggleProps): ReactNode {
  const next = theme === 'dark' ? 'light' : 'dark'
  return (
    <button type="button" className="theme-toggle" onClick={onToggle}>
      <span aria-hidden="true" className="theme-toggle__icon">
        {theme === 'dark' ? '☀' : '☾'}
      </span>
      <span className="theme-toggle__label">Switch to {next} theme</span>
    </button>
  )
}
