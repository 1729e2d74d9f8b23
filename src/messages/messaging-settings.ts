import type { MessagingSettings } from '../api/index.js'
import type { SealedStore } from '../store/sealed-store.js'
import { settingsSchema } from './records.js'

const DEFAULT_SETTINGS: MessagingSettings = {
  readReceipts: true,
  typingIndicators: true,
  notificationContent: 'senderAndText',
}
const SETTINGS_RECORD = 'dm/settings'

/** The account's messaging settings: read once, changed by naming what changes, kept sealed in its store. */
export interface MessagingSettingsStore {
  current(): MessagingSettings
  change(next: Partial<MessagingSettings>): Promise<MessagingSettings>
}

export async function loadMessagingSettings(store: SealedStore): Promise<MessagingSettingsStore> {
  const saved = settingsSchema.safeParse(await store.getJson(SETTINGS_RECORD))
  let settings: MessagingSettings = saved.success ? saved.data : DEFAULT_SETTINGS
  return {
    current: () => settings,
    async change(next) {
      const changed = { ...settings, ...next }
      await store.putJson(SETTINGS_RECORD, changed)
      settings = changed
      return settings
    },
  }
}
