import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useClient } from '../api/client-context.js'
import { Notice } from '../components/Notice.js'
import { i18n } from '../i18n/i18n.js'
import { useSavedSetting } from './use-saved-setting.js'

/** The idle times offered, in minutes (0: never). */
const CHOICES: readonly number[] = [0, 1, 5, 15, 30, 60, 240]

/** "Never", "After 5 minutes", "After 4 hours", in the language on screen. */
function choiceLabel(minutes: number): string {
  if (minutes === 0) return i18n.t('settings.lock.never')
  return minutes % 60 === 0
    ? i18n.t('settings.lock.afterHours', { count: minutes / 60 })
    : i18n.t('settings.lock.afterMinutes', { count: minutes })
}

/** Lock by itself after a time without use: the core counts, so it locks even with no window open. */
export function AutoLockSetting(): ReactNode {
  const { t } = useTranslation()
  const client = useClient()
  const {
    value: minutes,
    error,
    choose,
  } = useSavedSetting(
    async () => {
      const result = await client.invoke('getLockSettings', {})
      return result.ok ? { ok: true, value: result.value.autoLockMinutes } : result
    },
    (next: number) => client.invoke('setLockSettings', { autoLockMinutes: next }),
  )
  const offered = minutes === undefined || CHOICES.includes(minutes) ? CHOICES : [...CHOICES, minutes]
  return (
    <div className="form-field">
      <label htmlFor="auto-lock" className="form-field__label">
        {t('settings.lock.auto')}
      </label>
      <select
        id="auto-lock"
        className="input"
        value={minutes ?? 0}
        disabled={minutes === undefined}
        aria-describedby="auto-lock-hint"
        onChange={(event) => void choose(Number(event.target.value))}
      >
        {offered.map((choice) => (
          <option key={choice} value={choice}>
            {choiceLabel(choice)}
          </option>
        ))}
      </select>
      <p id="auto-lock-hint" className="form-field__hint">
        {t('settings.lock.autoHint')}
      </p>
      {error !== undefined && <Notice tone="error">{t('settings.changeFailed', { error })}</Notice>}
    </div>
  )
}
