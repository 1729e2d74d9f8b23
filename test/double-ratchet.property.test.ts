import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { signedPrekeyMessage } from '../src/identity/prekeys.js'
import { concatBytes, equalBytes, u32be, utf8 } from '../src/crypto/bytes.js'
import {
  DuplicateMessageError,
  RatchetError,
  SessionNotReadyError,
  acceptSession,
  decodeHeader,
  deserializeSession,
  encodeHeader,
  initiateSession,
  ratchetDecrypt,
  ratchetEncrypt,
  ratchetInitReceiver,
  ratchetInitSender,
  serializeSession,
  type MessageHeader,
  type RandomBytes,
  type RatchetState,
  type X3dhIdentity,
} from '../src/signal/index.js'

/**
 * Model-based tests in the spirit of libsignal's `interaction.rs` fuzz target:
 * two parties, a network that delays, drops, reorders and replays, and restarts
 * from the serialised state. The handshake is done once: the states are
 * immutable values, so every run starts from the same pair.
 */
function drbg(seed: number): RandomBytes {
  let counter = 0
  return (length) => {
    let out: Uint8Array = new Uint8Array(0)
    while (out.length < length) out = concatBytes(out, sha256(concatBytes(u32be(seed), u32be(counter++))))
    return out.slice(0, length)
  }
}

const setupRandom = drbg(0xfeed)
const party = (peerId: string): X3dhIdentity & { readonly signingSecret: Uint8Array } => {
  const signingSecret = setupRandom(32)
  const agreementSecret = setupRandom(32)
  return { peerId, signingSecret, agreementSecret, agreementPublic: x25519.getPublicKey(agreementSecret) }
}
const alice = party('12D3KooWAlice')
const bob = party('12D3KooWBob')
const spk = { id: 1, secret: setupRandom(32) }
const spkPublic = x25519.getPublicKey(spk.secret)
const init = initiateSession({
  ourIdentity: alice,
  theirs: {
    peerId: bob.peerId,
    identityKey: ed25519.getPublicKey(bob.signingSecret),
    agreementKey: bob.agreementPublic,
    signedPrekeyId: spk.id,
    signedPrekey: spkPublic,
    signedPrekeySignature: ed25519.sign(signedPrekeyMessage(spk.id, spkPublic), bob.signingSecret),
  },
  random: setupRandom,
})
const accepted = acceptSession({
  ourIdentity: bob,
  ourSignedPrekey: spk,
  theirPeerId: alice.peerId,
  header: init.initialMessageHeader,
})
const AD = init.associatedData
const INITIAL = {
  a: ratchetInitSender(init.sharedKey, spkPublic, setupRandom),
  b: ratchetInitReceiver(accepted.sharedKey, { secret: spk.secret, public: spkPublic }),
}

type Who = 'a' | 'b'
interface Message {
  readonly to: Who
  readonly text: string
  readonly header: MessageHeader
  readonly ciphertext: Uint8Array
}

type Op =
  | { readonly kind: 'send'; readonly from: Who }
  | { readonly kind: 'deliver' | 'drop' | 'duplicate'; readonly pick: number }
  | { readonly kind: 'restart'; readonly who: Who }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('send' as const), from: fc.constantFrom<Who>('a', 'b') }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('restart' as const), who: fc.constantFrom<Who>('a', 'b') }),
  },
)

const restart = (state: RatchetState): RatchetState =>
  deserializeSession(JSON.parse(JSON.stringify(serializeSession(state))) as unknown)

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

function knowsChain(state: RatchetState, dh: Uint8Array): boolean {
  const current = state.theirRatchetKey !== null && equalBytes(state.theirRatchetKey, dh)
  return current || state.oldReceivingChains.some((c) => equalBytes(c.ratchetKey, dh))
}

function runScenario(seed: number, ops: readonly Op[]): void {
  const random = drbg(seed)
  const state: Record<Who, RatchetState> = { ...INITIAL }
  const inFlight: Message[] = []
  const delivered: Message[] = []
  const received: Record<Who, string[]> = { a: [], b: [] }
  let sent = 0
  const deliver = (message: Message): void => {
    const out = ratchetDecrypt(state[message.to], message.header, message.ciphertext, AD)
    expect(decode(out.plaintext)).toBe(message.text)
    state[message.to] = out.state
    received[message.to].push(message.text)
    delivered.push(message)
  }
  for (const op of ops) {
    if (op.kind === 'send') {
      const to: Who = op.from === 'a' ? 'b' : 'a'
      const text = `${op.from}→${to} #${sent++}`
      if (op.from === 'b' && received.b.length === 0) {
        expect(() => ratchetEncrypt(state.b, utf8(text), AD, random)).toThrow(SessionNotReadyError)
        continue
      }
      const out = ratchetEncrypt(state[op.from], utf8(text), AD, random)
      state[op.from] = out.state
      inFlight.push({ to, text, header: out.header, ciphertext: out.ciphertext })
    } else if (op.kind === 'restart') {
      state[op.who] = restart(state[op.who])
    } else if (op.kind === 'duplicate') {
      const again = delivered[op.pick % Math.max(1, delivered.length)]
      if (again === undefined) continue
      const before = state[again.to]
      const replay = (): unknown => ratchetDecrypt(before, again.header, again.ciphertext, AD)
      expect(replay).toThrow(knowsChain(before, again.header.dh) ? DuplicateMessageError : RatchetError)
    } else {
      const [message] = inFlight.splice(op.pick % Math.max(1, inFlight.length), 1)
      if (message !== undefined && op.kind === 'deliver') deliver(message)
    }
  }
  // the network finally delivers everything still in flight, newest first
  for (const message of inFlight.reverse()) deliver(message)
  for (const who of ['a', 'b'] as const) {
    const texts = received[who]
    expect(new Set(texts).size).toBe(texts.length)
    expect(texts.sort()).toEqual(
      delivered
        .filter((m) => m.to === who)
        .map((m) => m.text)
        .sort(),
    )
  }
}

describe('Double Ratchet under an unreliable network (fast-check)', () => {
  it('every delivered message decrypts to what was sent, once; replays and drops never appear', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' }), (seed, ops) => {
        runScenario(seed, ops)
      }),
      { numRuns: 150 },
    )
  })

  it('flipping any bit of header, ciphertext or AD makes decryption fail, and the genuine message still decrypts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 4 }),
        fc.string({ maxLength: 40 }),
        fc.constantFrom('header', 'ciphertext', 'ad'),
        fc.nat(),
        (turns, text, part, bit) => {
          const random = drbg(turns.length)
          const state: Record<Who, RatchetState> = { ...INITIAL }
          turns.forEach((count, turn) => {
            const [from, to]: [Who, Who] = turn % 2 === 0 ? ['a', 'b'] : ['b', 'a']
            for (let i = 0; i < count; i++) {
              const out = ratchetEncrypt(state[from], utf8('x'), AD, random)
              state[from] = out.state
              state[to] = ratchetDecrypt(state[to], out.header, out.ciphertext, AD).state
            }
          })
          const out = ratchetEncrypt(state.a, utf8(text), AD, random)
          const parts = { header: encodeHeader(out.header), ciphertext: out.ciphertext, ad: AD }
          const flipped = { ...parts, [part]: parts[part].slice() }
          const index = bit % (flipped[part].length * 8)
          flipped[part][index >> 3] = (flipped[part][index >> 3] ?? 0) ^ (1 << (index & 7))
          const before = JSON.stringify(serializeSession(state.b))
          expect(() => ratchetDecrypt(state.b, decodeHeader(flipped.header), flipped.ciphertext, flipped.ad)).toThrow()
          expect(JSON.stringify(serializeSession(state.b))).toBe(before)
          expect(decode(ratchetDecrypt(state.b, out.header, out.ciphertext, AD).plaintext)).toBe(text)
        },
      ),
      { numRuns: 200 },
    )
  })
})
