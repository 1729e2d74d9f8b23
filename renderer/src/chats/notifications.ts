import { useEffect, useState } from 'react'
import { findBridge } from '../api/bridge-client.js'

export type NotificationAccess = 'unsupported' | 'host' | NotificationPermission

/**
 * Whether this page shows desktop notifications itself: in a browser, through
 * the Notification API once allowed; inside Parley's Electron window the
 * desktop app shows them instead ('host').
 */
export function notificationAccess(): NotificationAccess {
  if (findBridge() !== undefined) {
    return 'host'
  }
  if (!('Notification' in window)) {
    return 'unsupported'
  }
  return Notification.permission
}

/**
 * The access as it is now, followed live: a permission granted or blocked in
 * the browser's site settings shows without a reload (the Permissions API's
 * change event where there is one, and a look again whenever the page comes
 * back into view).
 */
export function useNotificationAccess(): readonly [NotificationAccess, (access: NotificationAccess) => void] {
  const [access, setAccess] = useState<NotificationAccess>(notificationAccess)
  useEffect(() => {
    const look = (): void => {
      setAccess(notificationAccess())
    }
    let status: PermissionStatus | undefined
    let gone = false
    if ('permissions' in navigator && notificationAccess() !== 'host') {
      navigator.permissions.query({ name: 'notifications' }).then(
        (found) => {
          if (gone) return
          status = found
          status.addEventListener('change', look)
        },
        () => undefined,
      )
    }
    window.addEventListener('focus', look)
    document.addEventListener('visibilitychange', look)
    return () => {
      gone = true
      status?.removeEventListener('change', look)
      window.removeEventListener('focus', look)
      document.removeEventListener('visibilitychange', look)
    }
  }, [])
  return [access, setAccess]
}

/** Ask the browser; call only from a user gesture (a click). */
export async function requestNotificationAccess(): Promise<NotificationAccess> {
  if (notificationAccess() !== 'default') {
    return notificationAccess()
  }
  try {
    return await Notification.requestPermission()
  } catch {
    return notificationAccess()
  }
}

export interface ChatNotification {
  readonly title: string
  readonly body: string
  /** One notification per chat: a newer one replaces the older. */
  readonly tag: string
  readonly onClick: () => void
}

/** Show a desktop notification if the user allowed them; false if not shown. */
export function showNotification({ title, body, tag, onClick }: ChatNotification): boolean {
  if (notificationAccess() !== 'granted') {
    return false
  }
  try {
    const notification = new Notification(title, { body, tag, silent: false })
    notification.addEventListener('click', () => {
      window.focus()
      onClick()
      notification.close()
    })
    return true
  } catch {
    // some platforms only allow notifications from a service worker
    return false
  }
}
