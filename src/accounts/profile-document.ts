import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import { ed25519 } from '@noble/curves/ed25519.js'
import { z } from 'zod'
import {
  PROFILE_TEXT_FIELDS,
  hasControl,
  avatarSchema,
  profileFieldsSchema,
  type Profile,
  type SignedProfileDocument,
} from '../api/index.js'
import { concatBytes, fromBase64, toBase64, utf8 } from '../crypto/bytes.js'
import { canonicalJson } from './canonical-json.js'
import { checkAvatar } from './image-check.js'
import type { Identity } from './identity.js'

/** The signed profile contacts receive: only what the person made visible to contacts. */
export const PROFILE_DOCUMENT_CONTEXT = 'parley/profile/v1\0'
export const MAX_PROFILE_DOCUMENT_BYTES = 96 * 1024

const documentSchema = z
  .object({
    type: z.literal('parley.profile'),
    v: z.literal(1),
    peerId: z.string().min(1).max(128),
    identityKey: z.string().length(44),
    agreementKey: z.string().length(44),
    version: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
    username: z.string().min(1).max(64),
    fields: profileFieldsSchema.partial(),
    avatar: avatarSchema.optional(),
  })
  .strict()

export type ProfileDocument = z.infer<typeof documentSchema>

export class InvalidProfileDocumentError extends Error {
  override readonly name = 'InvalidProfileDocumentError'
}

/** The fields (and avatar) a contact may see, under the person's own visibility choices. */
export function contactView(profile: Profile, identity: Identity): ProfileDocument {
  const fields: Partial<Record<(typeof PROFILE_TEXT_FIELDS)[number], string>> = {}
  for (const field of PROFILE_TEXT_FIELDS) {
    const value = profile.fields[field]
    if (profile.visibility[field] === 'contacts' && value !== '') fields[field] = value
  }
  return {
    type: 'parley.profile',
    v: 1,
    peerId: identity.peerId,
    identityKey: toBase64(identity.signingPublic),
    agreementKey: toBase64(identity.agreementPublic),
    version: profile.version,
    updatedAt: profile.updatedAt,
    username: profile.username,
    fields,
    ...(profile.visibility.avatar === 'contacts' && profile.avatar !== null ? { avatar: profile.avatar } : {}),
  }
}

function signedBytes(document: string): Uint8Array {
  return concatBytes(utf8(PROFILE_DOCUMENT_CONTEXT), utf8(document))
}

export function signProfile(profile: Profile, identity: Identity): SignedProfileDocument {
  const document = canonicalJson(contactView(profile, identity))
  return { document, signature: toBase64(ed25519.sign(signedBytes(document), identity.signingSecret)) }
}

/**
 * Checks a received profile: size, canonical form, schema, that the peer ID
 * belongs to the identity key, and the Ed25519 signature (strict RFC 8032).
 */
export function verifyProfile(signed: SignedProfileDocument): ProfileDocument {
  if (signed.document.length > MAX_PROFILE_DOCUMENT_BYTES) {
    throw new InvalidProfileDocumentError('the profile is too large')
  }
  let json: unknown
  try {
    json = JSON.parse(signed.document)
  } catch {
    throw new InvalidProfileDocumentError('the profile is not JSON')
  }
  const parsed = documentSchema.safeParse(json)
  if (!parsed.success) throw new InvalidProfileDocumentError('the profile does not follow the profile format')
  if (hasControl(parsed.data.username)) {
    throw new InvalidProfileDocumentError('the profile name contains control characters')
  }
  if (parsed.data.avatar !== undefined) {
    try {
      checkAvatar(parsed.data.avatar)
    } catch (err) {
      throw new InvalidProfileDocumentError(
        `the profile picture is invalid: ${err instanceof Error ? err.message : ''}`,
      )
    }
  }
  if (canonicalJson(parsed.data) !== signed.document) {
    throw new InvalidProfileDocumentError('the profile is not in canonical form')
  }
  let identityKey: Uint8Array
  let signature: Uint8Array
  try {
    identityKey = fromBase64(parsed.data.identityKey)
    signature = fromBase64(signed.signature)
  } catch {
    throw new InvalidProfileDocumentError('the profile has a malformed key or signature')
  }
  if (identityKey.length !== 32 || signature.length !== 64) {
    throw new InvalidProfileDocumentError('the profile has a malformed key or signature')
  }
  const peerId = peerIdFromPublicKey(publicKeyFromRaw(identityKey)).toString()
  if (peerId !== parsed.data.peerId) throw new InvalidProfileDocumentError('the profile names another peer')
  let valid: boolean
  try {
    valid = ed25519.verify(signature, signedBytes(signed.document), identityKey, { zip215: false })
  } catch {
    valid = false
  }
  if (!valid) throw new InvalidProfileDocumentError('the profile signature does not verify')
  return parsed.data
}
