import type { AccountManager, UnlockedAccount } from '../accounts/account-manager.js'
import { estimatePassword, requireStrongPassword } from '../accounts/password-strength.js'
import { ApiFailure, type CommandHandlers, type SessionState } from '../api/index.js'
import { loadLockSettings, saveLockSettings, type AutoLock } from './auto-lock.js'

type AccountCommands =
  | 'getSession'
  | 'createAccount'
  | 'estimatePassword'
  | 'unlockAccount'
  | 'getLockSettings'
  | 'setLockSettings'
  | 'reportActivity'
  | 'lockAccount'
  | 'changePassword'
  | 'deleteAccount'

/**
 * The commands of the accounts on this device: create (with a password strong
 * enough), unlock, lock (now, or by itself after a time without use), change
 * the password, delete. Opening and closing an account is the messenger's
 * (`enter`, `lockCurrent`); these decide when.
 */
export function accountHandlers(options: {
  readonly accounts: AccountManager
  readonly autoLock: AutoLock
  readonly session: () => Promise<SessionState>
  readonly announceSession: () => Promise<SessionState>
  readonly enter: (account: UnlockedAccount) => Promise<SessionState>
  readonly lockCurrent: () => Promise<void>
  readonly current: () => UnlockedAccount | undefined
  readonly requireAccount: () => UnlockedAccount
  readonly requireAccounts: () => void
  readonly serially: <T>(step: () => Promise<T>) => Promise<T>
  readonly heavily: <T>(step: () => Promise<T>) => Promise<T>
}): Pick<CommandHandlers, AccountCommands> {
  const { accounts, autoLock, session, announceSession, enter, lockCurrent, current } = options
  const { requireAccount, requireAccounts, serially, heavily } = options
  return {
    getSession: () => session(),
    createAccount: ({ username, password }) =>
      heavily(async () => {
        requireAccounts()
        await requireStrongPassword(password, username, 'password')
        const account = await accounts.create(username, password)
        await lockCurrent()
        return enter(account)
      }),
    estimatePassword: ({ password, username }) => estimatePassword(password, username),
    unlockAccount: ({ accountId, password }) =>
      heavily(async () => {
        requireAccounts()
        if (current()?.summary.accountId === accountId) return session()
        const account = await accounts.unlock(accountId, password)
        await lockCurrent()
        return enter(account)
      }),
    getLockSettings: () => loadLockSettings(requireAccount().store),
    setLockSettings: async (settings) => {
      const account = requireAccount()
      await saveLockSettings(account.store, settings)
      autoLock.arm(account.summary.accountId, settings.autoLockMinutes)
      return settings
    },
    reportActivity: () => {
      requireAccount()
      autoLock.activity()
      return Promise.resolve(null)
    },
    lockAccount: () =>
      serially(async () => {
        await lockCurrent()
        return announceSession()
      }),
    changePassword: ({ oldPassword, newPassword }) =>
      heavily(async () => {
        const account = requireAccount()
        if (newPassword.toLowerCase() === account.summary.username.toLowerCase()) {
          throw new ApiFailure('INVALID_ARGUMENTS', 'The password must differ from the username', {
            newPassword: 'The password must differ from the username',
          })
        }
        await requireStrongPassword(newPassword, account.summary.username, 'newPassword')
        await accounts.changePassword(account.summary.accountId, oldPassword, newPassword)
        return null
      }),
    deleteAccount: ({ accountId, password, confirmUsername }) =>
      heavily(async () => {
        requireAccounts()
        const target = (await accounts.list()).find((a) => a.accountId === accountId)
        if (target === undefined) throw new ApiFailure('NOT_FOUND', 'no such account on this device')
        if (confirmUsername !== target.username) {
          throw new ApiFailure('INVALID_ARGUMENTS', 'type the username exactly to confirm', {
            confirmUsername: 'Type the username exactly to confirm',
          })
        }
        // the password is checked first; only then is an open account closed and removed
        await accounts.remove(accountId, password, async () => {
          if (current()?.summary.accountId === accountId) await lockCurrent()
        })
        return announceSession()
      }),
  }
}
