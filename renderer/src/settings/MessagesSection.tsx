import type { ParseKeys } from 'i18next'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { MessagingSettings } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { requestNotificationAccess, useNotificationAccess, type NotificationAccess } from '../chats/notifications.js'
import { NotificationContentSetting } from './NotificationContentSetting.js'
import { LoadError, Notice } from '../components/Notice.js'
import { describeError } from '../lib/describe-error.js'

const SWITCHES: readonly {
  readonly key: 'readReceipts' | 'typingIndicators'
  readonly label: ParseKeys
  readonly hint: ParseKeys
}[] = [
  { key: 'readReceipts', label: 'settings.messages.readReceipts', hint: 'settings.messages.readReceiptsHint' },
  { key: 'typingIndicators', label: 'settings.messages.typing', hint: 'settings.messages.typingHint' },
]

function accessText(access: NotificationAccess): ParseKeys {
  return `settings.messages.access.${access}`
}

function NotificationsSetting(): ReactNode {
  const { t } = useTranslation()
  const [access, setAccess] = useNotificationAccess()
  return (
    <div className="messages-settings__notifications">
      <p className="muted">{t(accessText(access))}</p>
      {access === 'default' && (
        <div className="form__actions">
          <button type="button" className="button" onClick={() => void requestNotificationAccess().then(setAccess)}>
            {t('settings.messages.enable')}
          </button>
        </div>
      )}
    </div>
  )
}

/** Read receipts, typing indicators, desktop notifications. */
export function MessagesSection(): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const [settings, setSettings] = useState<MessagingSettings | undefined>(undefined)
  const [loadError, setLoadError] = useState<string | undefined>(undefined)
  const [saveError, setSaveError] = useState<string | undefined>(undefined)
  const [saving, setSaving] = useState(false)

  const reload = useRefreshWhenOpen(async () => {
    const result = await client.invoke('getMessagingSettings', {})
    if (result.ok) {
      setSettings(result.value)
      setLoadError(undefined)
    } else {
      setLoadError(describeError(result.error))
    }
  })

  const change = async (next: MessagingSettings): Promise<void> => {
    const previous = settings
    setSettings(next)
    setSaving(true)
    setSaveError(undefined)
    const result = await client.invoke('setMessagingSettings', next)
    setSaving(false)
    if (result.ok) {
      setSettings(result.value)
    } else {
      setSettings(previous)
      setSaveError(describeError(result.error))
    }
  }

  return (
    <section className="card messages-settings" aria-labelledby="messages-settings-heading">
      <h2 id="messages-settings-heading" className="card__title">
        {t('settings.messages.title')}
      </h2>
      {loadError !== undefined && (
        <LoadError what={t('settings.messages.settingsWhat')} error={loadError} onRetry={reload} />
      )}
      <div className="messages-settings__switches">
        {SWITCHES.map(({ key, label, hint }) => (
          <div className="check" key={key}>
            <input
              id={`messages-${key}`}
              type="checkbox"
              role="switch"
              checked={settings?.[key] ?? false}
              disabled={settings === undefined || saving}
              aria-describedby={`messages-${key}-hint`}
              onChange={(event) => {
                if (settings !== undefined) {
                  void change({ ...settings, [key]: event.target.checked })
                }
              }}
            />
            <label htmlFor={`messages-${key}`} className="check__label">
              {t(label)}
            </label>
            <p id={`messages-${key}-hint`} className="check__hint">
              {t(hint)}
            </p>
          </div>
        ))}
      </div>
      {saveError !== undefined && <Notice tone="error">{t('settings.changeFailed', { error: saveError })}</Notice>}
      <NotificationsSetting />
      <NotificationContentSetting />
    </section>
  )
}
