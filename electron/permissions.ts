import type { Session } from 'electron'

/** Web permissions the renderer may use; every other request and check is denied. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write'])

export function isAllowedPermission(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission)
}

export function restrictPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    callback(isAllowedPermission(permission))
  })
  session.setPermissionCheckHandler((_webContents, permission) => isAllowedPermission(permission))
}
