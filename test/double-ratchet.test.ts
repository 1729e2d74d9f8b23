import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { signedPrekeyMessage } from '../src/identity/prekeys.js'
import { concatBytes, utf8 } from '../src/crypto/bytes.js'
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
  ratchetDecrypt,
  ratchetEncrypt,
  serializeSession,
  type PrekeyBundle,
} from '../src/signal/index.js'
import { handshake, send, receive, snapshot, advance } from './helpers/ratchet.js'
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
