import type { ContactReach } from '../../../src/api/index.js'
import { i18n } from '../i18n/i18n.js'
import { shortPeerId } from './contact-labels.js'

/**
 * How a contact is reached, in words: "On the LAN", "Direct connection",
 * "Connected through relay 12D3KooW…", "Looking for Ana…", "Not reachable
 * right now". A relay is named by its shortened peer ID (`relayTitle` has it whole).
 */
export function reachText(reach: ContactReach, name: string): string {
  switch (reach.state) {
    case 'lan':
      return i18n.t('contacts.reach.lan')
    case 'direct':
      return i18n.t('contacts.reach.direct')
    case 'relayed':
      return reach.relayPeerId === null
        ? i18n.t('contacts.reach.relayedUnknown')
        : i18n.t('contacts.reach.relayed', { relay: shortPeerId(reach.relayPeerId) })
    case 'looking':
      return i18n.t('contacts.reach.looking', { name })
    case 'unreachable':
      return i18n.t('contacts.reach.unreachable')
  }
}

/** The relay's whole peer ID, for a tooltip; undefined when the contact is not reached through a relay. */
export function relayTitle(reach: ContactReach): string | undefined {
  return reach.state === 'relayed' && reach.relayPeerId !== null
    ? i18n.t('contacts.reach.relayTitle', { relay: reach.relayPeerId })
    : undefined
}
