import { useCallback, useEffect, useLayoutEffect, useRef } from 'react'
import { coalesce } from '../lib/coalesce.js'
import { useConnectionState } from './client-context.js'

/**
 * Keep what `load` fetches current: it runs whenever the link to the core
 * opens (at first, and after every reconnection: a restarted core may know
 * other things), and whenever the returned refresh is called. Calls are
 * coalesced: a burst costs at most two runs. `load` must not reject.
 */
export function useRefreshWhenOpen(load: () => Promise<void>): () => void {
  const connection = useConnectionState()
  const latest = useRef(load)
  const run = useRef<(() => void) | undefined>(undefined)
  useLayoutEffect(() => {
    latest.current = load
    run.current ??= coalesce(() => latest.current())
  })
  const refresh = useCallback(() => {
    run.current?.()
  }, [])

  useEffect(() => {
    if (connection === 'open') {
      refresh()
    }
  }, [connection, refresh])

  return refresh
}
