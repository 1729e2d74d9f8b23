import type { CommandHandlers, SessionState } from '../api/index.js'
import type { AccountManager, UnlockedAccount } from '../accounts/account-manager.js'
import type { BackupTransfers } from './backup-transfers.js'
import type { Clock } from './clock.js'

/** Backups: export to a file in chunks, import from one uploaded in chunks (both in the heavy-job queue). */
export function backupHandlers(options: {
  readonly requireAccount: () => UnlockedAccount
  readonly requireAccounts: () => void
  readonly heavily: <T>(step: () => Promise<T>) => Promise<T>
  readonly accounts: AccountManager
  readonly transfers: BackupTransfers
  readonly clock: Clock
  readonly announceSession: () => Promise<SessionState>
}): Pick<
  CommandHandlers,
  'exportBackup' | 'readTransfer' | 'startUpload' | 'writeUpload' | 'importBackup' | 'cancelTransfer'
> {
  const { requireAccount, heavily, accounts, transfers, clock } = options
  return {
    exportBackup: ({ password }) =>
      heavily(async () => {
        const account = requireAccount()
        const bytes = await accounts.exportBackup(account, password)
        const day = new Date(clock.now()).toISOString().slice(0, 10)
        return {
          transferId: transfers.offer(bytes),
          fileName: `parley-${account.summary.username}-${day}.parley-backup`,
          size: bytes.length,
        }
      }),
    readTransfer: ({ transferId, offset, length }) => Promise.resolve(transfers.read(transferId, offset, length)),
    startUpload: ({ size }) => Promise.resolve({ transferId: transfers.startUpload(size) }),
    writeUpload: ({ transferId, offset, data }) =>
      Promise.resolve({ received: transfers.write(transferId, offset, data) }),
    importBackup: ({ transferId, password }) =>
      heavily(async () => {
        options.requireAccounts()
        const summary = await accounts.importBackup(transfers.takeUpload(transferId), password)
        await options.announceSession()
        return summary
      }),
    cancelTransfer: ({ transferId }) => {
      transfers.cancel(transferId)
      return Promise.resolve(null)
    },
  }
}
