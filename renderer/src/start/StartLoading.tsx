import type { ReactNode } from 'react'
import { ConnectionBanner } from '../shell/ConnectionBanner.js'

export interface StartLoadingProps {
  readonly error: string | undefined
  readonly onRetry: () => void
}

/** Before the core has said which accounts exist. */
export function StartLoading({ error, onRetry }: StartLoadingProps): ReactNode {
  return (
    <main className="gate" aria-busy={error === undefined}>
      <div className="gate__card card">
        <ConnectionBanner />
        {error === undefined ? (
          <p className="muted">Opening Parley…</p>
        ) : (
          <div role="alert" className="notice notice--error">
            Could not read the accounts on this device: {error}{' '}
            <button type="button" className="button button--small" onClick={onRetry}>
              Retry
            </button>
          </div>
        )}
      </div>
    </main>
  )
}
