import { createContext, use } from 'react'
import type { AccountSummary, SessionState } from '../../../src/api/index.js'

/** The unlocked account, for everything inside the shell. */
export interface Session {
  readonly account: AccountSummary
  /** Take the state a session command (lock, delete) returned. */
  readonly accept: (state: SessionState) => void
  /** Lock the account ("Log out"): the start screen comes back. */
  readonly lock: () => Promise<void>
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const session = use(SessionContext)
  if (session === null) {
    throw new Error('useSession() must be used inside an unlocked session')
  }
  return session
}
