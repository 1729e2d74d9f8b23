import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Theme } from './theme-preference.js'

export interface ThemeToggleProps {
  readonly theme: Theme
  readonly onToggle: () => void
}

export function ThemeToggle({ theme, onToggle }: ThemeToggleProps): ReactNode {
  const { t } = useTranslation()
  return (
    <button type="button" className="theme-toggle" onClick={onToggle}>
      <span aria-hidden="true" className="theme-toggle__icon">
        {theme === 'dark' ? '☀' : '☾'}
      </span>
      <span className="theme-toggle__label">
        {theme === 'dark' ? t('common.theme.toLight') : t('common.theme.toDark')}
      </span>
    </button>
  )
}
