import type { RouteName } from '../router/router-context.js'

export interface NavItem {
  readonly route: RouteName
  readonly label: string
}

export const NAV_ITEMS: readonly NavItem[] = [
  { route: 'chats', label: 'Chats' },
  { route: 'contacts', label: 'Contacts' },
  { route: 'profile', label: 'Profile' },
  { route: 'network', label: 'Network' },
  { route: 'settings', label: 'Settings' },
]
