import { z } from 'zod'
import type { Contact, ContactProfile, ContactReach, ContactRequest } from '../api/index.js'
import type { ProfileDocument } from '../accounts/profile-document.js'
import { prekeyBundleSchema } from '../identity/peer-keys.js'

export type { PrekeyBundleRecord } from '../identity/peer-keys.js'

/** What the store keeps per contact, request and own invite (all sealed; keys blinded). */
export const contactRecordSchema = z
  .object({
    v: z.literal(1),
    peerId: z.string(),
    localName: z.string().nullable(),
    profileDocument: z.string().nullable(),
    profileSignature: z.string().nullable(),
    identityKey: z.string(),
    agreementKey: z.string(),
    verified: z.boolean(),
    keyChanged: z.boolean(),
    blocked: z.boolean(),
    addedAt: z.number(),
    lastSeen: z.number().nullable(),
    addresses: z.array(z.string()).max(16),
    prekeys: prekeyBundleSchema.nullable().optional(),
    /**
     * The contact's own word on where it listens: its last signed peer record
     * (libp2p's envelope, base64), as identify delivered it, and when we got it.
     */
    announced: z
      .object({ envelope: z.string().max(8192), at: z.number() })
      .strict()
      .optional(),
  })
  .strict()
export type ContactRecord = z.infer<typeof contactRecordSchema>

export const requestRecordSchema = z
  .object({
    v: z.literal(1),
    requestId: z.string(),
    peerId: z.string(),
    direction: z.enum(['incoming', 'outgoing']),
    message: z.string(),
    createdAt: z.number(),
    viaInvite: z.boolean(),
    inviteId: z.string(),
    inviteSecret: z.string(),
    warning: z.string().nullable(),
    state: z.enum(['pending', 'sent', 'delivered']),
    profileDocument: z.string().nullable(),
    profileSignature: z.string().nullable(),
    addresses: z.array(z.string()).max(16),
    /** For outgoing requests: the name from the invite or the nearby list, until their profile arrives. */
    name: z.string().max(64).optional(),
    /** Incoming: the sender's prekeys; outgoing: the ones from the invite. */
    prekeys: prekeyBundleSchema.nullable().optional(),
  })
  .strict()
export type RequestRecord = z.infer<typeof requestRecordSchema>

export const ownInviteSchema = z
  .object({
    v: z.literal(1),
    inviteId: z.string(),
    secret: z.string(),
    singleUse: z.boolean(),
    expiresAt: z.number(),
    used: z.boolean(),
  })
  .strict()
export type OwnInvite = z.infer<typeof ownInviteSchema>

export const outboxRecordSchema = z
  .object({
    v: z.literal(1),
    id: z.string(),
    peerId: z.string(),
    message: z.string(),
    attempts: z.number(),
    createdAt: z.number(),
    /** Backoff: not retried by the timer before this time (a reconnection retries at once). */
    nextAttemptAt: z.number().optional(),
  })
  .strict()
export type OutboxRecord = z.infer<typeof outboxRecordSchema>

export function contactProfileOf(doc: ProfileDocument | null): ContactProfile | null {
  if (doc === null) return null
  return {
    username: doc.username,
    displayName: doc.fields.displayName ?? doc.username,
    fields: { ...doc.fields },
    avatar: doc.avatar ?? null,
    version: doc.version,
  }
}

/** The local name if set, else the display name from the profile, else the start of the peer ID. */
export function contactName(record: ContactRecord, profile: ContactProfile | null): string {
  return record.localName ?? profile?.displayName ?? record.peerId.slice(0, 12)
}

export function toContact(
  record: ContactRecord,
  profile: ContactProfile | null,
  reach: ContactReach,
  conversationId: string,
): Contact {
  return {
    peerId: record.peerId,
    conversationId,
    name: contactName(record, profile),
    localName: record.localName,
    profile,
    online: reach.state === 'lan' || reach.state === 'direct' || reach.state === 'relayed',
    reach,
    lastSeen: record.lastSeen,
    verified: record.verified,
    keyChanged: record.keyChanged,
    blocked: record.blocked,
    addedAt: record.addedAt,
  }
}

/** `fingerprint`: of the keys in the request's verified profile, when it has one. */
export function toRequest(
  record: RequestRecord,
  profile: ContactProfile | null,
  fingerprint: string | null = null,
): ContactRequest {
  const named =
    profile ??
    (record.name === undefined || record.name === ''
      ? null
      : { username: '', displayName: record.name, fields: {}, avatar: null, version: 0 })
  return {
    requestId: record.requestId,
    peerId: record.peerId,
    direction: record.direction,
    profile: named,
    message: record.message,
    createdAt: record.createdAt,
    viaInvite: record.viaInvite,
    warning: record.warning,
    state: record.state,
    fingerprint,
  }
}
