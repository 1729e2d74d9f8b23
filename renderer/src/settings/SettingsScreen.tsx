import type { ReactNode } from 'react'
import { Screen } from '../components/Screen.js'
import { useSession } from '../session/session-context.js'
import { BackupSection } from './BackupSection.js'
import { ChangePasswordSection } from './ChangePasswordSection.js'
import { DeleteAccountSection } from './DeleteAccountSection.js'
import { LockSection } from './LockSection.js'
import { MessagesSection } from './MessagesSection.js'

/** Settings of the unlocked account: messages, password, backup, lock, delete. */
export function SettingsScreen(): ReactNode {
  const { account, accept, lock } = useSession()
  return (
    <Screen
      title="Settings"
      aside={
        <p className="summary">
          Account <strong>{account.username}</strong>, created {new Date(account.createdAt).toLocaleDateString()}
        </p>
      }
    >
      <div className="settings-stack">
        <MessagesSection />
        <ChangePasswordSection username={account.username} />
        <BackupSection />
        <LockSection onLock={lock} />
        <DeleteAccountSection account={account} onDeleted={accept} />
      </div>
    </Screen>
  )
}
