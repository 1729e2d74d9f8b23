import type { SessionState } from './accounts.js'
import type { Contact, ContactRequest, NearbyPeer } from './contacts.js'
import type { MessageEventPayloads } from './messages.js'
import type { NetworkMode, NetworkStatus, PeerSummary, Reachability } from './model.js'
import type { Profile } from './profile.js'

/** Events: past-tense names, each with its payload type. */
export interface EventPayloads extends MessageEventPayloads {
  peerDiscovered: PeerSummary
  peerConnected: PeerSummary
  peerDisconnected: { readonly peerId: string }
  /** A connected peer's best route changed (a relayed connection upgraded to direct, or the reverse). */
  peerRouteChanged: PeerSummary
  /** Our reachability or our relay reservations changed. */
  reachabilityChanged: { readonly reachability: Reachability; readonly relays: readonly string[] }
  listenAddressesChanged: { readonly listenAddresses: readonly string[] }
  networkModeChanged: { readonly mode: NetworkMode; readonly status: NetworkStatus }
  /** An account was unlocked, locked, created, deleted or imported. */
  sessionChanged: SessionState
  profileUpdated: Profile
  /** The contact list changed: added, removed, renamed, verified, profile received, online or offline. */
  contactsChanged: { readonly contacts: readonly Contact[] }
  contactRequestsChanged: { readonly requests: readonly ContactRequest[] }
  nearbyChanged: { readonly nearby: readonly NearbyPeer[] }
}

export type EventName = keyof EventPayloads

export type ApiEvent = { [E in EventName]: { readonly name: E; readonly payload: EventPayloads[E] } }[EventName]

export const EVENT_NAMES: readonly EventName[] = [
  'peerDiscovered',
  'peerConnected',
  'peerDisconnected',
  'peerRouteChanged',
  'reachabilityChanged',
  'listenAddressesChanged',
  'networkModeChanged',
  'sessionChanged',
  'profileUpdated',
  'contactsChanged',
  'contactRequestsChanged',
  'nearbyChanged',
  'messagesChanged',
  'messagesRemoved',
  'conversationChanged',
  'typingChanged',
  'messageNotified',
]
