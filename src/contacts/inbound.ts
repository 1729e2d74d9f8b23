import { randomBytes } from '@noble/hashes/utils.js'
import type { ProfileDocument } from '../accounts/profile-document.js'
import type { Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import { toBase64 } from '../crypto/bytes.js'
import { ContactMessage, ContactReply } from '../generated/contact.js'
import type { SealedStore } from '../store/sealed-store.js'
import { hex, publicKeyOf, type ContactBook } from './contact-book.js'
import type { ContactOutbox } from './contact-outbox.js'
import { PeerRefusedError } from './contact-protocol.js'
import { RequestBudget, checkedProfile, nameClash, prekeysOf } from './inbound-checks.js'
import type { OwnProfileMessage } from './own-profile.js'
import {
  contactName,
  contactProfileOf,
  ownInviteSchema,
  type ContactRecord,
  type PrekeyBundleRecord,
} from './records.js'

/**
 * Contact messages peers send us, once the connection authenticated them: a
 * request (through one of our invites, or from a stranger, each within its
 * limits) kept until we answer, an acceptance that makes them a contact, a
 * decline, a new profile — and the contact records these create and update,
 * with the warnings a changed key or a borrowed name raises.
 */
export interface ContactInbound {
  /** A contact message from `peerId`; a PeerRefusedError is the reply that refuses it. */
  onMessage(peerId: string, message: ContactMessage, addresses: readonly string[]): Promise<void>
  /** Makes `peerId` a contact (or refreshes the one we have) and returns its record. */
  addContact(
    peerId: string,
    doc: ProfileDocument | null,
    message: ContactMessage | null,
    addresses: readonly string[],
    prekeys: PrekeyBundleRecord | null,
  ): Promise<ContactRecord>
}

export interface ContactInboundContext {
  readonly book: ContactBook
  readonly store: SealedStore
  readonly clock: Clock
  readonly logger: Logger
  readonly outbox: Pick<ContactOutbox, 'enqueue' | 'waitingFor'>
  readonly ownProfileMessage: OwnProfileMessage
  /** Requests from strangers (not via one of our invites) waiting at once; beyond, refused. */
  readonly maxStrangerRequests?: number
}

const STRANGER_TOKENS = 3
const STRANGER_REFILL_MS = 5 * 60 * 1000
/** Requests waiting for an answer: through one reusable invite, and in all. */
const MAX_REQUESTS_PER_INVITE = 20
const MAX_PENDING_REQUESTS = 200

export function contactInbound(ctx: ContactInboundContext): ContactInbound {
  const { book, store, clock, outbox, ownProfileMessage } = ctx
  const log = ctx.logger
  const { contacts, profiles, requests } = book
  const budget = new RequestBudget(clock, STRANGER_TOKENS, STRANGER_REFILL_MS)
  const claimedInvites = new Set<string>()

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
    await book.saveContact({
      ...record,
      profileDocument: message.profileDocument,
      profileSignature: toBase64(message.profileSignature),
      agreementKey: doc.agreementKey,
      identityKey: doc.identityKey,
      keyChanged: record.keyChanged || keyChanged,
      verified: keyChanged ? false : record.verified,
    })
  }

  const addContact: ContactInbound['addContact'] = async (peerId, doc, message, addresses, prekeys) => {
    const existing = contacts.get(peerId)
    if (existing !== undefined) {
      if (doc !== null && message !== null) await applyProfile(existing, doc, message)
      const current = contacts.get(peerId) ?? existing
      if (prekeys !== null) await book.saveContact({ ...current, prekeys })
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
      lastSeen: book.isOnline(peerId) ? clock.now() : null,
      addresses: [...addresses].slice(0, 16),
      prekeys,
    }
    profiles.set(peerId, doc)
    await book.saveContact(record)
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

  const onRequest = async (peerId: string, message: ContactMessage, addresses: readonly string[]): Promise<void> => {
    const doc = checkedProfile(peerId, message)
    const prekeys = prekeysOf(message, doc)
    const contact = contacts.get(peerId)
    if (contact !== undefined) {
      // already a contact (they lost our acceptance, or re-added us): refresh and answer again
      if (!budget.take(peerId))
        throw new PeerRefusedError(ContactReply.Code.RATE_LIMITED, 'too many requests: try again later')
      await applyProfile(contact, doc, message)
      if (prekeys !== null) await book.saveContact({ ...(contacts.get(peerId) ?? contact), prekeys })
      book.announceContacts()
      if (!outbox.waitingFor(peerId, ContactMessage.Type.ACCEPT)) {
        await outbox.enqueue(peerId, await ownProfileMessage(ContactMessage.Type.ACCEPT))
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
      const previous = book.requestFrom(peerId, 'incoming')
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
      const max = ctx.maxStrangerRequests ?? 50
      if (strangers.length >= max && !strangers.some((r) => r.peerId === peerId)) {
        throw new PeerRefusedError(ContactReply.Code.TOO_MANY_PENDING, 'too many pending requests: try again later')
      }
    }
    const previous = book.requestFrom(peerId, 'incoming')
    if (
      previous === undefined &&
      [...requests.values()].filter((r) => r.direction === 'incoming').length >= MAX_PENDING_REQUESTS
    ) {
      throw new PeerRefusedError(ContactReply.Code.TOO_MANY_PENDING, 'too many pending requests: try again later')
    }
    await book.saveRequest({
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
    book.announceRequests()
  }

  const onMessage: ContactInbound['onMessage'] = async (peerId, message, addresses) => {
    if (book.isBlocked(peerId)) throw new PeerRefusedError(ContactReply.Code.REFUSED, 'refused')
    switch (message.type) {
      case ContactMessage.Type.REQUEST:
        await onRequest(peerId, message, addresses)
        return
      case ContactMessage.Type.ACCEPT: {
        const doc = checkedProfile(peerId, message)
        const outgoing = book.requestFrom(peerId, 'outgoing')
        if (outgoing === undefined && !contacts.has(peerId))
          throw new PeerRefusedError(ContactReply.Code.NO_REQUEST, 'no request to accept')
        const prekeys = prekeysOf(message, doc) ?? outgoing?.prekeys ?? null
        await addContact(peerId, doc, message, outgoing?.addresses ?? addresses, prekeys)
        if (outgoing !== undefined) await book.dropRequest(outgoing.requestId)
        log.info('contact request accepted by peer', { peer: peerId })
        book.announceContacts()
        book.announceRequests()
        return
      }
      case ContactMessage.Type.DECLINE: {
        const outgoing = book.requestFrom(peerId, 'outgoing')
        if (outgoing !== undefined) {
          await book.dropRequest(outgoing.requestId)
          book.announceRequests()
        }
        return
      }
      case ContactMessage.Type.PROFILE: {
        const contact = contacts.get(peerId)
        if (contact === undefined) throw new PeerRefusedError(ContactReply.Code.NOT_A_CONTACT, 'not a contact')
        await applyProfile(contact, checkedProfile(peerId, message), message)
        book.announceContacts()
        return
      }
      case ContactMessage.Type.UNKNOWN:
        throw new PeerRefusedError(ContactReply.Code.UNKNOWN_TYPE, 'unknown contact message type')
    }
  }

  return { onMessage, addContact }
}
