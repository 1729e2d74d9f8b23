import type { ReactNode } from 'react'
import { useConnectionState } from '../api/client-context.js'

/** Says so when the link to the core is not (yet) up; invisible otherwise. */
export function ConnectionBanner(): ReactNode {
  const state = useConnectionState()
  const message =
    state === 'connecting'
      ? 'Connecting to Parley…'
      : state === 'reconnecting'
        ? 'The connection to Parley was lost. Reconnecting…'
        : state === 'closed'
          ? 'Disconnected from Parley.'
          : undefined
  return (
    <div className="connection-banner" aria-live="polite" data-state={state}>
      {message}
    </div>
  )
}
