import { useCallback, useState } from 'react'
import type { SessionState } from '../../../src/api/index.js'
import { useApiEvents, useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { describeError } from '../lib/describe-error.js'

export interface SessionStateSource {
  /** Undefined until the core has told us (the start screen waits for it). */
  readonly state: SessionState | undefined
  readonly error: string | undefined
  readonly refresh: () => void
  /** Take a state a command returned, without waiting for the event. */
  readonly accept: (state: SessionState) => void
}

/**
 * Which accounts exist and which one is unlocked: fetched whenever the link
 * to the core opens (a restarted core starts locked), then kept current by
 * `sessionChanged`.
 */
export function useSessionState(): SessionStateSource {
  const client = useClient()
  const [state, setState] = useState<SessionState | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)

  const refresh = useRefreshWhenOpen(async () => {
    const result = await client.invoke('getSession', {})
    if (result.ok) {
      setState(result.value)
      setError(undefined)
    } else {
      setError(describeError(result.error))
    }
  })

  const accept = useCallback((next: SessionState) => {
    setState(next)
    setError(undefined)
  }, [])

  useApiEvents((event) => {
    if (event.name === 'sessionChanged') {
      accept(event.payload)
    }
  })

  return { state, error, refresh, accept }
}
