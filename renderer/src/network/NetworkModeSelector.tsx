import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { NetworkMode } from '../../../src/api/index.js'
import { modeOptions } from './network-labels.js'

export interface NetworkModeSelectorProps {
  /** The mode to show as chosen (the one being switched to, while a switch is in flight). */
  readonly mode: NetworkMode
  readonly busy: boolean
  readonly error: string | undefined
  readonly onSelect: (mode: NetworkMode) => void
}

export function NetworkModeSelector({ mode, busy, error, onSelect }: NetworkModeSelectorProps): ReactNode {
  const { t } = useTranslation()
  return (
    <section className="card" aria-labelledby="mode-heading">
      <h2 id="mode-heading" className="card__title">
        {t('network.mode.title')}
      </h2>
      <fieldset className="mode-options" disabled={busy} aria-busy={busy}>
        <legend className="visually-hidden">{t('network.mode.legend')}</legend>
        {modeOptions().map((option) => {
          const id = `network-mode-${option.mode}`
          return (
            <div key={option.mode} className="mode-option">
              <input
                id={id}
                type="radio"
                name="network-mode"
                value={option.mode}
                checked={mode === option.mode}
                onChange={() => {
                  onSelect(option.mode)
                }}
                aria-describedby={`${id}-description`}
              />
              <label htmlFor={id} className="mode-option__label">
                {option.label}
              </label>
              <p id={`${id}-description`} className="mode-option__description">
                {option.description}
              </p>
            </div>
          )
        })}
      </fieldset>
      {error !== undefined && (
        <p role="alert" className="notice notice--error">
          {t('network.mode.failed', { error })}
        </p>
      )}
    </section>
  )
}
