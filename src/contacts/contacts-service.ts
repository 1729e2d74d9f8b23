import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { randomBytes } from '@noble/hashes/utils.js'
import type { Libp2p } from 'libp2p'
import {
  ApiFailure,
  type ApiEvent,
  type Contact,
  type ContactRequest,
  type CreatedInvite,
  type InvitePreview,
  type NearbyPeer,
  type SafetyNumber,
  type SignedProfileDocument,
  hasControl,
} from '../api/index.js'
import type { UnlockedAccount } from '../accounts/account-manager.js'
import { verifyProfile, type ProfileDocument } from '../accounts/profile-document.js'
import { fromBase64, owned, toBase64, toHex } from '../crypto/bytes.js'
import { createBackgroundWork } from '../core/background.js'
import type { Clock } from '../core/clock.js'
import type { EventHub } from '../core/events.js'
import type { Logger } from '../core/logger.js'
import { dmConversationId } from '../messages/ids.js'
import { isLanMultiaddr } from '../network/lan-address.js'
import {
  CONTACT_MESSAGE_VERSION,
  CONTACT_PROTOCOL,
  NEARBY_PROTOCOL,
  PeerRefusedError,
  answerNearby,
  askNearby,
  serveContactStream,
} from './contact-protocol.js'
import { InvalidInviteError, MAX_INVITE_ADDRESSES, decodeInviteLink, encodeInviteLink } from './invite.js'
import { createContactOutbox } from './contact-outbox.js'
import type { Outbox } from '../delivery/types.js'
import { RequestBudget, checkedProfile, nameClash, prekeysOf } from './inbound-checks.js'
import { currentSignedPrekey, newOneTimePrekey } from '../identity/prekeys.js'
import type { PeerSessionKeys } from '../identity/peer-keys.js'
import {
  contactProfileOf,
  contactRecordSchema,
  ownInviteSchema,
  requestRecordSchema,
  contactName,
  toContact,
  toRequest,
  type ContactRecord,
  type PrekeyBundleRecord,
  type RequestRecord,
} from './records.js'
import { shortFingerprint } from './safety-number.js'
import { contactVerification, identityKeysOf } from './verification.js'
import { ContactMessage, ContactReply } from '../generated/contact.js'

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

const STRANGER_TOKENS = 3
const STRANGER_REFILL_MS = 5 * 60 * 1000
/** The prekey fields of a contact message that carries none. */
export const NO_PREKEYS = {
  signedPrekeyId: 0,
  signedPrekey: new Uint8Array(0),
  signedPrekeySignature: new Uint8Array(0),
  oneTimePrekeyId: 0,
  oneTimePrekey: new Uint8Array(0),
} as const satisfies Partial<ContactMessage>
/** Requests waiting for an answer: through one reusable invite, and in all. */
const MAX_REQUESTS_PER_INVITE = 20
const MAX_PENDING_REQUESTS = 200
const MAX_NEARBY = 200

function hex(bytes: Uint8Array): string {
  return toHex(bytes)
}

function publicKeyOf(peerId: string): Uint8Array {
  const key = peerIdFromString(peerId).publicKey
  if (key?.type !== 'Ed25519') throw new ApiFailure('INVALID_ARGUMENTS', 'not a Parley peer ID')
  return key.raw
}

export async function createContactsService(options: ContactsServiceOptions): Promise<ContactsService> {
  const { account, events, clock } = options
  const store = account.store
  const log = options.logger
  const self = account.identity.peerId
  const contacts = new Map<string, ContactRecord>()
  const profiles = new Map<string, ProfileDocument | null>()
  const requests = new Map<string, RequestRecord>()
  const blockedStrangers = new Set<string>()
  const nearbyPeers = new Map<string, NearbyPeer>()
  const budget = new RequestBudget(clock, STRANGER_TOKENS, STRANGER_REFILL_MS)
  let visible = false
  let node: Libp2p | undefined
  let stopped = false
  const claimedInvites = new Set<string>()
  const hasStopped = (): boolean => stopped
  /** Work started by network events; `stop()` waits for it before the store closes. */
  const background = createBackgroundWork(log, 'contact')
  const inBackground = (work: () => Promise<unknown>): void => {
    if (!stopped) background.run(work)
  }

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
  visible = ((await store.getJson('settings/nearby')) as { visible?: boolean } | undefined)?.visible === true

  function readDocument(document: string | null, signature: string | null): ProfileDocument | null {
    if (document === null || signature === null) return null
    try {
      return verifyProfile({ document, signature })
    } catch {
      return null
    }
  }

  const isOnline = (peerId: string): boolean =>
    node?.getConnections().some((c) => c.remotePeer.toString() === peerId) ?? false

  /** Conversation ID → contact, remade when a lookup misses. */
  const conversationPeers = new Map<string, string>()

  const list = (): Contact[] =>
    [...contacts.values()]
      .map((r) =>
        toContact(
          r,
          contactProfileOf(profiles.get(r.peerId) ?? null),
          isOnline(r.peerId),
          dmConversationId(self, r.peerId),
        ),
      )
      .sort((a, b) => a.name.localeCompare(b.name))

  const requestList = (): ContactRequest[] =>
    [...requests.values()]
      .map((r) => toRequest(r, contactProfileOf(readDocument(r.profileDocument, r.profileSignature))))
      .sort((a, b) => a.createdAt - b.createdAt)

  const announceContacts = (): void => {
    events.emit({ name: 'contactsChanged', payload: { contacts: list() } })
  }
  const announceRequests = (): void => {
    events.emit({ name: 'contactRequestsChanged', payload: { requests: requestList() } })
  }
  const announceNearby = (): void => {
    events.emit({ name: 'nearbyChanged', payload: { nearby: [...nearbyPeers.values()] } })
  }

  const saveContact = async (record: ContactRecord): Promise<void> => {
    contacts.set(record.peerId, record)
    await store.putJson(contactKey(record.peerId), record)
  }
  const saveRequest = async (record: RequestRecord): Promise<void> => {
    requests.set(record.requestId, record)
    await store.putJson(`request/${record.requestId}`, record)
  }
  const dropRequest = async (requestId: string): Promise<void> => {
    requests.delete(requestId)
    await store.del(`request/${requestId}`)
  }
  const requestFrom = (peerId: string, direction: RequestRecord['direction']): RequestRecord | undefined =>
    [...requests.values()].find((r) => r.peerId === peerId && r.direction === direction)

  /** Where a peer listens (learnt by identify), for dialling it later; the old list when unknown. */
  const listenAddressesOf = async (peerId: string, fallback: readonly string[]): Promise<string[]> => {
    try {
      const peer = await node?.peerStore.get(peerIdFromString(peerId))
      const known = peer?.addresses.map((a) => a.multiaddr.toString()) ?? []
      return known.length > 0 ? known.slice(0, 16) : [...fallback]
    } catch {
      return [...fallback]
    }
  }

  const isBlocked = (peerId: string): boolean => blockedStrangers.has(peerId) || contacts.get(peerId)?.blocked === true

  const remember = (peerId: string, addresses: readonly string[]): void => {
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
  }

  const delivered = async (peerId: string, message: ContactMessage): Promise<void> => {
    if (message.type !== ContactMessage.Type.REQUEST) return
    const request = requestFrom(peerId, 'outgoing')
    if (request !== undefined && request.state !== 'delivered') {
      await saveRequest({ ...request, state: 'delivered' })
      announceRequests()
    }
  }

  const outbox = await createContactOutbox({
    outbox: options.outbox,
    logger: log,
    node: () => node,
    isStopped: hasStopped,
    isBlocked,
    delivered,
  })
  const { enqueue } = outbox

  const ownProfileMessage = async (
    type: ContactMessage.Type,
    extra: Partial<ContactMessage> = {},
  ): Promise<ContactMessage> => {
    const signed = await options.profileDocument()
    const withPrekeys = type === ContactMessage.Type.REQUEST || type === ContactMessage.Type.ACCEPT
    const prekey = withPrekeys ? await currentSignedPrekey(store, account.identity, clock.now()) : undefined
    const oneTime = withPrekeys ? await newOneTimePrekey(store) : undefined
    return {
      version: CONTACT_MESSAGE_VERSION,
      type,
      inviteId: new Uint8Array(0),
      inviteSecret: new Uint8Array(0),
      message: '',
      profileDocument: signed.document,
      profileSignature: owned(fromBase64(signed.signature)),
      signedPrekeyId: prekey?.id ?? 0,
      signedPrekey: owned(prekey?.publicKey ?? new Uint8Array(0)),
      signedPrekeySignature: owned(prekey?.signature ?? new Uint8Array(0)),
      oneTimePrekeyId: oneTime?.id ?? 0,
      oneTimePrekey: owned(oneTime?.publicKey ?? new Uint8Array(0)),
      ...extra,
    }
  }

  /** Updates a contact from a verified profile; a different agreement key raises the key-change warning. */
  const applyProfile = async (record: ContactRecord, doc: ProfileDocument, message: ContactMessage): Promise<void> => {
    const known = profiles.get(record.peerId)
    if (
      known !== undefined &&
      known !== null &&
      doc.version < known.version &&
      doc.agreementKey === record.agreementKey
    ) {
      return // an older profile than the one we have
    }
    const keyChanged = doc.agreementKey !== record.agreementKey || doc.identityKey !== record.identityKey
    if (keyChanged) log.warn('a contact presented different keys', { peer: record.peerId })
    profiles.set(record.peerId, doc)
    await saveContact({
      ...record,
      profileDocument: message.profileDocument,
      profileSignature: toBase64(message.profileSignature),
      agreementKey: doc.agreementKey,
      identityKey: doc.identityKey,
      keyChanged: record.keyChanged || keyChanged,
      verified: keyChanged ? false : record.verified,
    })
  }

  const addContact = async (
    peerId: string,
    doc: ProfileDocument | null,
    message: ContactMessage | null,
    addresses: readonly string[],
    prekeys: PrekeyBundleRecord | null,
  ): Promise<ContactRecord> => {
    const existing = contacts.get(peerId)
    if (existing !== undefined) {
      if (doc !== null && message !== null) await applyProfile(existing, doc, message)
      const current = contacts.get(peerId) ?? existing
      if (prekeys !== null) await saveContact({ ...current, prekeys })
      return contacts.get(peerId) ?? current
    }
    const record: ContactRecord = {
      v: 1,
      peerId,
      localName: null,
      profileDocument: message?.profileDocument ?? null,
      profileSignature: message === null ? null : toBase64(message.profileSignature),
      identityKey: doc?.identityKey ?? toBase64(publicKeyOf(peerId)),
      agreementKey: doc?.agreementKey ?? '',
      verified: false,
      keyChanged: false,
      blocked: false,
      addedAt: clock.now(),
      lastSeen: isOnline(peerId) ? clock.now() : null,
      addresses: [...addresses].slice(0, 16),
      prekeys,
    }
    profiles.set(peerId, doc)
    await saveContact(record)
    return record
  }

  const nameWarning = (peerId: string, doc: ProfileDocument): string | null => {
    const clash = nameClash(
      doc,
      [...contacts.values()]
        .filter((contact) => contact.peerId !== peerId)
        .map((contact) => {
          const profile = contactProfileOf(profiles.get(contact.peerId) ?? null)
          return {
            names: [profile?.username, profile?.displayName, contact.localName],
            shown: contactName(contact, profile),
          }
        }),
    )
    return clash === null
      ? null
      : `This request uses the name of your contact "${clash}", but comes from a different identity. It may be someone else.`
  }

  // ── inbound contact messages ──
  const onRequest = async (peerId: string, message: ContactMessage, addresses: readonly string[]): Promise<void> => {
    const doc = checkedProfile(peerId, message)
    const prekeys = prekeysOf(message, doc)
    const contact = contacts.get(peerId)
    if (contact !== undefined) {
      // already a contact (they lost our acceptance, or re-added us): refresh and answer again
      if (!budget.take(peerId))
        throw new PeerRefusedError(ContactReply.Code.RATE_LIMITED, 'too many requests: try again later')
      await applyProfile(contact, doc, message)
      if (prekeys !== null) await saveContact({ ...(contacts.get(peerId) ?? contact), prekeys })
      announceContacts()
      if (!outbox.waitingFor(peerId, ContactMessage.Type.ACCEPT)) {
        await enqueue(peerId, await ownProfileMessage(ContactMessage.Type.ACCEPT))
      }
      return
    }
    let viaInvite = false
    if (message.inviteId.length > 0) {
      const inviteKey = `invite/${hex(message.inviteId)}`
      const parsed = ownInviteSchema.safeParse(await store.getJson(inviteKey))
      if (!parsed.success) throw new PeerRefusedError(ContactReply.Code.UNKNOWN_INVITE, 'unknown invite')
      const invite = parsed.data
      if (invite.expiresAt <= clock.now())
        throw new PeerRefusedError(ContactReply.Code.INVITE_EXPIRED, 'the invite has expired')
      if (invite.secret !== '' && invite.secret !== hex(message.inviteSecret))
        throw new PeerRefusedError(ContactReply.Code.WRONG_INVITE_SECRET, 'wrong invite secret')
      const previous = requestFrom(peerId, 'incoming')
      const again = previous?.inviteId === invite.inviteId
      if ((invite.used || claimedInvites.has(invite.inviteId)) && !again) {
        throw new PeerRefusedError(ContactReply.Code.INVITE_USED, 'the invite was already used')
      }
      if (!again) {
        const viaThis = [...requests.values()].filter(
          (r) => r.direction === 'incoming' && r.inviteId === invite.inviteId,
        )
        if (viaThis.length >= MAX_REQUESTS_PER_INVITE)
          throw new PeerRefusedError(ContactReply.Code.TOO_MANY_PENDING, 'too many requests for this invite')
        if (!budget.take(peerId))
          throw new PeerRefusedError(ContactReply.Code.RATE_LIMITED, 'too many requests: try again later')
      }
      if (invite.singleUse) {
        // claimed before the first await, so two peers racing with one link cannot both pass
        claimedInvites.add(invite.inviteId)
        await store.putJson(inviteKey, { ...invite, used: true })
      }
      viaInvite = true
    } else {
      if (!budget.take(peerId))
        throw new PeerRefusedError(ContactReply.Code.RATE_LIMITED, 'too many requests: try again later')
      const strangers = [...requests.values()].filter((r) => r.direction === 'incoming' && !r.viaInvite)
      const max = options.maxStrangerRequests ?? 50
      if (strangers.length >= max && !strangers.some((r) => r.peerId === peerId)) {
        throw new PeerRefusedError(ContactReply.Code.TOO_MANY_PENDING, 'too many pending requests: try again later')
      }
    }
    const previous = requestFrom(peerId, 'incoming')
    if (
      previous === undefined &&
      [...requests.values()].filter((r) => r.direction === 'incoming').length >= MAX_PENDING_REQUESTS
    ) {
      throw new PeerRefusedError(ContactReply.Code.TOO_MANY_PENDING, 'too many pending requests: try again later')
    }
    await saveRequest({
      v: 1,
      requestId: previous?.requestId ?? hex(randomBytes(16)),
      peerId,
      direction: 'incoming',
      message: message.message.slice(0, 500),
      createdAt: previous?.createdAt ?? clock.now(),
      viaInvite: viaInvite || previous?.viaInvite === true,
      inviteId: message.inviteId.length > 0 ? hex(message.inviteId) : (previous?.inviteId ?? ''),
      inviteSecret: '',
      warning: nameWarning(peerId, doc),
      state: 'pending',
      profileDocument: message.profileDocument,
      profileSignature: toBase64(message.profileSignature),
      addresses: [...addresses].slice(0, 16),
      prekeys,
    })
    log.info('contact request received', { peer: peerId, viaInvite })
    announceRequests()
  }

  const onMessage = async (peerId: string, message: ContactMessage, addresses: readonly string[]): Promise<void> => {
    if (isBlocked(peerId)) throw new PeerRefusedError(ContactReply.Code.REFUSED, 'refused')
    switch (message.type) {
      case ContactMessage.Type.REQUEST:
        await onRequest(peerId, message, addresses)
        return
      case ContactMessage.Type.ACCEPT: {
        const doc = checkedProfile(peerId, message)
        const outgoing = requestFrom(peerId, 'outgoing')
        if (outgoing === undefined && !contacts.has(peerId))
          throw new PeerRefusedError(ContactReply.Code.NO_REQUEST, 'no request to accept')
        const prekeys = prekeysOf(message, doc) ?? outgoing?.prekeys ?? null
        await addContact(peerId, doc, message, outgoing?.addresses ?? addresses, prekeys)
        if (outgoing !== undefined) await dropRequest(outgoing.requestId)
        log.info('contact request accepted by peer', { peer: peerId })
        announceContacts()
        announceRequests()
        return
      }
      case ContactMessage.Type.DECLINE: {
        const outgoing = requestFrom(peerId, 'outgoing')
        if (outgoing !== undefined) {
          await dropRequest(outgoing.requestId)
          announceRequests()
        }
        return
      }
      case ContactMessage.Type.PROFILE: {
        const contact = contacts.get(peerId)
        if (contact === undefined) throw new PeerRefusedError(ContactReply.Code.NOT_A_CONTACT, 'not a contact')
        await applyProfile(contact, checkedProfile(peerId, message), message)
        announceContacts()
        return
      }
      case ContactMessage.Type.UNKNOWN:
        throw new PeerRefusedError(ContactReply.Code.UNKNOWN_TYPE, 'unknown contact message type')
    }
  }

  // ── nearby ──
  const probeNearby = async (peerId: string): Promise<void> => {
    const current = node
    if (current === undefined || isBlocked(peerId)) return
    const onLan = current.getConnections(peerIdFromString(peerId)).some((c) => isLanMultiaddr(c.remoteAddr))
    if (!onLan) return
    const info = await askNearby(current, peerIdFromString(peerId))
    if (info?.agreementKey.length !== 32) {
      // announced even when nothing changed: the UI (and tests) learn the probe is done
      nearbyPeers.delete(peerId)
      announceNearby()
      return
    }
    if (nearbyPeers.size >= MAX_NEARBY && !nearbyPeers.has(peerId)) return
    if (hasControl(info.displayName) || info.displayName.trim() === '') return
    nearbyPeers.set(peerId, {
      peerId,
      displayName: info.displayName.slice(0, 64),
      fingerprint: shortFingerprint(publicKeyOf(peerId), info.agreementKey),
      isContact: contacts.has(peerId),
    })
    announceNearby()
  }

  const sessionKeysOf = new WeakMap<ContactRecord, PeerSessionKeys>()
  const requireContact = (peerId: string): ContactRecord => {
    const record = contacts.get(peerId)
    if (record === undefined) throw new ApiFailure('NOT_FOUND', 'no such contact')
    return record
  }
  const verification = contactVerification({
    self: account.identity,
    contact: requireContact,
    save: async (record) => {
      await saveContact(record)
      announceContacts()
    },
  })

  const sendRequest = async (
    peerId: string,
    name: string,
    message: string,
    addresses: readonly string[],
    invite?: { id: Uint8Array; secret: Uint8Array; prekeys: PrekeyBundleRecord },
  ): Promise<ContactRequest> => {
    if (peerId === self) throw new ApiFailure('INVALID_INVITE', 'this is your own invite')
    if (contacts.has(peerId)) throw new ApiFailure('CONFLICT', 'this person is already in your contacts')
    if (blockedStrangers.delete(peerId)) await store.del(blockedKey(peerId))
    remember(peerId, addresses)
    const previous = requestFrom(peerId, 'outgoing')
    const record: RequestRecord = {
      v: 1,
      requestId: previous?.requestId ?? hex(randomBytes(16)),
      peerId,
      direction: 'outgoing',
      message,
      createdAt: clock.now(),
      viaInvite: invite !== undefined,
      inviteId: invite === undefined ? '' : hex(invite.id),
      inviteSecret: invite === undefined ? '' : hex(invite.secret),
      warning: null,
      state: 'sent',
      profileDocument: null,
      profileSignature: null,
      addresses: [...addresses].slice(0, 16),
      name: name.slice(0, 64),
      prekeys: invite?.prekeys ?? previous?.prekeys ?? null,
    }
    await saveRequest(record)
    await enqueue(
      peerId,
      await ownProfileMessage(ContactMessage.Type.REQUEST, {
        message,
        inviteId: owned(invite?.id ?? new Uint8Array(0)),
        inviteSecret: owned(invite?.secret ?? new Uint8Array(0)),
      }),
    )
    announceRequests()
    return toRequest(record, null)
  }

  return {
    isBlocked,

    async attach(next) {
      node = next
      if (next === undefined) {
        if (nearbyPeers.size > 0) {
          nearbyPeers.clear()
          announceNearby()
        }
        return
      }
      await next.handle(
        CONTACT_PROTOCOL,
        (stream, connection) => {
          const peerId = connection.remotePeer.toString()
          const addresses = [connection.remoteAddr.toString()]
          void serveContactStream(stream, (message) => onMessage(peerId, message, addresses))
        },
        { maxInboundStreams: 4 },
      )
      await next.handle(
        NEARBY_PROTOCOL,
        async (stream, connection) => {
          await answerNearby(
            stream,
            // nearby means on this LAN: an internet peer never learns our name this way
            visible && isLanMultiaddr(connection.remoteAddr)
              ? {
                  version: 1,
                  displayName: await options.displayName(),
                  agreementKey: owned(account.identity.agreementPublic),
                }
              : undefined,
          )
        },
        { maxInboundStreams: 2 },
      )
      for (const contact of contacts.values()) remember(contact.peerId, contact.addresses)
      for (const request of requests.values()) remember(request.peerId, request.addresses)
      options.outbox.kick()
    },

    async createInvite(expiresInHours, singleUse) {
      const current = node
      const inviteId = randomBytes(16)
      const secret = singleUse ? randomBytes(16) : new Uint8Array(0)
      const now = clock.now()
      const expiresAt = now + expiresInHours * 3600 * 1000
      const prekey = await currentSignedPrekey(store, account.identity, now)
      const oneTime = await newOneTimePrekey(store)
      const addresses = (current?.getMultiaddrs() ?? [])
        .sort(
          (a, b) =>
            Number(isLanMultiaddr(b) && !a.toString().includes('/127.')) -
            Number(isLanMultiaddr(a) && !b.toString().includes('/127.')),
        )
        .slice(0, MAX_INVITE_ADDRESSES)
        .map((ma) => ma.decapsulateCode(421).bytes)
      const link = encodeInviteLink(
        {
          version: 1,
          inviteId: owned(inviteId),
          identityKey: owned(account.identity.signingPublic),
          agreementKey: owned(account.identity.agreementPublic),
          signedPrekeyId: prekey.id,
          signedPrekey: owned(prekey.publicKey),
          signedPrekeySignature: owned(prekey.signature),
          oneTimePrekeyId: oneTime.id,
          oneTimePrekey: owned(oneTime.publicKey),
          addresses: addresses.map(owned),
          displayName: (await options.displayName()).slice(0, 64),
          createdAt: BigInt(now),
          expiresAt: BigInt(expiresAt),
          secret: owned(secret),
        },
        account.identity.signingSecret,
      )
      await store.putJson(`invite/${hex(inviteId)}`, {
        v: 1,
        inviteId: hex(inviteId),
        secret: hex(secret),
        singleUse,
        expiresAt,
        used: false,
      })
      return { inviteId: hex(inviteId), link, expiresAt }
    },

    async previewInvite(link) {
      const verified = decodeOrFail(link, clock.now())
      await refuseSeen(verified.invite.inviteId)
      if (verified.peerId === self) throw new ApiFailure('INVALID_INVITE', 'this is your own invite')
      return {
        peerId: verified.peerId,
        displayName: verified.invite.displayName,
        expiresAt: Number(verified.invite.expiresAt),
        addresses: verified.addresses,
        fingerprint: shortFingerprint(verified.invite.identityKey, verified.invite.agreementKey),
        alreadyContact: contacts.has(verified.peerId),
      }
    },

    async acceptInvite(link, message) {
      const verified = decodeOrFail(link, clock.now())
      await refuseSeen(verified.invite.inviteId)
      const request = await sendRequest(verified.peerId, verified.invite.displayName, message, verified.addresses, {
        id: verified.invite.inviteId,
        secret: verified.invite.secret,
        // the invite's prekeys were checked against its identity key when it was decoded
        prekeys: {
          signedPrekeyId: verified.invite.signedPrekeyId,
          signedPrekey: toBase64(verified.invite.signedPrekey),
          signedPrekeySignature: toBase64(verified.invite.signedPrekeySignature),
          oneTimePrekeyId: verified.invite.oneTimePrekeyId,
          oneTimePrekey: toBase64(verified.invite.oneTimePrekey),
        },
      })
      // an invite is used once from this side: a replay of the same link is refused
      await store.putJson(`seen-invite/${store.blind(hex(verified.invite.inviteId))}`, { at: clock.now() })
      return request
    },

    list,
    peerOfConversation(conversationId) {
      const known = conversationPeers.get(conversationId)
      if (known !== undefined && contacts.has(known)) return known
      // a contact added since the map was made (or a stranger's ID): make it again
      conversationPeers.clear()
      for (const peerId of contacts.keys()) conversationPeers.set(dmConversationId(self, peerId), peerId)
      return conversationPeers.get(conversationId)
    },
    requests: requestList,

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
      await saveContact({ ...record, prekeys: { ...record.prekeys, oneTimePrekeyId: null, oneTimePrekey: null } })
    },

    async respond(requestId, response) {
      const request = requests.get(requestId)
      if (request?.direction !== 'incoming') throw new ApiFailure('NOT_FOUND', 'no such request')
      await dropRequest(requestId)
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
        await addContact(request.peerId, doc, doc === null ? null : message, request.addresses, request.prekeys ?? null)
        await enqueue(request.peerId, await ownProfileMessage(ContactMessage.Type.ACCEPT))
      } else if (response === 'decline') {
        await enqueue(request.peerId, await ownProfileMessage(ContactMessage.Type.DECLINE))
      } else {
        blockedStrangers.add(request.peerId)
        await store.putJson(blockedKey(request.peerId), { peerId: request.peerId })
        await node?.hangUp(peerIdFromString(request.peerId)).catch(() => undefined)
      }
      announceRequests()
      announceContacts()
      return list()
    },

    async rename(peerId, name) {
      const record = requireContact(peerId)
      await saveContact({ ...record, localName: name.trim() === '' ? null : name.trim() })
      announceContacts()
      const updated = requireContact(peerId)
      return toContact(
        updated,
        contactProfileOf(profiles.get(peerId) ?? null),
        isOnline(peerId),
        dmConversationId(self, peerId),
      )
    },

    async remove(peerId) {
      const record = requireContact(peerId)
      if (record.blocked) {
        // removing someone from the list must not undo a block
        blockedStrangers.add(peerId)
        await store.putJson(blockedKey(peerId), { peerId })
      }
      contacts.delete(peerId)
      profiles.delete(peerId)
      await store.del(contactKey(peerId))
      // nothing more goes to someone who is no longer a contact
      await outbox.dropPeer(peerId)
      announceContacts()
    },

    async block(peerId) {
      const record = contacts.get(peerId)
      if (record !== undefined) await saveContact({ ...record, blocked: true })
      else {
        blockedStrangers.add(peerId)
        await store.putJson(blockedKey(peerId), { peerId })
      }
      for (const request of [...requests.values()].filter((r) => r.peerId === peerId))
        await dropRequest(request.requestId)
      await node?.hangUp(peerIdFromString(peerId)).catch(() => undefined)
      announceContacts()
      announceRequests()
    },

    async unblock(peerId) {
      const record = contacts.get(peerId)
      if (record !== undefined) await saveContact({ ...record, blocked: false })
      blockedStrangers.delete(peerId)
      await store.del(blockedKey(peerId))
      announceContacts()
    },

    safetyNumber: (peerId) => verification.safetyNumber(peerId),
    verify: (peerId, scannedPayload) => verification.verify(peerId, scannedPayload),
    unverify: (peerId) => verification.unverify(peerId),

    async setNearbyVisible(next) {
      visible = next
      await store.putJson('settings/nearby', { visible })
    },
    nearbyVisible: () => visible,
    nearby: () => [...nearbyPeers.values()].map((p) => ({ ...p, isContact: contacts.has(p.peerId) })),

    async addNearby(peerId, message) {
      const peer = nearbyPeers.get(peerId)
      if (peer === undefined) throw new ApiFailure('NOT_FOUND', 'this peer is no longer nearby')
      const addresses = node?.getConnections(peerIdFromString(peerId)).map((c) => c.remoteAddr.toString()) ?? []
      return sendRequest(peerId, peer.displayName, message, addresses)
    },

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
            await saveContact({
              ...contact,
              lastSeen: clock.now(),
              addresses: await listenAddressesOf(peerId, contact.addresses),
            })
            announceContacts()
          })
        }
        inBackground(() => probeNearby(peerId))
      } else if (event.name === 'peerDisconnected') {
        const peerId = event.payload.peerId
        const contact = contacts.get(peerId)
        if (contact !== undefined) {
          inBackground(async () => {
            await saveContact({ ...contact, lastSeen: clock.now() })
            announceContacts()
          })
        }
        if (nearbyPeers.delete(peerId)) announceNearby()
      }
    },

    async stop() {
      stopped = true
      node = undefined
      await background.stop()
    },
  }

  function decodeOrFail(link: string, now: number): ReturnType<typeof decodeInviteLink> {
    try {
      return decodeInviteLink(link, now)
    } catch (err) {
      if (err instanceof InvalidInviteError) throw new ApiFailure('INVALID_INVITE', err.message)
      throw err
    }
  }

  async function refuseSeen(inviteId: Uint8Array): Promise<void> {
    if ((await store.get(`seen-invite/${store.blind(hex(inviteId))}`)) !== undefined) {
      throw new ApiFailure('INVALID_INVITE', 'this invite was already used: ask for a new one')
    }
  }
}

function z_blocked(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'peerId' in value && typeof value.peerId === 'string'
    ? value.peerId
    : undefined
}
