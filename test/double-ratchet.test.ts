import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { signedPrekeyMessage } from '../src/contacts/prekeys.js'
import { concatBytes, u32be, utf8 } from '../src/crypto/bytes.js'
import {
  DecryptError,
  DuplicateMessageError,
  HostileKeyError,
  InvalidSessionStateError,
  InvalidSignedPrekeyError,
  MAX_SKIP_PER_CHAIN,
  MAX_STORED_SKIPPED,
  MalformedHeaderError,
  SessionNotReadyError,
  TooManySkippedError,
  UnknownPrekeyError,
  acceptSession,
  decodeHeader,
  deserializeSession,
  encodeHeader,
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
} from '../src/e2e/index.js'

/** A SHA-256 counter-mode DRBG: the same seed gives the same bytes, for frozen transcripts. */
function drbg(seed: string): RandomBytes {
  let counter = 0
  let pool: Uint8Array = new Uint8Array(0)
  return (length) => {
    while (pool.length < length) pool = concatBytes(pool, sha256(concatBytes(utf8(seed), u32be(counter++))))
    const out = pool.slice(0, length)
    pool = pool.slice(length)
    return out
  }
}

interface Person extends X3dhIdentity {
  readonly signingSecret: Uint8Array
  readonly signingPublic: Uint8Array
}
interface Prekeys {
  readonly bundle: PrekeyBundle
  readonly spk: PrekeySecret
  readonly spkPublic: Uint8Array
  readonly opk: PrekeySecret | undefined
}

function person(peerId: string, random: RandomBytes): Person {
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
function prekeys(bob: Person, random: RandomBytes, withOneTime: boolean): Prekeys {
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

interface Side {
  state: RatchetState
  readonly ad: Uint8Array
  readonly random: RandomBytes
}
interface Packet {
  readonly header: MessageHeader
  readonly ciphertext: Uint8Array
}

interface Handshake {
  readonly alice: Person
  readonly bob: Person
  readonly keys: Prekeys
  readonly init: InitiatedSession
  readonly accepted: X3dhResult
  readonly a: Side
  readonly b: Side
}

function handshake(seed: string, withOneTime = true): Handshake {
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

function send(side: Side, text: string): Packet {
  const out = ratchetEncrypt(side.state, utf8(text), side.ad, side.random)
  side.state = out.state
  return { header: out.header, ciphertext: out.ciphertext }
}

function receive(side: Side, packet: Packet): string {
  const out = ratchetDecrypt(side.state, packet.header, packet.ciphertext, side.ad)
  side.state = out.state
  return new TextDecoder().decode(out.plaintext)
}

const snapshot = (state: RatchetState): string => JSON.stringify(serializeSession(state))

/** The sender's state with its sending chain moved on `steps` messages (as if those were sent and lost). */
function advance(state: RatchetState, steps: number): RatchetState {
  let chain = state.sendingChain ?? expect.unreachable()
  for (let i = 0; i < steps; i++) chain = { key: kdfCk(chain.key).chainKey, n: chain.n + 1 }
  return { ...state, sendingChain: chain }
}

describe('X3DH', () => {
  for (const withOneTime of [true, false]) {
    it(`both sides derive the same key and associated data (${withOneTime ? 'with' : 'without'} a one-time prekey)`, () => {
      const { alice, bob, init, accepted } = handshake(`x3dh-${withOneTime}`, withOneTime)
      expect(init.sharedKey).toHaveLength(32)
      expect(accepted.sharedKey).toEqual(init.sharedKey)
      expect(accepted.associatedData).toEqual(init.associatedData)
      const expectedAd = concatBytes(
        utf8(`parley/x3dh/v1\0${alice.peerId}\0${bob.peerId}`),
        alice.agreementPublic,
        bob.agreementPublic,
      )
      expect(init.associatedData).toEqual(expectedAd)
      expect(init.initialMessageHeader.identityKey).toEqual(alice.agreementPublic)
      expect(init.initialMessageHeader.oneTimePrekeyId).toBe(withOneTime ? 9 : undefined)
    })
  }

  it('the one-time prekey changes the key, and each handshake is fresh', () => {
    expect(handshake('same', true).init.sharedKey).not.toEqual(handshake('same', false).init.sharedKey)
    expect(handshake('one').init.sharedKey).not.toEqual(handshake('two').init.sharedKey)
  })

  it('refuses a signed prekey whose signature does not verify', () => {
    const { alice, keys } = handshake('bad-signature')
    const flipped = keys.bundle.signedPrekeySignature.slice()
    flipped[5] = (flipped[5] ?? 0) ^ 0x10
    const mallory = ed25519.getPublicKey(new Uint8Array(32).fill(3))
    const bad: PrekeyBundle[] = [
      { ...keys.bundle, signedPrekeySignature: flipped },
      { ...keys.bundle, identityKey: mallory },
      { ...keys.bundle, signedPrekeyId: 8 },
      { ...keys.bundle, signedPrekey: x25519.getPublicKey(new Uint8Array(32).fill(4)) },
      { ...keys.bundle, signedPrekeySignature: new Uint8Array(63) },
    ]
    for (const theirs of bad) {
      expect(() => initiateSession({ ourIdentity: alice, theirs })).toThrow(InvalidSignedPrekeyError)
    }
  })

  it('refuses low-order points as HostileKeyError', () => {
    const { alice, bob, keys, init } = handshake('low-order')
    const lowOrder = [
      new Uint8Array(32),
      hexToBytes('0100000000000000000000000000000000000000000000000000000000000000'),
      hexToBytes('e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800'),
    ]
    for (const point of lowOrder) {
      // a signed prekey properly signed, but low order
      const signed = {
        ...keys.bundle,
        signedPrekey: point,
        signedPrekeySignature: ed25519.sign(signedPrekeyMessage(7, point), bob.signingSecret),
      }
      expect(() => initiateSession({ ourIdentity: alice, theirs: signed })).toThrow(HostileKeyError)
      expect(() => initiateSession({ ourIdentity: alice, theirs: { ...keys.bundle, agreementKey: point } })).toThrow(
        HostileKeyError,
      )
      const header = { ...init.initialMessageHeader, ephemeralKey: point }
      const accept = (): unknown =>
        acceptSession({
          ourIdentity: bob,
          ourSignedPrekey: keys.spk,
          ...(keys.opk ? { ourOneTimePrekey: keys.opk } : {}),
          theirPeerId: alice.peerId,
          header,
        })
      expect(accept).toThrow(HostileKeyError)
    }
  })

  it('the responder refuses a header naming prekeys it does not hold', () => {
    const { alice, bob, keys, init } = handshake('unknown-prekey')
    const base = { ourIdentity: bob, ourSignedPrekey: keys.spk, theirPeerId: alice.peerId }
    const header = init.initialMessageHeader
    expect(() => acceptSession({ ...base, header })).toThrow(UnknownPrekeyError)
    expect(() => acceptSession({ ...base, ourOneTimePrekey: { id: 10, secret: new Uint8Array(32) }, header })).toThrow(
      UnknownPrekeyError,
    )
    expect(() => acceptSession({ ...base, header: { ...header, signedPrekeyId: 8 } })).toThrow(UnknownPrekeyError)
  })
})

describe('Double Ratchet', () => {
  it('headers have a fixed 41-byte encoding', () => {
    const header = { dh: new Uint8Array(32).fill(0xab), pn: 0x01020304, n: 0xfffffffe }
    const bytes = encodeHeader(header)
    expect(bytesToHex(bytes)).toBe(`01${'ab'.repeat(32)}01020304fffffffe`)
    expect(decodeHeader(bytes)).toEqual(header)
    expect(() => decodeHeader(bytes.subarray(1))).toThrow(MalformedHeaderError)
    expect(() => decodeHeader(Uint8Array.of(2, ...bytes.subarray(1)))).toThrow(MalformedHeaderError)
  })

  it('the responder cannot speak first', () => {
    const { b } = handshake('not-ready')
    expect(() => send(b, 'hello?')).toThrow(SessionNotReadyError)
  })

  it('a conversation both ways across several DH ratchet steps', () => {
    const { a, b } = handshake('conversation')
    const keysA = new Set<string>()
    const keysB = new Set<string>()
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i <= round; i++) {
        const packet = send(a, `a${round}.${i}`)
        expect(packet.header.n).toBe(i)
        keysA.add(bytesToHex(packet.header.dh))
        expect(receive(b, packet)).toBe(`a${round}.${i}`)
      }
      const reply = send(b, `b${round}`)
      keysB.add(bytesToHex(reply.header.dh))
      expect(reply.header.n).toBe(0)
      expect(receive(a, reply)).toBe(`b${round}`)
    }
    // a new ratchet key for every turn on each side
    expect(keysA.size).toBe(5)
    expect(keysB.size).toBe(5)
    const next = send(a, 'last')
    expect(next.header.pn).toBe(5)
  })

  it('encryption and decryption never change the state they are given', () => {
    const { a, b } = handshake('pure')
    const before = snapshot(a.state)
    const out = ratchetEncrypt(a.state, utf8('x'), a.ad, a.random)
    expect(snapshot(a.state)).toBe(before)
    const beforeB = snapshot(b.state)
    ratchetDecrypt(b.state, out.header, out.ciphertext, b.ad)
    expect(snapshot(b.state)).toBe(beforeB)
  })

  it('out-of-order delivery within a chain and across chains', () => {
    const { a, b } = handshake('reorder')
    const first = [0, 1, 2, 3, 4].map((i) => send(a, `m${i}`))
    for (const i of [4, 0, 2]) expect(receive(b, first[i] ?? expect.unreachable())).toBe(`m${i}`)
    expect(b.state.skipped).toHaveLength(2)
    expect(receive(a, send(b, 'turn'))).toBe('turn')
    const second = send(a, 'new chain')
    expect(second.header.pn).toBe(5)
    expect(receive(b, second)).toBe('new chain')
    expect(receive(b, first[3] ?? expect.unreachable())).toBe('m3')
    expect(receive(b, first[1] ?? expect.unreachable())).toBe('m1')
    expect(b.state.skipped).toHaveLength(0)
  })

  it('a message from a chain left unfinished is kept by the next ratchet step (pn)', () => {
    const { a, b } = handshake('pn')
    const m0 = send(a, 'm0')
    const lost = [send(a, 'm1'), send(a, 'm2')]
    receive(b, m0)
    receive(a, send(b, 'reply'))
    expect(receive(b, send(a, 'after'))).toBe('after')
    expect(b.state.skipped.map((k) => k.n)).toEqual([1, 2])
    expect(lost.map((p) => receive(b, p))).toEqual(['m1', 'm2'])
  })

  it(`refuses more than ${MAX_SKIP_PER_CHAIN} skipped messages in one step, accepts exactly that many`, () => {
    const { a, b } = handshake('too-many')
    const tooFar = ratchetEncrypt(advance(a.state, MAX_SKIP_PER_CHAIN + 1), utf8('far'), a.ad)
    expect(tooFar.header.n).toBe(MAX_SKIP_PER_CHAIN + 1)
    const before = snapshot(b.state)
    expect(() => receive(b, tooFar)).toThrow(TooManySkippedError)
    expect(snapshot(b.state)).toBe(before)
    const edge = ratchetEncrypt(advance(a.state, MAX_SKIP_PER_CHAIN), utf8('edge'), a.ad)
    expect(receive(b, edge)).toBe('edge')
    // 25,000 keys were skipped but only the newest 2,000 are kept
    expect(b.state.skipped).toHaveLength(MAX_STORED_SKIPPED)
    expect(b.state.skipped[0]?.n).toBe(MAX_SKIP_PER_CHAIN - MAX_STORED_SKIPPED)
    const oldest = ratchetEncrypt(advance(a.state, MAX_SKIP_PER_CHAIN - MAX_STORED_SKIPPED), utf8('kept'), a.ad)
    const dropped = ratchetEncrypt(advance(a.state, MAX_SKIP_PER_CHAIN - MAX_STORED_SKIPPED - 1), utf8('lost'), a.ad)
    expect(() => receive(b, dropped)).toThrow(DuplicateMessageError)
    expect(receive(b, oldest)).toBe('kept')
  })

  it(`caps the stored skipped keys at ${MAX_STORED_SKIPPED} across chains, dropping the oldest`, () => {
    const { a, b } = handshake('cap')
    const start = a.state
    const early = [0, 499, 500].map((n) => ratchetEncrypt(advance(start, n), utf8(`c1.${n}`), a.ad))
    a.state = advance(start, 1500)
    receive(b, send(a, 'c1.1500'))
    expect(b.state.skipped).toHaveLength(1500)
    receive(a, send(b, 'turn'))
    const c2first = send(a, 'c2.0')
    a.state = advance(a.state, 999)
    expect(receive(b, send(a, 'c2.1000'))).toBe('c2.1000')
    expect(b.state.skipped).toHaveLength(MAX_STORED_SKIPPED)
    expect(() => receive(b, early[0] ?? expect.unreachable())).toThrow(DuplicateMessageError)
    expect(() => receive(b, early[1] ?? expect.unreachable())).toThrow(DuplicateMessageError)
    expect(receive(b, early[2] ?? expect.unreachable())).toBe('c1.500')
    expect(receive(b, c2first)).toBe('c2.0')
  })

  it('refuses duplicates: in the current chain, after a skipped key is used, and from an old chain', () => {
    const { a, b } = handshake('duplicates')
    const m0 = send(a, 'm0')
    const m1 = send(a, 'm1')
    receive(b, m1)
    receive(b, m0)
    expect(() => receive(b, m0)).toThrow(DuplicateMessageError)
    expect(() => receive(b, m1)).toThrow(DuplicateMessageError)
    receive(a, send(b, 'turn'))
    receive(b, send(a, 'new chain'))
    expect(() => receive(b, m1)).toThrow(DuplicateMessageError)
    expect(b.state.oldReceivingChains).toHaveLength(1)
  })

  it('any single bit flip in header, ciphertext or AD fails and leaves the state unchanged', () => {
    const { a, b } = handshake('bit-flips')
    receive(b, send(a, 'hello'))
    receive(a, send(b, 'hi'))
    // one message that opens a new chain (a DH ratchet step), then one inside that chain
    for (const text of ['first of a chain', 'second']) {
      const packet = send(a, text)
      const parts = { header: encodeHeader(packet.header), ciphertext: packet.ciphertext, ad: b.ad }
      const before = snapshot(b.state)
      let attempts = 0
      for (const part of ['header', 'ciphertext', 'ad'] as const) {
        for (let bit = 0; bit < parts[part].length * 8; bit++) {
          const flipped = { ...parts, [part]: parts[part].slice() }
          flipped[part][bit >> 3] = (flipped[part][bit >> 3] ?? 0) ^ (1 << (bit & 7))
          const attempt = (): unknown =>
            ratchetDecrypt(b.state, decodeHeader(flipped.header), flipped.ciphertext, flipped.ad)
          expect(attempt).toThrow()
          attempts++
        }
      }
      expect(attempts).toBe((41 + packet.ciphertext.length + b.ad.length) * 8)
      expect(() => ratchetDecrypt(b.state, packet.header, packet.ciphertext.slice(1), b.ad)).toThrow(DecryptError)
      expect(snapshot(b.state)).toBe(before)
      // the genuine message still decrypts after all the forgeries
      expect(receive(b, packet)).toBe(text)
    }
  })

  it('refuses a low-order ratchet key in a header', () => {
    const { a, b } = handshake('ratchet-low-order')
    const packet = send(a, 'x')
    const forged = { ...packet, header: { ...packet.header, dh: new Uint8Array(32) } }
    expect(() => receive(b, forged)).toThrow(HostileKeyError)
    expect(receive(b, packet)).toBe('x')
  })

  it('serialise → JSON → deserialise → continue, with skipped keys and old chains', () => {
    const { a, b } = handshake('restart')
    const lost = [send(a, 'l0'), send(a, 'l1')]
    receive(b, send(a, 'm2'))
    receive(a, send(b, 'turn'))
    receive(b, send(a, 'next chain'))
    expect(b.state.skipped).toHaveLength(2)
    expect(b.state.oldReceivingChains).toHaveLength(1)
    for (const side of [a, b]) {
      const json: unknown = JSON.parse(JSON.stringify(serializeSession(side.state)))
      const restored = deserializeSession(json)
      expect(restored).toEqual(side.state)
      expect(serializeSession(restored)).toEqual(json)
      side.state = restored
    }
    expect(lost.map((p) => receive(b, p))).toEqual(['l0', 'l1'])
    expect(receive(a, send(b, 'after restart'))).toBe('after restart')
    expect(receive(b, send(a, 'and back'))).toBe('and back')
  })

  it('refuses damaged session records', () => {
    const { a } = handshake('damaged')
    const good = serializeSession(a.state)
    const other = x25519.getPublicKey(new Uint8Array(32).fill(1))
    const damaged: unknown[] = [
      { ...good, v: 2 },
      { ...good, extra: true },
      { ...good, rootKey: good.rootKey.replace(/=$/, '') },
      { ...good, rootKey: Buffer.alloc(31).toString('base64') },
      { ...good, previousSendingLength: -1 },
      { ...good, ourRatchetKey: null },
      { ...good, ourRatchetKey: { secret: good.ourRatchetKey?.secret, public: Buffer.from(other).toString('base64') } },
      {
        ...good,
        skipped: Array.from({ length: MAX_STORED_SKIPPED + 1 }, () => ({
          ratchetKey: good.rootKey,
          n: 0,
          messageKey: good.rootKey,
        })),
      },
      null,
    ]
    for (const record of damaged) expect(() => deserializeSession(record)).toThrow(InvalidSessionStateError)
    expect(deserializeSession(good)).toEqual(a.state)
  })
})

describe('frozen transcripts (any change to the protocol must change these on purpose)', () => {
  it('X3DH with a one-time prekey, then three messages each way', () => {
    const { init, a, b } = handshake('parley frozen transcript v1')
    const transcript: string[] = []
    for (let i = 0; i < 3; i++) {
      const fromA = send(a, `Alice ${i}`)
      transcript.push(bytesToHex(concatBytes(encodeHeader(fromA.header), fromA.ciphertext)))
      expect(receive(b, fromA)).toBe(`Alice ${i}`)
      const fromB = send(b, `Bob ${i}`)
      transcript.push(bytesToHex(concatBytes(encodeHeader(fromB.header), fromB.ciphertext)))
      expect(receive(a, fromB)).toBe(`Bob ${i}`)
    }
    expect(bytesToHex(init.sharedKey)).toBe(FROZEN.sharedKey)
    expect(bytesToHex(init.associatedData)).toBe(FROZEN.associatedData)
    expect(bytesToHex(init.initialMessageHeader.ephemeralKey)).toBe(FROZEN.ephemeralKey)
    expect(transcript).toEqual(FROZEN.messages)
  })

  it('X3DH without a one-time prekey', () => {
    expect(bytesToHex(handshake('parley frozen transcript v1', false).init.sharedKey)).toBe(FROZEN.sharedKeyNoOneTime)
  })
})

/** Recorded once from the implementation, then frozen: the point is that they never drift. */
const FROZEN = {
  sharedKey: '1aca167b73300c368c646e016ea63d72d091d489b1677100af73665caf71d977',
  sharedKeyNoOneTime: '624b0e61418efbd3803528dc53a4f83304736756f13b0f8080429dffe6d23811',
  associatedData:
    '7061726c65792f783364682f763100313244334b6f6f57416c69636500313244334b6f6f57426f62595b49983731bb1cb98335a5b88d6e0ce0c429099ef32cf466c380f37ac9196fbe8f2ed3b400f9bf5d4b05788f914a08d71a281704333c687e406a277fc6951f',
  ephemeralKey: 'd4fa11aa37d916e3b7ccc3adf3a215992b5c3fdfcc0434d6946e676aa8afbe1e',
  // Alice 0, Bob 0, Alice 1, …: header (01 ‖ dh ‖ u32 pn ‖ u32 n) ‖ ciphertext ‖ tag
  messages: [
    '0138717c02e62cd107316de43d33f97075691c82da30357cd69cec46a48630e4500000000000000000a57da922e329ca3885b719921cccaa1dd531d98c1661a6',
    '0107050f1b21207aaf74e2e7b226a6544fe3467fdf8b4196979a864ad9cd6cf63100000000000000000b982bd9e849952beafc8795d47e84446c128bbaaa',
    '015377851b886d267872878317d06205bcbf602051c5ef56416415ec0aedd1f83000000001000000001b48fd1a31a37a51efaad6deb60865c9ac9456f04e0ad3',
    '012298421eac8a74fdaca2894031ae519a9a571c1acca615857b25f4c39f55022b000000010000000009f14a6b28e6e67d20829341326b5e1646da074264',
    '01e47e8a3c2f38aaabc424a37095230323f96d0ff82add161a90be56cc78d2a30b00000001000000005ea1996c76b0db12ccbbabca6869df1b36d2beb8f455fc',
    '01ba3f818b278727805405a187f649214d38a579f761c51af4a5716abb6c93a6670000000100000000c7303084a6eb1948a3824b0bd4ed9ca93a69ee75ad',
  ],
}
