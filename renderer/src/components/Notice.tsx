import type { ReactNode } from 'react'

export interface NoticeProps {
  /** An error is announced at once (role="alert"); a success politely (role="status"). */
  readonly tone: 'error' | 'success'
  readonly children: ReactNode
  readonly id?: string
}

/** A coloured one-paragraph message under a form or a card. */
export function Notice({ tone, children, id }: NoticeProps): ReactNode {
  return (
    <p id={id} role={tone === 'error' ? 'alert' : 'status'} className={`notice notice--${tone}`}>
      {children}
    </p>
  )
}

export interface LoadErrorProps {
  /** What could not be loaded, e.g. "your profile". */
  readonly what: string
  readonly error: string
  readonly onRetry: () => void
}

/** "Could not load …" with a Retry button. */
export function LoadError({ what, error, onRetry }: LoadErrorProps): ReactNode {
  return (
    <div role="alert" className="notice notice--error">
      Could not load {what}: {error}{' '}
      <button type="button" className="button button--small" onClick={onRetry}>
        Retry
      </button>
    </div>
  )
}
