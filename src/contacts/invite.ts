import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { INVITE_SCHEME } from '../api/index.js'
import { checkDisplayName, InvalidInviteError } from './invite-checks.js'
import { shortFingerprint } from './safety-number.js'
import { decodeInviteCode, encodeInviteCode, inviteIdOf, inviteSecretOf, type InviteCode } from './invite-code.js'
import { LEGACY_FIRST_BYTE, decodeLegacyInvite } from './invite-legacy.js'
import type { PrekeyBundleRecord } from './records.js'

/**
 * Invites: what a peer needs to reach us and know it is us, signed by our
 * identity key, as a `parley://invite/<base64url>` link (also the QR text).
 * We issue format 2 (`invite-code.ts`); format 1 (`invite-legacy.ts`) is
 * still accepted. docs/PROTOCOL.md §6.1.
 */
export { InvalidInviteError } from './invite-checks.js'
export const MAX_INVITE_BYTES = 1536

/** An invite that passed every check, whichever format it came in. */
export interface VerifiedInvite {
  readonly format: 1 | 2
  readonly peerId: string
  readonly identityKey: Uint8Array
  readonly displayName: string
  /** Epoch ms. */
  readonly expiresAt: number
  /** What a contact request through this invite presents. */
  readonly inviteId: Uint8Array
  readonly secret: Uint8Array
  /** Dialable multiaddrs, each ending in `/p2p/<peerId>`. */
  readonly addresses: readonly string[]
  /** Format 1 carried the inviter's prekeys; format 2 leaves them to the answer. */
  readonly prekeys: PrekeyBundleRecord | null
  readonly fingerprint: string
}

export function encodeInviteLink(code: InviteCode, signingSecret: Uint8Array): string {
  const bytes = encodeInviteCode(code, signingSecret)
  if (bytes.length > MAX_INVITE_BYTES) throw new Error('the invite is too large (too many addresses?)')
  return `${INVITE_SCHEME}${Buffer.from(bytes).toString('base64url')}`
}

/** The link's bytes: the scheme, canonical base64url, a size within bounds. */
function linkBytes(link: string): Uint8Array {
  const text = link.trim()
  if (!text.startsWith(INVITE_SCHEME)) {
    throw new InvalidInviteError(`an invite link starts with ${INVITE_SCHEME}`)
  }
  const payload = text.slice(INVITE_SCHEME.length)
  if (!/^[A-Za-z0-9_-]+$/.test(payload))
    throw new InvalidInviteError('the invite link contains characters it cannot have')
  const bytes = Buffer.from(payload, 'base64url')
  if (bytes.length > MAX_INVITE_BYTES) throw new InvalidInviteError('the invite link is too long to be an invite')
  if (bytes.length === 0 || bytes.toString('base64url') !== payload) {
    throw new InvalidInviteError('the invite link is damaged or incomplete')
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

type Signed = Omit<VerifiedInvite, 'peerId' | 'addresses' | 'fingerprint'> & { readonly rawAddresses: Uint8Array[] }

function decodeEither(bytes: Uint8Array): Signed {
  if (bytes[0] === LEGACY_FIRST_BYTE) {
    const { invite, prekeys } = decodeLegacyInvite(bytes)
    return {
      format: 1,
      identityKey: invite.identityKey,
      displayName: invite.displayName,
      expiresAt: Number(invite.expiresAt),
      inviteId: invite.inviteId,
      secret: invite.secret,
      prekeys,
      rawAddresses: invite.addresses,
    }
  }
  const code = decodeInviteCode(bytes)
  return {
    format: 2,
    identityKey: code.identityKey,
    displayName: code.displayName,
    expiresAt: code.expiresAt * 1000,
    inviteId: inviteIdOf(code.token),
    secret: inviteSecretOf(code.token, code.singleUse),
    prekeys: null,
    rawAddresses: [...code.addresses],
  }
}

/** Decodes and checks an invite link: form, limits, version, keys, signatures, name, expiry, addresses. */
export function decodeInviteLink(link: string, now: number): VerifiedInvite {
  const { rawAddresses, ...signed } = decodeEither(linkBytes(link))
  checkDisplayName(signed.displayName)
  if (signed.expiresAt <= now) throw new InvalidInviteError('this invite has expired: ask for a new one')
  const peerId = peerIdFromPublicKey(publicKeyFromRaw(signed.identityKey)).toString()
  const addresses = rawAddresses.map((raw) => dialable(raw, peerId))
  return { ...signed, peerId, addresses, fingerprint: shortFingerprint(signed.identityKey) }
}

const MAX_ADDRESS_BYTES = 256

/** A carried address with our `/p2p/<peerId>` on the end; one naming another peer is refused. */
function dialable(raw: Uint8Array, peerId: string): string {
  if (raw.length > MAX_ADDRESS_BYTES) throw new InvalidInviteError('the invite has an address that is too long')
  let components
  let ma
  try {
    ma = multiaddr(raw)
    components = ma.getComponents()
  } catch {
    throw new InvalidInviteError('the invite has a malformed address')
  }
  const last = components.at(-1)
  if (last?.name !== 'p2p') return ma.encapsulate(`/p2p/${peerId}`).toString()
  if (last.value !== peerId) throw new InvalidInviteError('the invite has an address of another peer')
  return ma.toString()
}
