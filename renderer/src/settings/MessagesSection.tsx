import { useState, type ReactNode } from 'react'
import type { MessagingSettings } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { notificationAccess, requestNotificationAccess, type NotificationAccess } from '../chats/notifications.js'
import { LoadError, Notice } from '../components/Notice.js'
import { describeError } from '../lib/describe-error.js'

const SWITCHES: readonly {
  readonly key: keyof MessagingSettings
  readonly label: string
  readonly hint: string
}[] = [
  {
    key: 'readReceipts',
    label: 'Read receipts',
    hint: 'Let contacts see when you have read their messages. Off: you do not see theirs either.',
  },
  {
    key: 'typingIndicators',
    label: 'Typing indicators',
    hint: 'Let contacts see when you are typing. Off: you do not see when they type either.',
  },
]

const ACCESS_TEXT: Record<NotificationAccess, string> = {
  unsupported: 'This browser cannot show desktop notifications.',
  host: 'The Parley desktop app shows notifications for new messages.',
  default: 'Get a desktop notification when a message arrives while Parley is in the background.',
  granted: 'Desktop notifications are on for new messages (not for muted chats).',
  denied: 'Notifications are blocked for this page: allow them in the browser’s site settings.',
}

function NotificationsSetting(): ReactNode {
  const [access, setAccess] = useState<NotificationAccess>(notificationAccess)
  return (
    <div className="messages-settings__notifications">
      <p className="muted">{ACCESS_TEXT[access]}</p>
      {access === 'default' && (
        <div className="form__actions">
          <button type="button" className="button" onClick={() => void requestNotificationAccess().then(setAccess)}>
            Enable desktop notifications
          </button>
        </div>
      )}
    </div>
  )
}

/** Read receipts, typing indicators, desktop notifications. */
export function MessagesSection(): ReactNode {
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
        Messages
      </h2>
      {loadError !== undefined && <LoadError what="the message settings" error={loadError} onRetry={reload} />}
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
              {label}
            </label>
            <p id={`messages-${key}-hint`} className="check__hint">
              {hint}
            </p>
          </div>
        ))}
      </div>
      {saveError !== undefined && <Notice tone="error">Could not change it: {saveError}</Notice>}
      <NotificationsSetting />
    </section>
  )
}
