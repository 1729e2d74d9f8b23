import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { randomBytes } from '@noble/hashes/utils.js'
import { concatBytes, utf8, wipe } from '../crypto/bytes.js'
import { signedPrekeyMessage } from '../identity/prekeys.js'
import { X3DH_INFO, x3dhSharedKey } from './kdf.js'

/**
 * X3DH (Signal, rev. 1) over X25519 and HKDF-SHA256. The initiator (Alice) uses
 * the responder's prekey bundle from a signed invite; the responder (Bob) uses
 * the header of the first message. Both identity keys and both peer IDs go into
 * the associated data, so a session cannot be misbound to another pair of peers.
 * Who holds an identity key is only as sure as the invite or a compared safety
 * number: callers must check `header.identityKey` belongs to `theirPeerId`.
 */
export type RandomBytes = (length: number) => Uint8Array

export const DEFAULT_RANDOM: RandomBytes = (length) => randomBytes(length)

/** A peer offered a key that cannot be used (wrong size, or a low-order point). */
export class HostileKeyError extends Error {
  override readonly name = 'HostileKeyError'
}

/** The signed prekey's signature does not verify under the claimed identity key. */
export class InvalidSignedPrekeyError extends Error {
  override readonly name = 'InvalidSignedPrekeyError'
}

/** The first message names a prekey we do not hold (or omits one we were given). */
export class UnknownPrekeyError extends Error {
  override readonly name = 'UnknownPrekeyError'
}

export interface X3dhIdentity {
  readonly peerId: string
  readonly agreementSecret: Uint8Array
  readonly agreementPublic: Uint8Array
}

export interface PrekeyBundle {
  readonly peerId: string
  /** Ed25519 identity key: signs the signed prekey. */
  readonly identityKey: Uint8Array
  /** X25519 identity key (IK_B). */
  readonly agreementKey: Uint8Array
  readonly signedPrekeyId: number
  readonly signedPrekey: Uint8Array
  readonly signedPrekeySignature: Uint8Array
  readonly oneTimePrekeyId?: number
  readonly oneTimePrekey?: Uint8Array
}

export interface InitialMessageHeader {
  /** The initiator's X25519 identity key (IK_A). */
  readonly identityKey: Uint8Array
  readonly ephemeralKey: Uint8Array
  readonly signedPrekeyId: number
  readonly oneTimePrekeyId?: number
}

export interface X3dhResult {
  readonly sharedKey: Uint8Array
  readonly associatedData: Uint8Array
}

export interface InitiatedSession extends X3dhResult {
  readonly initialMessageHeader: InitialMessageHeader
}

export interface PrekeySecret {
  readonly id: number
  readonly secret: Uint8Array
}

/** X25519, refusing keys of the wrong size and low-order points (noble throws on an all-zero output). */
export function agree(secret: Uint8Array, theirPublic: Uint8Array): Uint8Array {
  if (theirPublic.length !== 32) throw new HostileKeyError(`an X25519 key has 32 bytes, not ${theirPublic.length}`)
  try {
    return x25519.getSharedSecret(secret, theirPublic)
  } catch {
    throw new HostileKeyError('the peer offered a low-order X25519 key')
  }
}

function assertU32(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new RangeError(`${what} is not a u32`)
}

/** AD = "parley/x3dh/v1\0" ‖ initiator peer ID ‖ "\0" ‖ responder peer ID ‖ IK_A ‖ IK_B. */
export function x3dhAssociatedData(
  initiatorPeerId: string,
  responderPeerId: string,
  initiatorKey: Uint8Array,
  responderKey: Uint8Array,
): Uint8Array {
  if (initiatorPeerId.includes('\0') || responderPeerId.includes('\0')) throw new RangeError('a peer ID contains NUL')
  return concatBytes(utf8(`${X3DH_INFO}\0${initiatorPeerId}\0${responderPeerId}`), initiatorKey, responderKey)
}

function verifySignedPrekey(theirs: PrekeyBundle): void {
  assertU32(theirs.signedPrekeyId, 'the signed prekey ID')
  const message = signedPrekeyMessage(theirs.signedPrekeyId, theirs.signedPrekey)
  let valid: boolean
  try {
    valid =
      theirs.signedPrekey.length === 32 &&
      ed25519.verify(theirs.signedPrekeySignature, message, theirs.identityKey, { zip215: false })
  } catch {
    valid = false
  }
  if (!valid) throw new InvalidSignedPrekeyError('the signed prekey is not signed by the identity key')
}

export function initiateSession(input: {
  readonly ourIdentity: X3dhIdentity
  readonly theirs: PrekeyBundle
  readonly random?: RandomBytes
}): InitiatedSession {
  const { ourIdentity, theirs } = input
  verifySignedPrekey(theirs)
  const { oneTimePrekey, oneTimePrekeyId } = theirs
  if ((oneTimePrekey === undefined) !== (oneTimePrekeyId === undefined)) {
    throw new RangeError('a one-time prekey needs both its ID and its key')
  }
  if (oneTimePrekeyId !== undefined) assertU32(oneTimePrekeyId, 'the one-time prekey ID')
  const ephemeralSecret = (input.random ?? DEFAULT_RANDOM)(32)
  const dh = [
    agree(ourIdentity.agreementSecret, theirs.signedPrekey),
    agree(ephemeralSecret, theirs.agreementKey),
    agree(ephemeralSecret, theirs.signedPrekey),
    ...(oneTimePrekey === undefined ? [] : [agree(ephemeralSecret, oneTimePrekey)]),
  ]
  const ephemeralKey = x25519.getPublicKey(ephemeralSecret)
  const sharedKey = x3dhSharedKey(concatBytes(...dh))
  wipe(ephemeralSecret, ...dh)
  return {
    sharedKey,
    associatedData: x3dhAssociatedData(
      ourIdentity.peerId,
      theirs.peerId,
      ourIdentity.agreementPublic,
      theirs.agreementKey,
    ),
    initialMessageHeader: {
      identityKey: ourIdentity.agreementPublic,
      ephemeralKey,
      signedPrekeyId: theirs.signedPrekeyId,
      ...(oneTimePrekeyId === undefined ? {} : { oneTimePrekeyId }),
    },
  }
}

export function acceptSession(input: {
  readonly ourIdentity: X3dhIdentity
  readonly ourSignedPrekey: PrekeySecret
  readonly ourOneTimePrekey?: PrekeySecret
  readonly theirPeerId: string
  readonly header: InitialMessageHeader
}): X3dhResult {
  const { ourIdentity, ourSignedPrekey, ourOneTimePrekey, header } = input
  if (header.signedPrekeyId !== ourSignedPrekey.id) {
    throw new UnknownPrekeyError(`no signed prekey ${header.signedPrekeyId}`)
  }
  if (header.oneTimePrekeyId !== ourOneTimePrekey?.id) {
    throw new UnknownPrekeyError(`one-time prekey ${header.oneTimePrekeyId ?? 'none'} does not match ours`)
  }
  const dh = [
    agree(ourSignedPrekey.secret, header.identityKey),
    agree(ourIdentity.agreementSecret, header.ephemeralKey),
    agree(ourSignedPrekey.secret, header.ephemeralKey),
    ...(ourOneTimePrekey === undefined ? [] : [agree(ourOneTimePrekey.secret, header.ephemeralKey)]),
  ]
  const sharedKey = x3dhSharedKey(concatBytes(...dh))
  wipe(...dh)
  return {
    sharedKey,
    associatedData: x3dhAssociatedData(
      input.theirPeerId,
      ourIdentity.peerId,
      header.identityKey,
      ourIdentity.agreementPublic,
    ),
  }
}
