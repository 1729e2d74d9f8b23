import type { ReactNode } from 'react'
import { useSession } from '../session/session-context.js'
import { BackupSection } from './BackupSection.js'
import { ChangePasswordSection } from './ChangePasswordSection.js'
import { DeleteAccountSection } from './DeleteAccountSection.js'
import { LockSection } from './LockSection.js'

/** Settings of the unlocked account: password, backup, lock, delete. */
export function SettingsScreen(): ReactNode {
  const { account, accept, lock } = useSession()
  return (
    <div className="screen">
      <header className="screen__header">
        <h1 className="screen__title" tabIndex={-1}>
          Settings
        </h1>
        <p className="summary">
          Account <strong>{account.username}</strong>, created {new Date(account.createdAt).toLocaleDateString()}
        </p>
      </header>
      <div className="settings-stack">
        <ChangePasswordSection username={account.username} />
        <BackupSection />
        <LockSection onLock={lock} />
        <DeleteAccountSection account={account} onDeleted={accept} />
      </div>
    </div>
  )
}
