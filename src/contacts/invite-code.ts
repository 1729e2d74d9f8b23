import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, owned, utf8 } from '../crypto/bytes.js'
import { InvalidInviteError, verifiesStrictly } from './invite-checks.js'

/**
 * The compact invite (format 2): a fixed byte layout, signed by the
 * inviter's identity key. docs/PROTOCOL.md §6.1 gives it byte by byte:
 *
 *     offset  size  field
 *     0       1     version = 2
 *     1       1     flags: bit 0 = single use; the other bits are 0
 *     2       16    token (random): the invite ID and secret derive from it
 *     18      32    identity key (Ed25519; the peer ID derives from it)
 *     50      4     expires at: seconds since the epoch, u32 big-endian
 *     54      1     n = length of the display name in UTF-8 bytes
 *     55      n     display name (UTF-8)
 *     55+n    1     k = number of addresses (at most 8)
 *     …       k×    each: 1 byte L (1 to 255), then L bytes of binary multiaddr
 *     end-64  64    Ed25519(identity key, "parley/invite/v2\0" ‖ every byte before it)
 *
 * What it leaves out of format 1: the prekeys (the answer, ACCEPT, brings
 * them), the agreement key (in the signed profile the answer brings), the
 * creation time, and a separate ID and secret (one token gives both).
 */
export const INVITE_CODE_VERSION = 2
export const INVITE_CODE_CONTEXT = 'parley/invite/v2\0'
export const INVITE_TOKEN_BYTES = 16
export const MAX_CODE_ADDRESSES = 8
const SINGLE_USE = 0x01
const HEADER_BYTES = 1 + 1 + INVITE_TOKEN_BYTES + 32 + 4
const SIGNATURE_BYTES = 64
const ID_CONTEXT = 'parley/invite/v2/id\0'
const SECRET_CONTEXT = 'parley/invite/v2/secret\0'

export interface InviteCode {
  readonly singleUse: boolean
  readonly token: Uint8Array
  readonly identityKey: Uint8Array
  /** Seconds since the epoch. */
  readonly expiresAt: number
  readonly displayName: string
  /** Binary multiaddrs, without `/p2p`. */
  readonly addresses: readonly Uint8Array[]
}

/** The invite ID the inviter keeps and the accepter presents: SHA-256("parley/invite/v2/id\0" ‖ token), first 16 bytes. */
export function inviteIdOf(token: Uint8Array): Uint8Array<ArrayBuffer> {
  return owned(sha256(concatBytes(utf8(ID_CONTEXT), token)).subarray(0, 16))
}

/** A single-use invite's secret: SHA-256("parley/invite/v2/secret\0" ‖ token), first 16 bytes; none otherwise. */
export function inviteSecretOf(token: Uint8Array, singleUse: boolean): Uint8Array<ArrayBuffer> {
  return owned(singleUse ? sha256(concatBytes(utf8(SECRET_CONTEXT), token)).subarray(0, 16) : new Uint8Array(0))
}

function signedPart(body: Uint8Array): Uint8Array {
  return concatBytes(utf8(INVITE_CODE_CONTEXT), body)
}

export function encodeInviteCode(code: InviteCode, signingSecret: Uint8Array): Uint8Array {
  const name = utf8(code.displayName)
  if (code.token.length !== INVITE_TOKEN_BYTES || code.identityKey.length !== 32) {
    throw new Error('an invite token has 16 bytes and an identity key 32')
  }
  if (!Number.isInteger(code.expiresAt) || code.expiresAt < 0 || code.expiresAt > 0xffffffff) {
    throw new Error('an invite expires within 32 bits of seconds')
  }
  if (name.length > 255) throw new Error('the invite name is too long')
  if (code.addresses.length > MAX_CODE_ADDRESSES || code.addresses.some((a) => a.length < 1 || a.length > 255)) {
    throw new Error('an invite carries at most 8 addresses of 1 to 255 bytes')
  }
  const header = new Uint8Array(HEADER_BYTES)
  header[0] = INVITE_CODE_VERSION
  header[1] = code.singleUse ? SINGLE_USE : 0
  header.set(code.token, 2)
  header.set(code.identityKey, 18)
  new DataView(header.buffer).setUint32(50, code.expiresAt, false)
  const body = concatBytes(
    header,
    Uint8Array.of(name.length),
    name,
    Uint8Array.of(code.addresses.length),
    ...code.addresses.flatMap((a) => [Uint8Array.of(a.length), a]),
  )
  return concatBytes(body, ed25519.sign(signedPart(body), signingSecret))
}

/** Reads bytes in order; running past the end means the invite was cut short. */
class Reader {
  offset = 0
  constructor(private readonly bytes: Uint8Array) {}

  take(count: number): Uint8Array {
    if (this.offset + count > this.bytes.length) throw new InvalidInviteError('the invite link is incomplete')
    const out = this.bytes.subarray(this.offset, this.offset + count)
    this.offset += count
    return out
  }

  byte(): number {
    return this.take(1)[0] ?? 0
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Parses a format-2 invite and checks its signature; names, expiry and addresses are the caller's to check. */
export function decodeInviteCode(bytes: Uint8Array): InviteCode {
  const version = bytes[0] ?? 0
  if (version < INVITE_CODE_VERSION) throw new InvalidInviteError('the invite link is damaged or incomplete')
  if (version !== INVITE_CODE_VERSION) {
    throw new InvalidInviteError(`this invite is from a newer version of Parley (format ${String(version)})`)
  }
  const reader = new Reader(bytes)
  const header = reader.take(HEADER_BYTES)
  const flags = header[1] ?? 0
  if ((flags & ~SINGLE_USE) !== 0) {
    throw new InvalidInviteError('this invite is from a newer version of Parley (unknown flags)')
  }
  let displayName: string
  const nameBytes = reader.take(reader.byte())
  try {
    displayName = strictUtf8.decode(nameBytes)
  } catch {
    throw new InvalidInviteError('the invite name is not valid UTF-8')
  }
  const count = reader.byte()
  if (count > MAX_CODE_ADDRESSES) throw new InvalidInviteError('the invite has too many addresses')
  const addresses: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const length = reader.byte()
    if (length === 0) throw new InvalidInviteError('the invite has an empty address')
    addresses.push(reader.take(length))
  }
  const bodyLength = reader.offset
  const signature = reader.take(SIGNATURE_BYTES)
  if (reader.offset !== bytes.length) throw new InvalidInviteError('the invite link has extra bytes after its end')
  const identityKey = header.subarray(18, 50)
  if (!verifiesStrictly(signature, signedPart(bytes.subarray(0, bodyLength)), identityKey)) {
    throw new InvalidInviteError('the invite is not signed by the key it names: it was altered or forged')
  }
  return {
    singleUse: (flags & SINGLE_USE) !== 0,
    token: header.slice(2, 18),
    identityKey: identityKey.slice(),
    expiresAt: new DataView(header.buffer, header.byteOffset).getUint32(50, false),
    displayName,
    addresses: addresses.map((a) => a.slice()),
  }
}
