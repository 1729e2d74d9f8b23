import type { Contact, ContactProfile } from '../../../src/api/index.js'

/** How long a new invite lasts: the choices, in hours. */
export const INVITE_EXPIRY_OPTIONS: readonly { readonly hours: number; readonly label: string }[] = [
  { hours: 1, label: '1 hour' },
  { hours: 24, label: '1 day' },
  { hours: 24 * 7, label: '7 days' },
  { hours: 24 * 30, label: '30 days' },
]

export const DEFAULT_INVITE_HOURS = 24 * 7

/** The start and the end of a peer ID, enough to tell two apart at a glance. */
export function shortPeerId(peerId: string): string {
  return peerId.length <= 16 ? peerId : `${peerId.slice(0, 8)}…${peerId.slice(-6)}`
}

/** The name a person chose for themselves, or what we can say instead. */
export function profileName(profile: ContactProfile | null, peerId: string): string {
  const name = [profile?.displayName, profile?.username].map((text) => text?.trim() ?? '').find((text) => text !== '')
  return name ?? `Someone (${shortPeerId(peerId)})`
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })
const STEPS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
]

/** "5 minutes ago", "yesterday", or the date for anything older than a week. */
export function timeAgo(at: number, now = Date.now()): string {
  const elapsed = Math.max(0, now - at)
  if (elapsed < 60_000) {
    return 'just now'
  }
  if (elapsed > 7 * 86_400_000) {
    return `on ${new Date(at).toLocaleDateString()}`
  }
  const [unit, size] = STEPS.findLast(([, ms]) => elapsed >= ms) ?? ['minute', 60_000]
  return RELATIVE.format(-Math.floor(elapsed / size), unit)
}

/** "online", or "offline, last seen 5 minutes ago". */
export function presenceText(contact: Pick<Contact, 'online' | 'lastSeen'>, now = Date.now()): string {
  if (contact.online) {
    return 'online'
  }
  return contact.lastSeen === null ? 'offline, not seen yet' : `offline, last seen ${timeAgo(contact.lastSeen, now)}`
}

/** "12 May 2025, 14:03 (in 7 days)". */
export function expiryText(expiresAt: number, now = Date.now()): string {
  const left = expiresAt - now
  const when = new Date(expiresAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
  if (left <= 0) {
    return `${when} (expired)`
  }
  const [unit, size] = STEPS.findLast(([, ms]) => left >= ms) ?? ['minute', 60_000]
  return `${when} (${RELATIVE.format(Math.max(1, Math.round(left / size)), unit)})`
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
