import type { ReactNode } from 'react'
import { ClientProvider } from './api/ClientProvider.js'
import { useConnectionState } from './api/client-context.js'
import type { ClientChoice } from './api/select-client.js'
import { MissingSecretScreen } from './screens/MissingSecretScreen.js'
import { SessionGate } from './session/SessionGate.js'

export interface AppProps {
  readonly choice: ClientChoice
}

function AuthorizedApp(): ReactNode {
  const state = useConnectionState()
  if (state === 'unauthorized') {
    return <MissingSecretScreen />
  }
  return <SessionGate />
}

export function App({ choice }: AppProps): ReactNode {
  if (choice.kind === 'missing-secret') {
    return <MissingSecretScreen />
  }
  return (
    <ClientProvider client={choice.client}>
      <AuthorizedApp />
    </ClientProvider>
  )
}
