import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { NOTIFICATION_CONTENTS, type NotificationContent } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { Notice } from '../components/Notice.js'
import { describeError } from '../lib/describe-error.js'

/** What a notification of a new message shows: for screens others can see, less. */
export function NotificationContentSetting(): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const [content, setContent] = useState<NotificationContent | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  useRefreshWhenOpen(async () => {
    const result = await client.invoke('getMessagingSettings', {})
    if (result.ok) setContent(result.value.notificationContent)
  })
  const choose = async (next: NotificationContent): Promise<void> => {
    const previous = content
    setContent(next)
    setError(undefined)
    const result = await client.invoke('setMessagingSettings', { notificationContent: next })
    if (!result.ok) {
      setContent(previous)
      setError(describeError(result.error))
    }
  }
  return (
    <fieldset className="choice-group" disabled={content === undefined}>
      <legend className="choice-group__legend">{t('settings.messages.contentLegend')}</legend>
      {NOTIFICATION_CONTENTS.map((option) => (
        <label key={option} className="choice-group__option">
          <input
            type="radio"
            name="notification-content"
            value={option}
            checked={content === option}
            onChange={() => void choose(option)}
          />
          {t(`settings.messages.content.${option}`)}
        </label>
      ))}
      {error !== undefined && <Notice tone="error">{t('settings.changeFailed', { error })}</Notice>}
    </fieldset>
  )
}
