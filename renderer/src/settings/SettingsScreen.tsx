import type { ReactNode } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { Screen } from '../components/Screen.js'
import { formatDate } from '../i18n/format.js'
import { useSession } from '../session/session-context.js'
import { BackupSection } from './BackupSection.js'
import { ChangePasswordSection } from './ChangePasswordSection.js'
import { DeleteAccountSection } from './DeleteAccountSection.js'
import { LanguageSection } from './LanguageSection.js'
import { LockSection } from './LockSection.js'
import { MessagesSection } from './MessagesSection.js'

/** Settings of the unlocked account (messages, password, backup, lock, delete) and of this browser (language). */
export function SettingsScreen(): ReactNode {
  const { t } = useTranslation()
  const { account, accept, lock } = useSession()
  return (
    <Screen
      title={t('common.nav.settings')}
      aside={
        <p className="summary">
          <Trans
            i18nKey="settings.account"
            values={{ name: account.username, date: formatDate(account.createdAt, 'date') }}
            components={{ strong: <strong /> }}
          />
        </p>
      }
    >
      <div className="settings-stack">
        <MessagesSection />
        <LanguageSection />
        <ChangePasswordSection username={account.username} />
        <BackupSection />
        <LockSection onLock={lock} />
        <DeleteAccountSection account={account} onDeleted={accept} />
      </div>
    </Screen>
  )
}
