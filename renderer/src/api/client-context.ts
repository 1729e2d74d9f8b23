import { createContext, use, useEffect, useEffectEvent, useSyncExternalStore } from 'react'
import type { ApiEvent, ParleyClient } from '../../../src/api/index.js'
import type { ConnectionState } from './connection.js'
import type { RendererClient } from './renderer-client.js'

export const ClientContext = createContext<RendererClient | null>(null)

function useRendererClient(): RendererClient {
  const client = use(ClientContext)
  if (client === null) {
    throw new Error('useClient() must be used inside <ClientProvider>')
  }
  return client
}

/** The typed client of the API contract. */
export function useClient(): ParleyClient {
  return useRendererClient()
}

/** The state of the link to the core; re-renders on every change. */
export function useConnectionState(): ConnectionState {
  const { connection } = useRendererClient()
  return useSyncExternalStore(connection.onStateChange, connection.getState, connection.getState)
}

/** Call `listener` for every event the core pushes, for as long as the component is mounted. */
export function useApiEvents(listener: (event: ApiEvent) => void): void {
  const client = useRendererClient()
  const onEvent = useEffectEvent(listener)
  useEffect(
    () =>
      client.subscribe((event) => {
        onEvent(event)
      }),
    [client],
  )
}
