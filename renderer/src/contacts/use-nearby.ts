import { useRef, useState } from 'react'
import type { NearbyPeer } from '../../../src/api/index.js'
import { useApiEvents, useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { describeError } from '../lib/describe-error.js'

export interface NearbySource {
  /** Whether this device shows itself to people nearby; undefined until known. */
  readonly visible: boolean | undefined
  readonly nearby: readonly NearbyPeer[] | undefined
  readonly error: string | undefined
  readonly reload: () => void
  /** Switch the visibility; resolves to an error message, if it failed. */
  readonly setVisible: (visible: boolean) => Promise<string | undefined>
}

/** Who is visible on this LAN, kept live by `nearbyChanged`, and our own visibility. */
export function useNearby(): NearbySource {
  const client = useClient()
  const [visible, setVisibleState] = useState<boolean | undefined>(undefined)
  const [nearby, setNearby] = useState<readonly NearbyPeer[] | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  const pushed = useRef(0)

  const reload = useRefreshWhenOpen(async () => {
    const seen = pushed.current
    const [visibility, listed] = await Promise.all([
      client.invoke('getNearbyVisibility', {}),
      client.invoke('listNearby', {}),
    ])
    if (visibility.ok) {
      setVisibleState(visibility.value.visible)
    }
    if (listed.ok && seen === pushed.current) {
      setNearby(listed.value)
    }
    const failed = !visibility.ok ? visibility.error : !listed.ok ? listed.error : undefined
    setError(failed === undefined ? undefined : describeError(failed))
  })

  useApiEvents((event) => {
    if (event.name === 'nearbyChanged') {
      pushed.current += 1
      setNearby(event.payload.nearby)
    }
  })

  return {
    visible,
    nearby,
    error,
    reload,
    setVisible: async (next) => {
      const result = await client.invoke('setNearbyVisibility', { visible: next })
      if (result.ok) {
        setVisibleState(result.value.visible)
        return undefined
      }
      return describeError(result.error)
    },
  }
}
