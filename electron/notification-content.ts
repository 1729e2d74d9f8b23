import type { ApiEvent, Contact } from '../src/api/index.js'

/**
 * Desktop notifications for new messages, shown by the main process (the
 * renderer shows none under Electron). Only while no Parley window has focus;
 * muted conversations never raise `messageNotified`.
 */
export interface NotificationContent {
  readonly title: string
  readonly body: string
}

const BODY_MAX = 140

/** What to show for an event, or null: pure, so it is tested without Electron. */
export function notificationFor(
  event: ApiEvent,
  contacts: readonly Pick<Contact, 'peerId' | 'name'>[],
  windowFocused: boolean,
): NotificationContent | null {
  if (event.name !== 'messageNotified' || windowFocused) return null
  const name = contacts.find((c) => c.peerId === event.payload.peerId)?.name ?? 'A contact'
  const body = event.payload.preview.replace(/\s+/g, ' ').trim()
  return { title: name, body: body.length > BODY_MAX ? `${body.slice(0, BODY_MAX - 1)}…` : body }
}
