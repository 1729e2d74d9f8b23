import type { ReactNode } from 'react'
import { ClientContext } from './client-context.js'
import type { RendererClient } from './renderer-client.js'

export interface ClientProviderProps {
  readonly client: RendererClient
  readonly children: ReactNode
}

export function ClientProvider({ client, children }: ClientProviderProps): ReactNode {
  return <ClientContext value={client}>{children}</ClientContext>
}
