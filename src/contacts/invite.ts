import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { ed25519 } from '@noble/curves/ed25519.js'
import { INVITE_SCHEME, hasControl } from '../api/index.js'
import { concatBytes, utf8 } from '../crypto/bytes.js'
import { signedPrekeyMessage } from '../identity/prekeys.js'
import { Invite, SignedInvite } from '../generated/contact.js'

/**
 * Invites: everything a peer needs to reach and trust us, signed by our
 * identity key, as a `parley://invite/<base64url>` link (also the QR text).
 */
export const INVITE_VERSION = 1
export const INVITE_CONTEXT = 'parley/invite/v1\0'
export const MAX_INVITE_BYTES = 1536
export const MAX_INVITE_ADDRESSES = 8
const MAX_ADDRESS_BYTES = 256
const MAX_DISPLAY_NAME = 64

export class InvalidInviteError extends Error {
  override readonly name = 'InvalidInviteError'
}

export interface VerifiedInvite {
  readonly invite: Invite
  readonly peerId: string
  readonly addresses: readonly string[]
}

function signedBytes(inviteBytes: Uint8Array): Uint8Array {
  return concatBytes(utf8(INVITE_CONTEXT), inviteBytes)
}

export function encodeInviteLink(invite: Invite, signingSecret: Uint8Array): string {
  const inviteBytes = Invite.encode(invite)
  const signature = ed25519.sign(signedBytes(inviteBytes), signingSecret)
  const bytes = SignedInvite.encode({ invite: inviteBytes, signature })
  if (bytes.length > MAX_INVITE_BYTES) throw new Error('the invite is too large (too many addresses?)')
  return `${INVITE_SCHEME}${Buffer.from(bytes).toString('base64url')}`
}

/** Decodes and checks an invite link: form, limits, version, keys, signature, expiry. */
export function decodeInviteLink(link: string, now: number): VerifiedInvite {
  const text = link.trim()
  if (!text.startsWith(INVITE_SCHEME)) {
    throw new InvalidInviteError(`an invite link starts with ${INVITE_SCHEME}`)
  }
  const payload = text.slice(INVITE_SCHEME.length)
  if (!/^[A-Za-z0-9_-]+$/.test(payload))
    throw new InvalidInviteError('the invite link contains characters it cannot have')
  const bytes = Buffer.from(payload, 'base64url')
  if (bytes.length === 0 || bytes.length > MAX_INVITE_BYTES || bytes.toString('base64url') !== payload) {
    throw new InvalidInviteError('the invite link is damaged or incomplete')
  }
  let signed: SignedInvite
  let invite: Invite
  try {
    signed = SignedInvite.decode(bytes)
    invite = Invite.decode(signed.invite, { limits: { addresses: MAX_INVITE_ADDRESSES } })
  } catch {
    throw new InvalidInviteError('the invite link is damaged or incomplete')
  }
  if (invite.version !== INVITE_VERSION) {
    throw new InvalidInviteError(`this invite is from a newer version of Parley (format ${invite.version})`)
  }
  if (
    invite.identityKey.length !== 32 ||
    invite.agreementKey.length !== 32 ||
    invite.signedPrekey.length !== 32 ||
    invite.signedPrekeySignature.length !== 64 ||
    invite.oneTimePrekey.length !== 32 ||
    invite.inviteId.length !== 16 ||
    (invite.secret.length !== 0 && invite.secret.length !== 16) ||
    signed.signature.length !== 64
  ) {
    throw new InvalidInviteError('the invite link is damaged (a key has the wrong size)')
  }
  let valid: boolean
  try {
    valid = ed25519.verify(signed.signature, signedBytes(signed.invite), invite.identityKey, { zip215: false })
  } catch {
    valid = false
  }
  if (!valid) throw new InvalidInviteError('the invite is not signed by the key it names: it was altered or forged')
  let prekeyValid: boolean
  try {
    prekeyValid = ed25519.verify(
      invite.signedPrekeySignature,
      signedPrekeyMessage(invite.signedPrekeyId, invite.signedPrekey),
      invite.identityKey,
      { zip215: false },
    )
  } catch {
    prekeyValid = false
  }
  if (!prekeyValid) throw new InvalidInviteError('the invite carries a prekey its sender did not sign')
  if (invite.displayName.length > MAX_DISPLAY_NAME) throw new InvalidInviteError('the invite name is too long')
  if (hasControl(invite.displayName)) throw new InvalidInviteError('the invite name contains control characters')
  if (invite.expiresAt <= BigInt(now)) throw new InvalidInviteError('this invite has expired: ask for a new one')
  const peerId = peerIdFromPublicKey(publicKeyFromRaw(invite.identityKey)).toString()
  const addresses: string[] = []
  for (const raw of invite.addresses) {
    if (raw.length > MAX_ADDRESS_BYTES) throw new InvalidInviteError('the invite has an address that is too long')
    try {
      const ma = multiaddr(raw)
      const withPeer = ma.getComponents().some((c) => c.name === 'p2p') ? ma : ma.encapsulate(`/p2p/${peerId}`)
      addresses.push(withPeer.toString())
    } catch {
      throw new InvalidInviteError('the invite has a malformed address')
    }
  }
  return { invite, peerId, addresses }
}
