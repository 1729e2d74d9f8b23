import { i18n } from '../i18n/i18n.js'
import type { RouteName } from '../router/router-context.js'

export interface NavItem {
  readonly route: RouteName
  /** Whether a count beside the item (unread messages, requests) goes into its name. */
  readonly counted: boolean
}

export const NAV_ITEMS: readonly NavItem[] = [
  { route: 'chats', counted: true },
  { route: 'contacts', counted: true },
  { route: 'profile', counted: false },
  { route: 'network', counted: false },
  { route: 'settings', counted: false },
]

/** The item's visible label, in the language on screen. */
export function navItemLabel(item: NavItem): string {
  return i18n.t(`common.nav.${item.route}`)
}

/** The item's accessible name: its label, and the count when there is one ("Contacts, 1 request"). */
export function navItemName(item: NavItem, count: number): string {
  if (!item.counted || count === 0) {
    return navItemLabel(item)
  }
  return item.route === 'chats'
    ? i18n.t('common.nav.chatsCount', { count })
    : i18n.t('common.nav.contactsCount', { count })
}
