import { useMemo, useState, type ReactNode } from 'react'
import { useClient } from '../api/client-context.js'
import { ConversationsProvider } from '../chats/ConversationsProvider.js'
import { ContactBookProvider } from '../contacts/ContactBookProvider.js'
import { RouterProvider } from '../router/RouterProvider.js'
import { Shell } from '../shell/Shell.js'
import { StartScreen } from '../start/StartScreen.js'
import { StartLoading } from '../start/StartLoading.js'
import { SessionContext, type Session } from './session-context.js'
import { useSessionState } from './use-session-state.js'

/**
 * The auth gate: the start screen (log in, sign up, import) while no account
 * is unlocked, the shell once one is. Nothing that needs an account (the
 * network panel, the profile) is mounted before that.
 */
export function SessionGate(): ReactNode {
  const client = useClient()
  const { state, error, refresh, accept } = useSessionState()
  const account = state?.account ?? null
  /** The account last unlocked in this tab: the start screen offers it first after logging out. */
  const [lastAccountId, setLastAccountId] = useState<string | undefined>(undefined)
  if (account !== null && account.accountId !== lastAccountId) {
    setLastAccountId(account.accountId)
  }

  const session = useMemo<Session | null>(() => {
    if (account === null) {
      return null
    }
    return {
      account,
      accept,
      lock: async () => {
        const result = await client.invoke('lockAccount', {})
        if (result.ok) {
          accept(result.value)
        } else {
          refresh()
        }
      },
    }
  }, [account, accept, client, refresh])

  if (state === undefined) {
    return <StartLoading error={error} onRetry={refresh} />
  }
  if (session === null) {
    return <StartScreen accounts={state.accounts} preferredAccountId={lastAccountId} onSession={accept} />
  }
  return (
    <SessionContext value={session}>
      {/* a new RouterProvider per account: each one starts on the default screen */}
      <RouterProvider key={session.account.accountId}>
        <ContactBookProvider>
          <ConversationsProvider>
            <Shell />
          </ConversationsProvider>
        </ContactBookProvider>
      </RouterProvider>
    </SessionContext>
  )
}
