import type { Connection } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import type { Libp2p } from 'libp2p'
import { ApiFailure, type Contact, type ContactReach, type ContactRequest } from '../api/index.js'
import { bestRoute } from '../network/routes.js'
import { verifyProfile, type ProfileDocument } from '../accounts/profile-document.js'
import type { EventHub } from '../core/events.js'
import type { Logger } from '../core/logger.js'
import { fromBase64, toHex } from '../crypto/bytes.js'
import { dmConversationId } from '../messages/ids.js'
import type { SealedStore } from '../store/sealed-store.js'
import {
  contactProfileOf,
  contactRecordSchema,
  requestRecordSchema,
  toContact,
  toRequest,
  type ContactRecord,
  type RequestRecord,
} from './records.js'
import { shortFingerprint } from './safety-number.js'

/**
 * The contact book: what the contacts service knows and keeps — contacts and
 * their verified profiles, contact requests both ways, strangers we blocked —
 * loaded from the store once, and the lookups and writes every other part
 * goes through (the lists the UI shows and their announcements, who is
 * blocked, where a peer listens, which contact a conversation ID names).
 */
export interface ContactBook {
  /** Our own peer ID. */
  readonly self: string
  /** Contacts by peer ID (blocked ones too); changed only through `saveContact` and `removeContact`. */
  readonly contacts: ReadonlyMap<string, ContactRecord>
  /** Each contact's verified profile (null: none yet, or it did not verify). */
  readonly profiles: Map<string, ProfileDocument | null>
  /** Requests by request ID, incoming and outgoing; changed only through `saveRequest` and `dropRequest`. */
  readonly requests: ReadonlyMap<string, RequestRecord>
  list(): Contact[]
  requestList(): ContactRequest[]
  announceContacts(): void
  announceRequests(): void
  saveContact(record: ContactRecord): Promise<void>
  /** Forgets a contact and its profile. */
  removeContact(peerId: string): Promise<void>
  saveRequest(record: RequestRecord): Promise<void>
  dropRequest(requestId: string): Promise<void>
  requestFrom(peerId: string, direction: RequestRecord['direction']): RequestRecord | undefined
  /** The contact's record; throws NOT_FOUND for anyone else. */
  requireContact(peerId: string): ContactRecord
  isOnline(peerId: string): boolean
  /** How the contact is reached now (or looked for). */
  reachOf(peerId: string): ContactReach
  /** Marks a contact as looked for (dialled, searched in the DHT) or not; true when that changed. */
  setLooking(peerId: string, looking: boolean): boolean
  isBlocked(peerId: string): boolean
  /** Someone blocked who is not a contact. */
  isBlockedStranger(peerId: string): boolean
  blockStranger(peerId: string): Promise<void>
  unblockStranger(peerId: string): Promise<void>
  /** Where a peer listens (learnt by identify), for dialling it later; the old list when unknown. */
  listenAddressesOf(peerId: string, fallback: readonly string[]): Promise<string[]>
  /** Tells the node's peer store where a peer may be dialled. */
  remember(peerId: string, addresses: readonly string[]): void
  /** The contact a conversation ID names (blocked ones too); undefined for anyone else. */
  peerOfConversation(conversationId: string): string | undefined
}

export interface ContactBookContext {
  readonly store: SealedStore
  readonly self: string
  readonly events: EventHub
  readonly logger: Logger
  /** The running node, if any. */
  node(): Libp2p | undefined
}

export function hex(bytes: Uint8Array): string {
  return toHex(bytes)
}

export function publicKeyOf(peerId: string): Uint8Array {
  const key = peerIdFromString(peerId).publicKey
  if (key?.type !== 'Ed25519') throw new ApiFailure('INVALID_ARGUMENTS', 'not a Parley peer ID')
  return key.raw
}

/** A stored profile, verified again; null when there is none or it does not verify. */
export function readDocument(document: string | null, signature: string | null): ProfileDocument | null {
  if (document === null || signature === null) return null
  try {
    return verifyProfile({ document, signature })
  } catch {
    return null
  }
}

export async function loadContactBook(ctx: ContactBookContext): Promise<ContactBook> {
  const { store, self, events } = ctx
  const log = ctx.logger
  const contacts = new Map<string, ContactRecord>()
  const profiles = new Map<string, ProfileDocument | null>()
  const requests = new Map<string, RequestRecord>()
  const blockedStrangers = new Set<string>()

  const contactKey = (peerId: string): string => `contact/${store.blind(peerId)}`
  const blockedKey = (peerId: string): string => `blocked/${store.blind(peerId)}`

  // load what is stored
  for await (const [, value] of store.entries('contact/')) {
    const parsed = contactRecordSchema.safeParse(JSON.parse(Buffer.from(value).toString('utf8')))
    if (!parsed.success) continue
    contacts.set(parsed.data.peerId, parsed.data)
    profiles.set(parsed.data.peerId, readDocument(parsed.data.profileDocument, parsed.data.profileSignature))
  }
  for await (const [, value] of store.entries('request/')) {
    const parsed = requestRecordSchema.safeParse(JSON.parse(Buffer.from(value).toString('utf8')))
    if (parsed.success) requests.set(parsed.data.requestId, parsed.data)
  }
  for await (const [, value] of store.entries('blocked/')) {
    const parsed = z_blocked(JSON.parse(Buffer.from(value).toString('utf8')))
    if (parsed !== undefined) blockedStrangers.add(parsed)
  }

  const isOnline = (peerId: string): boolean =>
    ctx
      .node()
      ?.getConnections()
      .some((c) => c.remotePeer.toString() === peerId) ?? false

  /** Contacts being looked for now. */
  const looking = new Set<string>()
  /** Open connections by peer ID, made once for a whole list rather than once per contact. */
  const connectionsByPeer = (): Map<string, Connection[]> => {
    const byPeer = new Map<string, Connection[]>()
    for (const conn of ctx.node()?.getConnections() ?? []) {
      const id = conn.remotePeer.toString()
      byPeer.set(id, [...(byPeer.get(id) ?? []), conn])
    }
    return byPeer
  }
  const reachOf = (peerId: string, byPeer = connectionsByPeer()): ContactReach => {
    const route = bestRoute(byPeer.get(peerId) ?? [])
    if (route !== undefined) return { state: route.route, relayPeerId: route.relayPeerId }
    return { state: looking.has(peerId) ? 'looking' : 'unreachable', relayPeerId: null }
  }

  /** Conversation ID → contact, remade when a lookup misses. */
  const conversationPeers = new Map<string, string>()

  const list = (): Contact[] => {
    const byPeer = connectionsByPeer()
    return [...contacts.values()]
      .map((r) =>
        toContact(
          r,
          contactProfileOf(profiles.get(r.peerId) ?? null),
          reachOf(r.peerId, byPeer),
          dmConversationId(self, r.peerId),
        ),
      )
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  const requestList = (): ContactRequest[] =>
    [...requests.values()]
      .map((r) => {
        const doc = readDocument(r.profileDocument, r.profileSignature)
        const fingerprint = doc === null ? null : shortFingerprint(fromBase64(doc.identityKey))
        return toRequest(r, contactProfileOf(doc), fingerprint)
      })
      .sort((a, b) => a.createdAt - b.createdAt)

  const isBlocked = (peerId: string): boolean => blockedStrangers.has(peerId) || contacts.get(peerId)?.blocked === true

  return {
    self,
    contacts,
    profiles,
    requests,
    list,
    requestList,

    announceContacts() {
      events.emit({ name: 'contactsChanged', payload: { contacts: list() } })
    },
    announceRequests() {
      events.emit({ name: 'contactRequestsChanged', payload: { requests: requestList() } })
    },

    async saveContact(record) {
      contacts.set(record.peerId, record)
      await store.putJson(contactKey(record.peerId), record)
    },
    async removeContact(peerId) {
      contacts.delete(peerId)
      profiles.delete(peerId)
      await store.del(contactKey(peerId))
    },
    async saveRequest(record) {
      requests.set(record.requestId, record)
      await store.putJson(`request/${record.requestId}`, record)
    },
    async dropRequest(requestId) {
      requests.delete(requestId)
      await store.del(`request/${requestId}`)
    },
    requestFrom: (peerId, direction) =>
      [...requests.values()].find((r) => r.peerId === peerId && r.direction === direction),

    requireContact(peerId) {
      const record = contacts.get(peerId)
      if (record === undefined) throw new ApiFailure('NOT_FOUND', 'no such contact')
      return record
    },

    isOnline,
    reachOf: (peerId) => reachOf(peerId),
    setLooking(peerId, on) {
      if (looking.has(peerId) === on) return false
      if (on) looking.add(peerId)
      else looking.delete(peerId)
      return true
    },
    isBlocked,
    isBlockedStranger: (peerId) => blockedStrangers.has(peerId),
    async blockStranger(peerId) {
      blockedStrangers.add(peerId)
      await store.putJson(blockedKey(peerId), { peerId })
    },
    async unblockStranger(peerId) {
      blockedStrangers.delete(peerId)
      await store.del(blockedKey(peerId))
    },

    async listenAddressesOf(peerId, fallback) {
      try {
        const peer = await ctx.node()?.peerStore.get(peerIdFromString(peerId))
        const known = peer?.addresses.map((a) => a.multiaddr.toString()) ?? []
        return known.length > 0 ? known.slice(0, 16) : [...fallback]
      } catch {
        return [...fallback]
      }
    },

    remember(peerId, addresses) {
      const node = ctx.node()
      if (node === undefined || addresses.length === 0) return
      const multiaddrs = addresses.flatMap((a) => {
        try {
          return [multiaddr(a)]
        } catch {
          return []
        }
      })
      void node.peerStore.merge(peerIdFromString(peerId), { multiaddrs }).catch((err: unknown) => {
        log.debug('peer store merge failed', { error: err })
      })
    },

    peerOfConversation(conversationId) {
      const known = conversationPeers.get(conversationId)
      if (known !== undefined && contacts.has(known)) return known
      // a contact added since the map was made (or a stranger's ID): make it again
      conversationPeers.clear()
      for (const peerId of contacts.keys()) conversationPeers.set(dmConversationId(self, peerId), peerId)
      return conversationPeers.get(conversationId)
    },
  }
}

function z_blocked(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'peerId' in value && typeof value.peerId === 'string'
    ? value.peerId
    : undefined
}
