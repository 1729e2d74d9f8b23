import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

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
  const { t } = useTranslation()
  return (
    <div role="alert" className="notice notice--error">
      {t('common.loadError', { what, error })}{' '}
      <button type="button" className="button button--small" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  )
}
