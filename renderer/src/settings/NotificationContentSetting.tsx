import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { NOTIFICATION_CONTENTS, type NotificationContent } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { Notice } from '../components/Notice.js'
import { useSavedSetting } from './use-saved-setting.js'

/** What a notification of a new message shows: for screens others can see, less. */
export function NotificationContentSetting(): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const {
    value: content,
    error,
    choose,
  } = useSavedSetting(
    async () => {
      const result = await client.invoke('getMessagingSettings', {})
      return result.ok ? { ok: true, value: result.value.notificationContent } : result
    },
    (next: NotificationContent) => client.invoke('setMessagingSettings', { notificationContent: next }),
  )
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
