import { BrowserWindow, Notification } from 'electron'
import type { Messenger } from '../src/core/messenger.js'
import { notificationFor } from './notification-content.js'

/**
 * Desktop notifications for new messages, shown by the main process (the
 * renderer shows none under Electron). Clicking one brings the window back.
 */
export function bindNotifications(
  messenger: Pick<Messenger, 'handlers' | 'subscribe'>,
  showWindow: () => void,
): () => void {
  return messenger.subscribe((event) => {
    if (event.name !== 'messageNotified' || !Notification.isSupported()) return
    void messenger.handlers.listContacts({}).then(
      (contacts) => {
        const content = notificationFor(event, contacts, BrowserWindow.getFocusedWindow() !== null)
        if (content === null) return
        const notification = new Notification({ title: content.title, body: content.body, silent: false })
        notification.on('click', showWindow)
        notification.show()
      },
      () => undefined,
    )
  })
}
