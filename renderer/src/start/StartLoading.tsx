import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ConnectionBanner } from '../shell/ConnectionBanner.js'

export interface StartLoadingProps {
  readonly error: string | undefined
  readonly onRetry: () => void
}

/** Before the core has said which accounts exist. */
export function StartLoading({ error, onRetry }: StartLoadingProps): ReactNode {
  const { t } = useTranslation()
  return (
    <main className="gate" aria-busy={error === undefined}>
      <div className="gate__card card">
        <ConnectionBanner />
        {error === undefined ? (
          <p className="muted">{t('start.opening')}</p>
        ) : (
          <div role="alert" className="notice notice--error">
            {t('start.accountsError', { error })}{' '}
            <button type="button" className="button button--small" onClick={onRetry}>
              {t('common.retry')}
            </button>
          </div>
        )}
      </div>
    </main>
  )
}
