import { z } from 'zod'
import {
  ADDRESSES_MAX,
  ADDRESS_MAX,
  LABEL_MAX,
  ROUTES,
  conversationIdSchema,
  peerIdSchema,
  type Route,
} from './model.js'
import { AVATAR_MAX_BYTES, AVATAR_MAX_DIMENSION, PROFILE_LIMITS, PROFILE_TEXT_FIELDS } from './profile.js'

/** Limits shared by the UI and the core. */
export const INVITE_MAX_LINK_LENGTH = 2048
export const CONTACT_NAME_MAX = 64
export const REQUEST_MESSAGE_MAX = 500
export const INVITE_SCHEME = 'parley://invite/'

export const inviteLinkSchema = z
  .string()
  .trim()
  .min(1, 'Paste an invite link')
  .max(INVITE_MAX_LINK_LENGTH, 'This is too long to be a Parley invite')

/** The fields of a contact's profile that they chose to show to contacts. */
export interface ContactProfile {
  readonly username: string
  readonly displayName: string
  readonly fields: Readonly<Record<string, string>>
  readonly avatar: {
    readonly mime: string
    readonly data: string
    readonly width: number
    readonly height: number
  } | null
  readonly version: number
}

export interface Contact {
  readonly peerId: string
  /** The direct conversation with this contact. */
  readonly conversationId: string
  /** What the UI shows: the local name if set, else the display name from the profile. */
  readonly name: string
  readonly localName: string | null
  readonly profile: ContactProfile | null
  readonly online: boolean
  /** How the contact is reached now, or that we are looking for it, or that it cannot be reached. */
  readonly reach: ContactReach
  /** Epoch ms of the last connection, null if never connected. */
  readonly lastSeen: number | null
  readonly verified: boolean
  /**
   * The loud warning: this contact's keys differ from the ones first seen (or
   * verified). Stays until the person re-verifies.
   */
  readonly keyChanged: boolean
  readonly blocked: boolean
  readonly addedAt: number
}

/**
 * A contact's route as the UI words it: connected over the LAN, directly or
 * through a relay (named by its peer ID); or not connected, while Parley looks
 * for it (dials its known addresses, asks the DHT), or after it gave up for now.
 */
export interface ContactReach {
  readonly state: Route | 'looking' | 'unreachable'
  readonly relayPeerId: string | null
}

export interface ContactRequest {
  readonly requestId: string
  readonly peerId: string
  readonly direction: 'incoming' | 'outgoing'
  readonly profile: ContactProfile | null
  readonly message: string
  readonly createdAt: number
  /** Incoming through one of our own invites (rather than a stranger or a nearby peer). */
  readonly viaInvite: boolean
  /** Set when the request resembles an existing contact (same name) under different keys. */
  readonly warning: string | null
  readonly state: 'pending' | 'sent' | 'delivered'
  /**
   * Short fingerprint of the keys the request's signed profile carries (the
   * same one their Nearby entry and invites show, to compare); null while no
   * profile of theirs is known (an outgoing request until they answer).
   */
  readonly fingerprint: string | null
}

export interface CreatedInvite {
  readonly inviteId: string
  /** `parley://invite/…`: the whole invite, also the QR code's text. */
  readonly link: string
  readonly expiresAt: number
}

export interface InvitePreview {
  readonly peerId: string
  readonly displayName: string
  readonly expiresAt: number
  readonly addresses: readonly string[]
  /** Short fingerprint of the inviter's identity, to compare with what they see. */
  readonly fingerprint: string
  /** Already a contact, or our own invite. */
  readonly alreadyContact: boolean
}

export interface SafetyNumber {
  readonly peerId: string
  /** 60 digits in 12 groups of 5, the same on both sides. */
  readonly digits: string
  /** The text the QR code holds; scanning the other side's compares both. */
  readonly qrPayload: string
  readonly verified: boolean
  readonly keyChanged: boolean
}

/** Where a nearby person stands with us: the card's state. */
export const NEARBY_RELATIONS = ['none', 'requestSent', 'requestReceived', 'contact'] as const
export type NearbyRelation = (typeof NEARBY_RELATIONS)[number]

export interface NearbyPeer {
  readonly peerId: string
  readonly displayName: string
  /** Short fingerprint of the keys they answered with: compare it with their `getOwnFingerprint`. */
  readonly fingerprint: string
  /** `relation === 'contact'`. */
  readonly isContact: boolean
  readonly relation: NearbyRelation
  /** The request waiting between us (sent or received: answer it with `respondToRequest`), else null. */
  readonly requestId: string | null
}

/** Our own identity as others see it: the fingerprint our invites and Nearby entry show. */
export interface OwnFingerprint {
  readonly peerId: string
  readonly fingerprint: string
}

export const peerIdArg = peerIdSchema

const requestIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a request ID')
const timeSchema = z.number().nonnegative()
/** The longest profile field (a web address). */
const FIELD_VALUE_MAX = Math.max(...Object.values(PROFILE_LIMITS))

export const contactProfileSchema = z.object({
  /** Empty while only a name is known (a request sent from an invite, before their answer). */
  username: z.string().max(64),
  displayName: z.string().max(Math.max(PROFILE_LIMITS.displayName, 64)),
  fields: z
    .record(z.string().max(32), z.string().max(FIELD_VALUE_MAX))
    .refine((fields) => Object.keys(fields).length <= PROFILE_TEXT_FIELDS.length, 'too many profile fields'),
  avatar: z
    .object({
      mime: z.string().max(64),
      data: z.string().max(Math.ceil(AVATAR_MAX_BYTES / 3) * 4),
      width: z.number().int().min(1).max(AVATAR_MAX_DIMENSION),
      height: z.number().int().min(1).max(AVATAR_MAX_DIMENSION),
    })
    .nullable(),
  version: z.number().int().nonnegative(),
})

export const contactSchema = z.object({
  peerId: peerIdSchema,
  conversationId: conversationIdSchema,
  name: z.string().max(LABEL_MAX),
  localName: z.string().max(CONTACT_NAME_MAX).nullable(),
  profile: contactProfileSchema.nullable(),
  online: z.boolean(),
  reach: z.object({
    state: z.enum([...ROUTES, 'looking', 'unreachable']),
    relayPeerId: peerIdSchema.nullable(),
  }),
  lastSeen: timeSchema.nullable(),
  verified: z.boolean(),
  keyChanged: z.boolean(),
  blocked: z.boolean(),
  addedAt: timeSchema,
})

export const contactRequestSchema = z.object({
  requestId: requestIdSchema,
  peerId: peerIdSchema,
  direction: z.enum(['incoming', 'outgoing']),
  profile: contactProfileSchema.nullable(),
  message: z.string().max(REQUEST_MESSAGE_MAX),
  createdAt: timeSchema,
  viaInvite: z.boolean(),
  warning: z.string().max(1024).nullable(),
  state: z.enum(['pending', 'sent', 'delivered']),
  fingerprint: z.string().max(LABEL_MAX).nullable(),
})

export const createdInviteSchema = z.object({
  inviteId: z.string().max(LABEL_MAX),
  link: z.string().max(INVITE_MAX_LINK_LENGTH),
  expiresAt: timeSchema,
})

export const invitePreviewSchema = z.object({
  peerId: peerIdSchema,
  displayName: z.string().max(LABEL_MAX),
  expiresAt: timeSchema,
  addresses: z.array(z.string().max(ADDRESS_MAX)).max(ADDRESSES_MAX).readonly(),
  fingerprint: z.string().max(LABEL_MAX),
  alreadyContact: z.boolean(),
})

export const safetyNumberSchema = z.object({
  peerId: peerIdSchema,
  digits: z.string().max(LABEL_MAX),
  qrPayload: z.string().max(512),
  verified: z.boolean(),
  keyChanged: z.boolean(),
})

export const nearbyPeerSchema = z.object({
  peerId: peerIdSchema,
  displayName: z.string().max(LABEL_MAX),
  fingerprint: z.string().max(LABEL_MAX),
  isContact: z.boolean(),
  relation: z.enum(NEARBY_RELATIONS),
  requestId: requestIdSchema.nullable(),
})

export const ownFingerprintSchema = z.object({
  peerId: peerIdSchema,
  fingerprint: z.string().max(LABEL_MAX),
})

/**
 * "Send by email": the invite inside a message the person can still edit,
 * opened in their own mail client. Parley itself sends nothing.
 */
export function buildInviteMailto(input: { yourName: string; to: string; message: string; link: string }): string {
  const name = input.yourName.trim() === '' ? 'A friend' : input.yourName.trim()
  const subject = `${name} invites you to chat on Parley`
  const body = [
    input.message.trim(),
    '',
    `${name} would like to chat with you on Parley, a private messenger that works without any server.`,
    'Install Parley, then open this invite in it (Contacts → Add a contact → paste the link):',
    '',
    input.link,
    '',
    'The invite expires; ask for a new one if it does.',
  ]
    .join('\r\n')
    .replace(/^\r\n\r\n/, '')
  const to = input.to
    .split(',')
    .map((address) => encodeURIComponent(address.trim()))
    .filter((address) => address !== '')
    .join(',')
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`
}
