import { ed25519 } from '@noble/curves/ed25519.js'
import { InvalidProfileDocumentError, verifyProfile, type ProfileDocument } from '../accounts/profile-document.js'
import type { Clock } from '../core/clock.js'
import { fromBase64, toBase64 } from '../crypto/bytes.js'
import { ContactReply, type ContactMessage } from '../generated/contact.js'
import { PeerRefusedError } from './contact-protocol.js'
import { signedPrekeyMessage } from '../identity/prekeys.js'
import type { PrekeyBundleRecord } from './records.js'

/**
 * What an inbound contact message must pass before it changes anything: a
 * profile signed by (and naming) the peer the connection authenticated,
 * prekeys signed by its identity key, and the sender's budget of requests.
 */

/** A received profile must be signed by, and name, the peer the connection authenticated. */
export function checkedProfile(peerId: string, message: ContactMessage): ProfileDocument {
  let doc: ProfileDocument
  try {
    doc = verifyProfile({ document: message.profileDocument, signature: toBase64(message.profileSignature) })
  } catch (err) {
    throw new PeerRefusedError(
      ContactReply.Code.INVALID_PROFILE,
      err instanceof InvalidProfileDocumentError ? err.message : 'invalid profile',
    )
  }
  if (doc.peerId !== peerId) {
    throw new PeerRefusedError(ContactReply.Code.INVALID_PROFILE, 'the profile belongs to another peer')
  }
  return doc
}

/** The sender's prekeys, if the message carries them; a prekey its identity key did not sign is refused. */
export function prekeysOf(message: ContactMessage, doc: ProfileDocument): PrekeyBundleRecord | null {
  if (message.signedPrekey.length === 0) return null
  let valid: boolean
  try {
    valid =
      message.signedPrekey.length === 32 &&
      message.signedPrekeySignature.length === 64 &&
      ed25519.verify(
        message.signedPrekeySignature,
        signedPrekeyMessage(message.signedPrekeyId, message.signedPrekey),
        fromBase64(doc.identityKey),
        { zip215: false },
      )
  } catch {
    valid = false
  }
  if (!valid) {
    throw new PeerRefusedError(ContactReply.Code.INVALID_PREKEY, 'the prekey is not signed by the identity key')
  }
  const oneTime = message.oneTimePrekey.length === 32
  return {
    signedPrekeyId: message.signedPrekeyId,
    signedPrekey: toBase64(message.signedPrekey),
    signedPrekeySignature: toBase64(message.signedPrekeySignature),
    oneTimePrekeyId: oneTime ? message.oneTimePrekeyId : null,
    oneTimePrekey: oneTime ? toBase64(message.oneTimePrekey) : null,
  }
}

/** Each sender's budget of requests: `tokens` at most, one more every `refillMs`. */
export class RequestBudget {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>()

  constructor(
    private readonly clock: Clock,
    private readonly tokens: number,
    private readonly refillMs: number,
  ) {}

  /** Spends one of `peerId`'s tokens; false when none is left. */
  take(peerId: string): boolean {
    const now = this.clock.now()
    const bucket = this.buckets.get(peerId) ?? { tokens: this.tokens, updatedAt: now }
    const refill = Math.floor((now - bucket.updatedAt) / this.refillMs)
    if (refill > 0) {
      bucket.tokens = Math.min(this.tokens, bucket.tokens + refill)
      bucket.updatedAt = now
    }
    if (this.buckets.size > 10_000) this.buckets.clear()
    this.buckets.set(peerId, bucket)
    if (bucket.tokens <= 0) return false
    bucket.tokens -= 1
    return true
  }
}

/** Names someone else already uses among `others` (profile names, local names), lowercased. */
export function nameClash(
  doc: ProfileDocument,
  others: Iterable<{ readonly names: readonly (string | null | undefined)[]; readonly shown: string }>,
): string | null {
  const names = [doc.username, doc.fields.displayName ?? ''].filter((n) => n !== '').map((n) => n.toLowerCase())
  for (const other of others) {
    const theirs = other.names.filter((n): n is string => typeof n === 'string' && n !== '').map((n) => n.toLowerCase())
    if (names.some((n) => theirs.includes(n))) return other.shown
  }
  return null
}
