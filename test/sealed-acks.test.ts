import { randomBytes } from '@noble/hashes/utils.js'
import { describe, expect, it } from 'vitest'
import { toBase64, toHex } from '../src/crypto/bytes.js'
import { AckError, MAX_ACKED, openAck, sealAck } from '../src/sessions/acks.js'
import type { SealedAck } from '../src/generated/dm.js'
import type { SessionSet } from '../src/sessions/records.js'

/**
 * Acknowledgements sealed with a session's acknowledgement key: only the two
 * devices of that session can make one; it names envelopes and nothing else.
 * (The full path — a real session, an acknowledgement that removes outbox
 * entries — runs in every messaging test; see test/outbox.test.ts for an
 * acknowledgement that comes by another path.)
 */
const ALICE = '12D3KooWAlice'
const BOB = '12D3KooWBob'

/** Only what acknowledgements use of a session set: IDs, which is active, the keys. */
function sessionsWith(...sessions: { id: string; ackKey?: Uint8Array }[]): SessionSet {
  return {
    v: 2,
    active: sessions[0]?.id ?? null,
    sessions: sessions.map((s) => ({ id: s.id, ...(s.ackKey === undefined ? {} : { ackKey: toBase64(s.ackKey) }) })),
  } as unknown as SessionSet
}

const ids = (n: number): string[] => Array.from({ length: n }, () => toHex(randomBytes(16)))

function sealed(set: SessionSet, from: string, to: string, acked: readonly string[]): SealedAck {
  const ack = sealAck(set, from, to, acked)
  if (ack === undefined) throw new Error('no acknowledgement key')
  return ack
}

describe('sealed acknowledgements', () => {
  const key = randomBytes(32)
  const session = { id: toHex(randomBytes(16)), ackKey: key }

  it('name the envelopes they were sealed for, in order, at the other end of the session', () => {
    const acked = ids(3)
    expect(openAck(sessionsWith(session), BOB, ALICE, sealed(sessionsWith(session), BOB, ALICE, acked))).toEqual(acked)
    // up to 512 in one
    const many = ids(MAX_ACKED)
    expect(openAck(sessionsWith(session), BOB, ALICE, sealed(sessionsWith(session), BOB, ALICE, many))).toEqual(many)
    expect(() => sealAck(sessionsWith(session), BOB, ALICE, ids(MAX_ACKED + 1))).toThrow(AckError)
  })

  it('cannot be made without the key, moved to another session, turned around, or changed', () => {
    const ack = sealed(sessionsWith(session), BOB, ALICE, ids(2))
    const otherKey = { ...session, ackKey: randomBytes(32) }
    expect(() => openAck(sessionsWith(otherKey), BOB, ALICE, ack)).toThrow(AckError)
    const otherSession = { id: toHex(randomBytes(16)), ackKey: key }
    expect(() => openAck(sessionsWith(otherSession), BOB, ALICE, ack)).toThrow(AckError)
    expect(() =>
      openAck(sessionsWith(otherSession), BOB, ALICE, { ...ack, sessionId: Buffer.from(otherSession.id, 'hex') }),
    ).toThrow(AckError)
    // reflected back at its author as if the other side had said it
    expect(() => openAck(sessionsWith(session), ALICE, BOB, ack)).toThrow(AckError)
    for (const at of [0, 1, 30, ack.sealed.length - 1]) {
      const flipped = new Uint8Array(ack.sealed)
      flipped[at] = (flipped[at] ?? 0) ^ 1
      expect(() => openAck(sessionsWith(session), BOB, ALICE, { ...ack, sealed: flipped })).toThrow(AckError)
    }
  })

  it('a session from before acknowledgement keys has none: the caller falls back', () => {
    expect(sealAck(sessionsWith({ id: toHex(randomBytes(16)) }), BOB, ALICE, ids(1))).toBeUndefined()
    // the active session has no key, an older one has: that one is used
    const old = { id: toHex(randomBytes(16)) }
    expect(toHex(sealed(sessionsWith(old, session), BOB, ALICE, ids(1)).sessionId)).toBe(session.id)
  })
})
