import { peerIdFromString } from '@libp2p/peer-id'
import type { Libp2p } from 'libp2p'
import {
  ApiFailure,
  type ApiEvent,
  type Contact,
  type ContactRequest,
  type CreatedInvite,
  type InvitePreview,
  type NearbyPeer,
  type OwnFingerprint,
  type SafetyNumber,
  type SignedProfileDocument,
} from '../api/index.js'
import type { UnlockedAccount } from '../accounts/account-manager.js'
import { fromBase64, owned } from '../crypto/bytes.js'
import { createBackgroundWork } from '../core/background.js'
import type { Clock } from '../core/clock.js'
import type { EventHub } from '../core/events.js'
import type { Logger } from '../core/logger.js'
import type { Outbox } from '../delivery/types.js'
import { ContactMessage } from '../generated/contact.js'
import type { PeerSessionKeys } from '../identity/peer-keys.js'
import { dmConversationId } from '../messages/ids.js'
import { loadContactBook, readDocument } from './contact-book.js'
import { createContactOutbox } from './contact-outbox.js'
import { CONTACT_PROTOCOL, serveContactStream } from './contact-protocol.js'
import { contactInbound } from './inbound.js'
import { contactInvites } from './invites.js'
import { contactNearby, loadNearbyVisible } from './nearby.js'
import { NO_PREKEYS, ownProfileMessages } from './own-profile.js'
import { contactReach, relaysOf } from './contact-reach.js'
import { contactProfileOf, toContact, type ContactRecord } from './records.js'
import { contactVerification, identityKeysOf } from './verification.js'

/**
 * The contacts of one unlocked account: the commands, wired from their parts —
 * the contact book (state and lookups, contact-book.ts), inbound contact
 * messages (inbound.ts), invites and outgoing requests (invites.ts), Nearby
 * (nearby.ts), verification (verification.ts) and the contact channel of the
 * outbox (contact-outbox.ts). Answering requests, renaming, removing and
 * blocking, presence and session keys are here.
 */

export interface ContactsServiceOptions {
  readonly account: UnlockedAccount
  readonly events: EventHub
  readonly clock: Clock
  readonly logger: Logger
  /** Our signed profile as contacts receive it. */
  readonly profileDocument: () => Promise<SignedProfileDocument>
  /** The name shown on our invites and to nearby people. */
  readonly displayName: () => Promise<string>
  /** The account's one outbox: contact messages are its `contact` channel. */
  readonly outbox: Outbox
  /** Requests from strangers (not via one of our invites) waiting at once; beyond, refused. */
  readonly maxStrangerRequests?: number
}

export interface ContactsService {
  /** Binds to a freshly started node (protocol handlers, presence), or unbinds (undefined). */
  attach(node: Libp2p | undefined): Promise<void>
  isBlocked(peerId: string): boolean
  createInvite(expiresInHours: number, singleUse: boolean): Promise<CreatedInvite>
  previewInvite(link: string): Promise<InvitePreview>
  acceptInvite(link: string, message: string): Promise<ContactRequest>
  list(): Contact[]
  /** The contact a conversation ID names (blocked ones too); undefined for anyone else. */
  peerOfConversation(conversationId: string): string | undefined
  requests(): ContactRequest[]
  respond(requestId: string, response: 'accept' | 'decline' | 'block'): Promise<Contact[]>
  rename(peerId: string, name: string): Promise<Contact>
  remove(peerId: string): Promise<void>
  block(peerId: string): Promise<void>
  unblock(peerId: string): Promise<void>
  safetyNumber(peerId: string): SafetyNumber
  verify(peerId: string, scannedPayload?: string): Promise<SafetyNumber>
  unverify(peerId: string): Promise<SafetyNumber>
  setNearbyVisible(visible: boolean): Promise<void>
  nearbyVisible(): boolean
  nearby(): NearbyPeer[]
  addNearby(peerId: string, message: string): Promise<ContactRequest>
  /** Our own short fingerprint, as invites and nearby people show it. */
  ownFingerprint(): OwnFingerprint
  /** The relays our contacts are reachable through (`…/p2p/<relay>`): extra bootstrap peers. */
  contactRelays(): string[]
  /** Our profile changed: send it to every contact. */
  profileChanged(): Promise<void>
  /**
   * A contact's keys for an end-to-end session: identity keys and the prekeys
   * they sent (signature already checked). Undefined for strangers and blocked peers.
   */
  sessionKeys(peerId: string): PeerSessionKeys | undefined
  /** A one-time prekey of theirs was used for a session: it must not be used again. */
  forgetOneTimePrekey(peerId: string): Promise<void>
  /** Called with contract events (peers connecting, disconnecting). */
  onNetworkEvent(event: ApiEvent): void
  stop(): Promise<void>
}

export type { PeerSessionKeys as ContactSessionKeys } from '../identity/peer-keys.js'

/** The prekey fields of a contact message that carries none. */
export { NO_PREKEYS } from './own-profile.js'

export async function createContactsService(options: ContactsServiceOptions): Promise<ContactsService> {
  const { account, events, clock } = options
  const store = account.store
  const log = options.logger
  const self = account.identity.peerId
  let node: Libp2p | undefined
  let stopped = false
  const hasStopped = (): boolean => stopped
  /** Work started by network events; `stop()` waits for it before the store closes. */
  const background = createBackgroundWork(log, 'contact')
  const inBackground = (work: () => Promise<unknown>): void => {
    if (!stopped) background.run(work)
  }
  const currentNode = (): Libp2p | undefined => node
  const displayName = (): Promise<string> => options.displayName()

  const book = await loadContactBook({ store, self, events, logger: log, node: currentNode })
  const { contacts, profiles, requests } = book
  const visible = await loadNearbyVisible(store)

  const delivered = async (peerId: string, message: ContactMessage): Promise<void> => {
    if (message.type !== ContactMessage.Type.REQUEST) return
    const request = book.requestFrom(peerId, 'outgoing')
    if (request !== undefined && request.state !== 'delivered') {
      await book.saveRequest({ ...request, state: 'delivered' })
      book.announceRequests()
    }
  }

  const outbox = await createContactOutbox({
    outbox: options.outbox,
    logger: log,
    node: currentNode,
    isStopped: hasStopped,
    isBlocked: (peerId) => book.isBlocked(peerId),
    delivered,
  })
  const { enqueue } = outbox

  const ownProfileMessage = ownProfileMessages({
    store,
    identity: account.identity,
    clock,
    profileDocument: () => options.profileDocument(),
  })
  const inbound = contactInbound({
    book,
    store,
    clock,
    logger: log,
    outbox,
    ownProfileMessage,
    maxStrangerRequests: options.maxStrangerRequests,
  })
  const invites = contactInvites({
    book,
    store,
    identity: account.identity,
    clock,
    displayName,
    node: currentNode,
    outbox,
    ownProfileMessage,
  })
  const nearby = contactNearby({
    book,
    store,
    events,
    identity: account.identity,
    clock,
    logger: log.child('nearby'),
    visible,
    displayName,
    node: currentNode,
    sendRequest: (peerId, name, message, addresses) => invites.sendRequest(peerId, name, message, addresses),
  })

  const reach = contactReach({
    book,
    clock,
    logger: log,
    changed: () => {
      book.announceContacts()
    },
    inBackground,
  })

  const sessionKeysOf = new WeakMap<ContactRecord, PeerSessionKeys>()
  const verification = contactVerification({
    self: account.identity,
    contact: (peerId) => book.requireContact(peerId),
    save: async (record) => {
      await book.saveContact(record)
      book.announceContacts()
    },
  })

  return {
    isBlocked: (peerId) => book.isBlocked(peerId),

    async attach(next) {
      node = next
      if (next === undefined) {
        reach.attach(undefined, false)
        nearby.detach()
        return
      }
      await next.handle(
        CONTACT_PROTOCOL,
        (stream, connection) => {
          const peerId = connection.remotePeer.toString()
          // where the peer listens (identify), never the port an inbound connection came from
          const dialled = connection.direction === 'outbound' ? [connection.remoteAddr.toString()] : []
          void serveContactStream(stream, async (message) => {
            const addresses = await book.listenAddressesOf(peerId, dialled)
            await inbound.onMessage(peerId, message, addresses)
          })
        },
        // requests and profiles are small: they travel through relays too
        { maxInboundStreams: 4, runOnLimitedConnection: true },
      )
      await nearby.attach(next)
      for (const contact of contacts.values()) book.remember(contact.peerId, contact.addresses)
      for (const request of requests.values()) book.remember(request.peerId, request.addresses)
      reach.attach(next, next.services.dht !== undefined)
      options.outbox.kick()
    },

    createInvite: (expiresInHours, singleUse) => invites.createInvite(expiresInHours, singleUse),
    previewInvite: (link) => invites.previewInvite(link),
    acceptInvite: (link, message) => invites.acceptInvite(link, message),

    list: () => book.list(),
    peerOfConversation: (conversationId) => book.peerOfConversation(conversationId),
    requests: () => book.requestList(),

    sessionKeys(peerId) {
      const record = contacts.get(peerId)
      if (record === undefined || record.blocked) return undefined
      // asked for on every message sent and received: decoded once per version of the record
      let keys = sessionKeysOf.get(record)
      if (keys === undefined) {
        keys = Object.freeze({ ...identityKeysOf(record), prekeys: record.prekeys ?? null })
        sessionKeysOf.set(record, keys)
      }
      return keys
    },

    async forgetOneTimePrekey(peerId) {
      const record = contacts.get(peerId)
      if (record?.prekeys?.oneTimePrekey == null) return
      await book.saveContact({ ...record, prekeys: { ...record.prekeys, oneTimePrekeyId: null, oneTimePrekey: null } })
    },

    async respond(requestId, response) {
      const request = requests.get(requestId)
      if (request?.direction !== 'incoming') throw new ApiFailure('NOT_FOUND', 'no such request')
      await book.dropRequest(requestId)
      if (response === 'accept') {
        const message: ContactMessage = {
          version: 1,
          type: ContactMessage.Type.REQUEST,
          inviteId: new Uint8Array(0),
          inviteSecret: new Uint8Array(0),
          message: '',
          profileDocument: request.profileDocument ?? '',
          profileSignature: owned(
            request.profileSignature === null ? new Uint8Array(0) : fromBase64(request.profileSignature),
          ),
          ...NO_PREKEYS,
        }
        const doc = readDocument(request.profileDocument, request.profileSignature)
        await inbound.addContact(
          request.peerId,
          doc,
          doc === null ? null : message,
          request.addresses,
          request.prekeys ?? null,
        )
        await enqueue(request.peerId, await ownProfileMessage(ContactMessage.Type.ACCEPT))
      } else if (response === 'decline') {
        await enqueue(request.peerId, await ownProfileMessage(ContactMessage.Type.DECLINE))
      } else {
        await book.blockStranger(request.peerId)
        await node?.hangUp(peerIdFromString(request.peerId)).catch(() => undefined)
      }
      book.announceRequests()
      book.announceContacts()
      return book.list()
    },

    async rename(peerId, name) {
      const record = book.requireContact(peerId)
      await book.saveContact({ ...record, localName: name.trim() === '' ? null : name.trim() })
      book.announceContacts()
      const updated = book.requireContact(peerId)
      return toContact(
        updated,
        contactProfileOf(profiles.get(peerId) ?? null),
        book.reachOf(peerId),
        dmConversationId(self, peerId),
      )
    },

    async remove(peerId) {
      const record = book.requireContact(peerId)
      if (record.blocked) {
        // removing someone from the list must not undo a block
        await book.blockStranger(peerId)
      }
      await book.removeContact(peerId)
      // nothing more goes to someone who is no longer a contact
      await outbox.dropPeer(peerId)
      book.announceContacts()
    },

    async block(peerId) {
      const record = contacts.get(peerId)
      if (record !== undefined) await book.saveContact({ ...record, blocked: true })
      else await book.blockStranger(peerId)
      for (const request of [...requests.values()].filter((r) => r.peerId === peerId))
        await book.dropRequest(request.requestId)
      await node?.hangUp(peerIdFromString(peerId)).catch(() => undefined)
      book.announceContacts()
      book.announceRequests()
    },

    async unblock(peerId) {
      const record = contacts.get(peerId)
      if (record !== undefined) await book.saveContact({ ...record, blocked: false })
      await book.unblockStranger(peerId)
      book.announceContacts()
    },

    safetyNumber: (peerId) => verification.safetyNumber(peerId),
    verify: (peerId, scannedPayload) => verification.verify(peerId, scannedPayload),
    unverify: (peerId) => verification.unverify(peerId),

    setNearbyVisible: (next) => nearby.setNearbyVisible(next),
    nearbyVisible: () => nearby.nearbyVisible(),
    nearby: () => nearby.nearby(),
    addNearby: (peerId, message) => nearby.addNearby(peerId, message),
    ownFingerprint: () => nearby.ownFingerprint(),
    contactRelays: () => relaysOf([...contacts.values()].filter((c) => !c.blocked)),

    async profileChanged() {
      const message = await ownProfileMessage(ContactMessage.Type.PROFILE)
      for (const contact of contacts.values()) {
        if (!contact.blocked) await enqueue(contact.peerId, message)
      }
    },

    onNetworkEvent(event) {
      if (event.name === 'peerConnected') {
        const peerId = event.payload.peerId
        const contact = contacts.get(peerId)
        if (contact !== undefined) {
          inBackground(async () => {
            await book.saveContact({
              ...contact,
              lastSeen: clock.now(),
              addresses: await book.listenAddressesOf(peerId, contact.addresses),
            })
            await reach.capture(peerId)
            book.announceContacts()
          })
        }
      } else if (event.name === 'peerDisconnected') {
        const peerId = event.payload.peerId
        const contact = contacts.get(peerId)
        if (contact !== undefined) {
          inBackground(async () => {
            await book.saveContact({ ...contact, lastSeen: clock.now() })
            book.announceContacts()
          })
          reach.lookSoon(peerId)
        }
      }
      // after the contact's own work, as before: a connecting peer is then asked who it is
      nearby.onNetworkEvent(event)
    },

    async stop() {
      stopped = true
      node = undefined
      nearby.stop()
      await background.stop()
    },
  }
}
