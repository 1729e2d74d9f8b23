import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { x25519 } from '@noble/curves/ed25519.js'
import { concatBytes, equalBytes, u32be } from '../crypto/bytes.js'
import { expandMessageKey, kdfCk, kdfRk } from './kdf.js'
import { DEFAULT_RANDOM, agree, type RandomBytes } from './x3dh.js'

/**
 * The Double Ratchet (Signal, rev. 1), as pure functions over an immutable state:
 * every call returns a new state and never changes the one it was given, so a
 * message that fails to decrypt cannot corrupt a session. Our new ratchet key
 * pair is made when we next send rather than when their new key arrives (the
 * same keys and messages as the spec, but decryption needs no randomness, and
 * the old secret is dropped at once). Bounds follow libsignal.
 */
export const MAX_SKIP_PER_CHAIN = 25_000
export const MAX_STORED_SKIPPED = 2_000
export const MAX_RECEIVER_CHAINS = 5
export const HEADER_VERSION = 0x01
export const HEADER_BYTES = 41
const U32_MAX = 0xffff_ffff

export class RatchetError extends Error {
  override readonly name: string = 'RatchetError'
}
/** Authentication failed: wrong key, or the header, ciphertext or associated data was altered. */
export class DecryptError extends RatchetError {
  override readonly name: string = 'DecryptError'
}
/** The message's key was already used (a replay) or is too old to be kept. */
/** The ciphertext does not authenticate under the message key its header names. */
export class AuthenticationError extends DecryptError {
  override readonly name = 'AuthenticationError'
}
export class DuplicateMessageError extends RatchetError {
  override readonly name = 'DuplicateMessageError'
}
export class TooManySkippedError extends RatchetError {
  override readonly name = 'TooManySkippedError'
}
export class MalformedHeaderError extends RatchetError {
  override readonly name = 'MalformedHeaderError'
}
/** The responder cannot send until the initiator's first message has arrived. */
export class SessionNotReadyError extends RatchetError {
  override readonly name = 'SessionNotReadyError'
}

export interface KeyPair {
  readonly secret: Uint8Array
  readonly public: Uint8Array
}
export interface Chain {
  readonly key: Uint8Array
  readonly n: number
}
export interface SkippedKey {
  readonly ratchetKey: Uint8Array
  readonly n: number
  readonly messageKey: Uint8Array
}
/** A finished receiving chain: only its length, to recognise replays of it. */
export interface OldChain {
  readonly ratchetKey: Uint8Array
  readonly n: number
}

export interface RatchetState {
  readonly rootKey: Uint8Array
  /** DHs; null between receiving a new ratchet key and our next send. */
  readonly ourRatchetKey: KeyPair | null
  /** DHr */
  readonly theirRatchetKey: Uint8Array | null
  readonly sendingChain: Chain | null
  readonly receivingChain: Chain | null
  /** PN: the length of our previous sending chain. */
  readonly previousSendingLength: number
  readonly oldReceivingChains: readonly OldChain[]
  /** Oldest first. */
  readonly skipped: readonly SkippedKey[]
}

export interface MessageHeader {
  readonly dh: Uint8Array
  readonly pn: number
  readonly n: number
}

export function encodeHeader(header: MessageHeader): Uint8Array {
  return concatBytes(Uint8Array.of(HEADER_VERSION), header.dh, u32be(header.pn), u32be(header.n))
}

export function decodeHeader(bytes: Uint8Array): MessageHeader {
  if (bytes.length !== HEADER_BYTES) throw new MalformedHeaderError(`a header has ${HEADER_BYTES} bytes`)
  if (bytes[0] !== HEADER_VERSION) throw new MalformedHeaderError(`unknown header version ${bytes[0] ?? '?'}`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { dh: bytes.slice(1, 33), pn: view.getUint32(33, false), n: view.getUint32(37, false) }
}

function checkHeader(header: MessageHeader): void {
  const u32 = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= U32_MAX
  if (header.dh.length !== 32 || !u32(header.pn) || !u32(header.n)) throw new MalformedHeaderError('bad header')
}

export function ratchetInitSender(
  sharedKey: Uint8Array,
  theirRatchetPublic: Uint8Array,
  random: RandomBytes = DEFAULT_RANDOM,
): RatchetState {
  const state: RatchetState = {
    rootKey: sharedKey,
    ourRatchetKey: null,
    theirRatchetKey: theirRatchetPublic,
    sendingChain: null,
    receivingChain: null,
    previousSendingLength: 0,
    oldReceivingChains: [],
    skipped: [],
  }
  return startSendingChain(state, random)
}

export function ratchetInitReceiver(sharedKey: Uint8Array, ourRatchetKeyPair: KeyPair): RatchetState {
  return {
    rootKey: sharedKey,
    ourRatchetKey: ourRatchetKeyPair,
    theirRatchetKey: null,
    sendingChain: null,
    receivingChain: null,
    previousSendingLength: 0,
    oldReceivingChains: [],
    skipped: [],
  }
}

/** The sending half of a DH ratchet step: a new key pair against their current ratchet key. */
function startSendingChain(state: RatchetState, random: RandomBytes): RatchetState {
  if (state.theirRatchetKey === null) throw new SessionNotReadyError('no message from the peer yet')
  const secret = random(32)
  const step = kdfRk(state.rootKey, agree(secret, state.theirRatchetKey))
  return {
    ...state,
    rootKey: step.rootKey,
    ourRatchetKey: { secret, public: x25519.getPublicKey(secret) },
    sendingChain: { key: step.chainKey, n: 0 },
  }
}

function aeadFor(messageKey: Uint8Array, ad: Uint8Array, header: MessageHeader): ReturnType<typeof xchacha20poly1305> {
  const { key, nonce } = expandMessageKey(messageKey)
  return xchacha20poly1305(key, nonce, concatBytes(ad, encodeHeader(header)))
}

export function ratchetEncrypt(
  state: RatchetState,
  plaintext: Uint8Array,
  ad: Uint8Array,
  random: RandomBytes = DEFAULT_RANDOM,
): { state: RatchetState; header: MessageHeader; ciphertext: Uint8Array } {
  const ready = state.sendingChain === null ? startSendingChain(state, random) : state
  const chain = ready.sendingChain
  if (chain === null || ready.ourRatchetKey === null) throw new SessionNotReadyError('no sending chain')
  if (chain.n >= U32_MAX) throw new RangeError('the sending chain is exhausted')
  const step = kdfCk(chain.key)
  const header = { dh: ready.ourRatchetKey.public, pn: ready.previousSendingLength, n: chain.n }
  const ciphertext = aeadFor(step.messageKey, ad, header).encrypt(plaintext)
  return { state: { ...ready, sendingChain: { key: step.chainKey, n: chain.n + 1 } }, header, ciphertext }
}

/** Advances a receiving chain to index `until`, keeping the skipped message keys (at most the newest 2,000). */
function skipTo(chain: Chain, until: number, ratchetKey: Uint8Array, skipped: SkippedKey[]): Chain {
  if (until - chain.n > MAX_SKIP_PER_CHAIN) {
    throw new TooManySkippedError(`${until - chain.n} skipped messages (at most ${MAX_SKIP_PER_CHAIN})`)
  }
  let key = chain.key
  for (let n = chain.n; n < until; n++) {
    const step = kdfCk(key)
    if (until - n <= MAX_STORED_SKIPPED) skipped.push({ ratchetKey, n, messageKey: step.messageKey })
    key = step.chainKey
  }
  return { key, n: Math.max(chain.n, until) }
}

function open(messageKey: Uint8Array, ad: Uint8Array, header: MessageHeader, ciphertext: Uint8Array): Uint8Array {
  try {
    return aeadFor(messageKey, ad, header).decrypt(ciphertext)
  } catch {
    throw new AuthenticationError('the message failed authentication')
  }
}

export function ratchetDecrypt(
  state: RatchetState,
  header: MessageHeader,
  ciphertext: Uint8Array,
  ad: Uint8Array,
): { state: RatchetState; plaintext: Uint8Array } {
  checkHeader(header)
  const sameKey = (k: { ratchetKey: Uint8Array; n: number }): boolean =>
    k.n === header.n && equalBytes(k.ratchetKey, header.dh)
  const stored = state.skipped.find(sameKey)
  if (stored !== undefined) {
    const plaintext = open(stored.messageKey, ad, header, ciphertext)
    return { state: { ...state, skipped: state.skipped.filter((k) => k !== stored) }, plaintext }
  }
  const skipped = [...state.skipped]
  let next: RatchetState = state
  let chain = state.receivingChain
  if (chain === null || state.theirRatchetKey === null || !equalBytes(header.dh, state.theirRatchetKey)) {
    const old = state.oldReceivingChains.find((c) => equalBytes(c.ratchetKey, header.dh))
    if (old !== undefined) {
      if (header.n < old.n) throw new DuplicateMessageError(`message ${header.n} of an old chain was already used`)
      throw new DecryptError('the message claims a place its chain never had')
    }
    next = receiveNewRatchetKey(state, header, skipped)
    chain = next.receivingChain
    if (chain === null) throw new DecryptError('no receiving chain')
  } else if (header.n < chain.n) {
    throw new DuplicateMessageError(`message ${header.n} was already received`)
  }
  const advanced = skipTo(chain, header.n, header.dh, skipped)
  const step = kdfCk(advanced.key)
  const plaintext = open(step.messageKey, ad, header, ciphertext)
  return {
    state: {
      ...next,
      receivingChain: { key: step.chainKey, n: header.n + 1 },
      skipped: skipped.slice(Math.max(0, skipped.length - MAX_STORED_SKIPPED)),
    },
    plaintext,
  }
}

/** The receiving half of a DH ratchet step; the sending half waits for our next message. */
function receiveNewRatchetKey(state: RatchetState, header: MessageHeader, skipped: SkippedKey[]): RatchetState {
  if (state.ourRatchetKey === null) throw new DecryptError('an unexpected ratchet key')
  let oldChains = state.oldReceivingChains
  if (state.receivingChain !== null && state.theirRatchetKey !== null) {
    const finished = skipTo(state.receivingChain, header.pn, state.theirRatchetKey, skipped)
    oldChains = [...oldChains, { ratchetKey: state.theirRatchetKey, n: finished.n }].slice(-MAX_RECEIVER_CHAINS)
  }
  const step = kdfRk(state.rootKey, agree(state.ourRatchetKey.secret, header.dh))
  return {
    ...state,
    rootKey: step.rootKey,
    ourRatchetKey: null,
    theirRatchetKey: header.dh,
    sendingChain: null,
    receivingChain: { key: step.chainKey, n: 0 },
    previousSendingLength: state.sendingChain?.n ?? state.previousSendingLength,
    oldReceivingChains: oldChains,
  }
}
