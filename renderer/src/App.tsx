import type { ReactNode } from 'react'
import { ClientProvider } from './api/ClientProvider.js'
import { useConnectionState } from './api/client-context.js'
import type { ClientChoice } from './api/select-client.js'
import { SignedOutScreen } from './screens/SignedOutScreen.js'
import { SessionGate } from './session/SessionGate.js'

export interface AppProps {
  readonly choice: ClientChoice
}

function AuthorizedApp(): ReactNode {
  const state = useConnectionState()
  if (state === 'unauthorized') {
    return <SignedOutScreen reason="ended" />
  }
  return <SessionGate />
}

export function App({ choice }: AppProps): ReactNode {
  if (choice.kind === 'signed-out') {
    return <SignedOutScreen reason={choice.reason} />
  }
  return (
    <ClientProvider client={choice.client}>
      <AuthorizedApp />
    </ClientProvider>
  )
}
