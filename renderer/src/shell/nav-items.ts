import type { RouteName } from '../router/router-context.js'

export interface NavItem {
  readonly route: RouteName
  readonly label: string
  /** What a count beside the item counts, singular and plural, e.g. ["request", "requests"]. */
  readonly counts?: readonly [one: string, many: string]
}

export const NAV_ITEMS: readonly NavItem[] = [
  { route: 'chats', label: 'Chats', counts: ['unread message', 'unread messages'] },
  { route: 'contacts', label: 'Contacts', counts: ['request', 'requests'] },
  { route: 'profile', label: 'Profile' },
  { route: 'network', label: 'Network' },
  { route: 'settings', label: 'Settings' },
]

/** The item's accessible name: its label, and the count when there is one ("Contacts, 1 request"). */
export function navItemName(item: NavItem, count: number): string {
  if (item.counts === undefined || count === 0) {
    return item.label
  }
  return `${item.label}, ${count} ${count === 1 ? item.counts[0] : item.counts[1]}`
}
