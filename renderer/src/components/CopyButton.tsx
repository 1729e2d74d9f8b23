import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { copyText } from '../lib/clipboard.js'

export interface CopyButtonProps {
  readonly text: string
  /** The accessible name, e.g. "Copy peer ID". */
  readonly label: string
  /** Visible text; defaults to "Copy" in the language on screen. */
  readonly children?: ReactNode
}

type Outcome = 'idle' | 'copied' | 'failed'

export function CopyButton({ text, label, children }: CopyButtonProps): ReactNode {
  const { t } = useTranslation()
  const [outcome, setOutcome] = useState<Outcome>('idle')

  useEffect(() => {
    if (outcome === 'idle') {
      return undefined
    }
    const timer = setTimeout(() => {
      setOutcome('idle')
    }, 2500)
    return () => {
      clearTimeout(timer)
    }
  }, [outcome])

  const copy = async (): Promise<void> => {
    setOutcome((await copyText(text)) ? 'copied' : 'failed')
  }

  return (
    <span className="copy">
      <button type="button" className="button button--small" aria-label={label} onClick={() => void copy()}>
        {children ?? t('common.copy')}
      </button>
      <span className={`copy__feedback copy__feedback--${outcome}`} aria-live="polite">
        {outcome === 'copied' ? t('common.copied') : outcome === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  )
}
