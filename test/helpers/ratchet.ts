import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { expect } from 'vitest'
import { signedPrekeyMessage } from '../../src/identity/prekeys.js'
import { concatBytes, u32be, utf8 } from '../../src/crypto/bytes.js'
import {
  acceptSession,
  initiateSession,
  kdfCk,
  ratchetDecrypt,
  ratchetEncrypt,
  ratchetInitReceiver,
  ratchetInitSender,
  serializeSession,
  type InitiatedSession,
  type MessageHeader,
  type PrekeyBundle,
  type PrekeySecret,
  type RandomBytes,
  type RatchetState,
  type X3dhIdentity,
  type X3dhResult,
} from '../../src/signal/index.js'

/** A SHA-256 counter-mode DRBG: the same seed gives the same bytes, for frozen transcripts. */
export function drbg(seed: string): RandomBytes {
  let counter = 0
  let pool: Uint8Array = new Uint8Array(0)
  return (length) => {
    while (pool.length < length) pool = concatBytes(pool, sha256(concatBytes(utf8(seed), u32be(counter++))))
    const out = pool.slice(0, length)
    pool = pool.slice(length)
    return out
  }
}

export interface Person extends X3dhIdentity {
  readonly signingSecret: Uint8Array
  readonly signingPublic: Uint8Array
}
export interface Prekeys {
  readonly bundle: PrekeyBundle
  readonly spk: PrekeySecret
  readonly spkPublic: Uint8Array
  readonly opk: PrekeySecret | undefined
}

export function person(peerId: string, random: RandomBytes): Person {
  const signingSecret = random(32)
  const agreementSecret = random(32)
  return {
    peerId,
    signingSecret,
    signingPublic: ed25519.getPublicKey(signingSecret),
    agreementSecret,
    agreementPublic: x25519.getPublicKey(agreementSecret),
  }
}
export function prekeys(bob: Person, random: RandomBytes, withOneTime: boolean): Prekeys {
  const spk = { id: 7, secret: random(32) }
  const spkPublic = x25519.getPublicKey(spk.secret)
  const opk = { id: 9, secret: random(32) }
  const bundle: PrekeyBundle = {
    peerId: bob.peerId,
    identityKey: bob.signingPublic,
    agreementKey: bob.agreementPublic,
    signedPrekeyId: spk.id,
    signedPrekey: spkPublic,
    signedPrekeySignature: ed25519.sign(signedPrekeyMessage(spk.id, spkPublic), bob.signingSecret),
    ...(withOneTime ? { oneTimePrekeyId: opk.id, oneTimePrekey: x25519.getPublicKey(opk.secret) } : {}),
  }
  return { bundle, spk, spkPublic, opk: withOneTime ? opk : undefined }
}

export interface Side {
  state: RatchetState
  readonly ad: Uint8Array
  readonly random: RandomBytes
}
export interface Packet {
  readonly header: MessageHeader
  readonly ciphertext: Uint8Array
}

export interface Handshake {
  readonly alice: Person
  readonly bob: Person
  readonly keys: Prekeys
  readonly init: InitiatedSession
  readonly accepted: X3dhResult
  readonly a: Side
  readonly b: Side
}

export function handshake(seed: string, withOneTime = true): Handshake {
  const random = drbg(seed)
  const alice = person('12D3KooWAlice', random)
  const bob = person('12D3KooWBob', random)
  const keys = prekeys(bob, random, withOneTime)
  const init = initiateSession({ ourIdentity: alice, theirs: keys.bundle, random })
  const accepted = acceptSession({
    ourIdentity: bob,
    ourSignedPrekey: keys.spk,
    ...(keys.opk ? { ourOneTimePrekey: keys.opk } : {}),
    theirPeerId: alice.peerId,
    header: init.initialMessageHeader,
  })
  const a: Side = { state: ratchetInitSender(init.sharedKey, keys.spkPublic, random), ad: init.associatedData, random }
  const b: Side = {
    state: ratchetInitReceiver(accepted.sharedKey, { secret: keys.spk.secret, public: keys.spkPublic }),
    ad: accepted.associatedData,
    random,
  }
  return { alice, bob, keys, init, accepted, a, b }
}

export function send(side: Side, text: string): Packet {
  const out = ratchetEncrypt(side.state, utf8(text), side.ad, side.random)
  side.state = out.state
  return { header: out.header, ciphertext: out.ciphertext }
}

export function receive(side: Side, packet: Packet): string {
  const out = ratchetDecrypt(side.state, packet.header, packet.ciphertext, side.ad)
  side.state = out.state
  return new TextDecoder().decode(out.plaintext)
}

export const snapshot = (state: RatchetState): string => JSON.stringify(serializeSession(state))

/** The sender's state with its sending chain moved on `steps` messages (as if those were sent and lost). */
export function advance(state: RatchetState, steps: number): RatchetState {
  let chain = state.sendingChain ?? expect.unreachable()
  for (let i = 0; i < steps; i++) chain = { key: kdfCk(chain.key).chainKey, n: chain.n + 1 }
  return { ...state, sendingChain: chain }
}
