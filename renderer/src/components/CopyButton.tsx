import { useEffect, useState, type ReactNode } from 'react'
import { copyText } from '../lib/clipboard.js'

export interface CopyButtonProps {
  readonly text: string
  /** The accessible name, e.g. "Copy peer ID". */
  readonly label: string
  /** Visible text; defaults to "Copy". */
  readonly children?: ReactNode
}

type Outcome = 'idle' | 'copied' | 'failed'

const FEEDBACK: Readonly<Record<Outcome, string>> = {
  idle: '',
  copied: 'Copied',
  failed: 'Could not copy: select the text and copy it by hand',
}

export function CopyButton({ text, label, children = 'Copy' }: CopyButtonProps): ReactNode {
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
        {children}
      </button>
      <span className={`copy__feedback copy__feedback--${outcome}`} aria-live="polite">
        {FEEDBACK[outcome]}
      </span>
    </span>
  )
}
