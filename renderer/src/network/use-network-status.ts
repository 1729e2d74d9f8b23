import { useState } from 'react'
import type { EventName, NetworkStatus } from '../../../src/api/index.js'
import { useApiEvents, useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { describeError } from '../lib/describe-error.js'

/** Events after which the network status is fetched again. */
const NETWORK_EVENTS: ReadonlySet<EventName> = new Set<EventName>([
  'peerDiscovered',
  'peerConnected',
  'peerDisconnected',
  'peerRouteChanged',
  'reachabilityChanged',
  'listenAddressesChanged',
  'networkModeChanged',
])

export interface NetworkStatusView {
  /** The last status we got; kept while a refresh fails. */
  readonly status: NetworkStatus | undefined
  /** Why the last fetch failed, if it did. */
  readonly error: string | undefined
}

export interface NetworkStatusSource extends NetworkStatusView {
  /** Fetch again (coalesced: a burst of calls costs at most two fetches). */
  readonly refresh: () => void
  /** Take a status a command returned, without waiting for a fetch. */
  readonly accept: (status: NetworkStatus) => void
}

/**
 * The live network status: fetched when the link to the core opens (and
 * again after every reconnection), and after every network event.
 */
export function useNetworkStatus(): NetworkStatusSource {
  const client = useClient()
  const [view, setView] = useState<NetworkStatusView>({ status: undefined, error: undefined })

  const refresh = useRefreshWhenOpen(async () => {
    const result = await client.invoke('getNetworkStatus', {})
    setView((previous) =>
      result.ok ? { status: result.value, error: undefined } : { ...previous, error: describeError(result.error) },
    )
  })

  useApiEvents((event) => {
    if (NETWORK_EVENTS.has(event.name)) {
      refresh()
    }
  })

  return {
    ...view,
    refresh,
    accept: (status) => {
      setView({ status, error: undefined })
    },
  }
}
