import type { ParseKeys } from 'i18next'
import type { Contact, ContactProfile } from '../../../src/api/index.js'
import { formatDate, formatRelative } from '../i18n/format.js'
import { i18n } from '../i18n/i18n.js'

/** How long a new invite lasts: the choices, in hours, and the key of each one's label. */
export const INVITE_EXPIRY_OPTIONS: readonly { readonly hours: number; readonly label: ParseKeys }[] = [
  { hours: 1, label: 'contacts.expiry.hour' },
  { hours: 24, label: 'contacts.expiry.day' },
  { hours: 24 * 7, label: 'contacts.expiry.week' },
  { hours: 24 * 30, label: 'contacts.expiry.month' },
]

export const DEFAULT_INVITE_HOURS = 24 * 7

/** The start and the end of a peer ID, enough to tell two apart at a glance. */
export function shortPeerId(peerId: string): string {
  return peerId.length <= 16 ? peerId : `${peerId.slice(0, 8)}…${peerId.slice(-6)}`
}

/** The name a person chose for themselves, or what we can say instead. */
export function profileName(profile: ContactProfile | null, peerId: string): string {
  const name = [profile?.displayName, profile?.username].map((text) => text?.trim() ?? '').find((text) => text !== '')
  return name ?? i18n.t('contacts.someone', { id: shortPeerId(peerId) })
}

const STEPS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
]

/** "5 minutes ago", "yesterday", or the date for anything older than a week. */
export function timeAgo(at: number, now = Date.now()): string {
  const elapsed = Math.max(0, now - at)
  if (elapsed < 60_000) {
    return i18n.t('contacts.justNow')
  }
  if (elapsed > 7 * 86_400_000) {
    return i18n.t('contacts.onDate', { date: formatDate(at, 'date') })
  }
  const [unit, size] = STEPS.findLast(([, ms]) => elapsed >= ms) ?? ['minute', 60_000]
  return formatRelative(-Math.floor(elapsed / size), unit)
}

/** "online", or "offline, last seen 5 minutes ago". */
export function presenceText(contact: Pick<Contact, 'online' | 'lastSeen'>, now = Date.now()): string {
  if (contact.online) {
    return i18n.t('contacts.online')
  }
  return contact.lastSeen === null
    ? i18n.t('contacts.offlineNeverSeen')
    : i18n.t('contacts.offlineSeen', { when: timeAgo(contact.lastSeen, now) })
}

/** "12 May 2025, 14:03 (in 7 days)". */
export function expiryText(expiresAt: number, now = Date.now()): string {
  const left = expiresAt - now
  const when = formatDate(expiresAt, 'medium')
  if (left <= 0) {
    return i18n.t('contacts.expired', { when })
  }
  const [unit, size] = STEPS.findLast(([, ms]) => left >= ms) ?? ['minute', 60_000]
  return i18n.t('contacts.expiresIn', { when, left: formatRelative(Math.max(1, Math.round(left / size)), unit) })
}

/** The safety number's 60 digits as 12 groups of 5, whatever spacing the core used. */
export function digitGroups(digits: string): string[] {
  const plain = digits.replace(/\D/g, '')
  const groups: string[] = []
  for (let i = 0; i < plain.length; i += 5) {
    groups.push(plain.slice(i, i + 5))
  }
  return groups
}
