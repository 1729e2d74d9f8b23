import { describe, expect, it } from 'vitest'
import { toBase64, toHex, utf8 } from '../src/crypto/bytes.js'
import { StoredSessionSet } from '../src/generated/session-store.js'
import {
  InvalidSessionRecordError,
  InvalidSessionStateError,
  MAX_SESSIONS,
  decodeSessionSet,
  encodeSessionSet,
  type SessionRecord,
  type SessionSet,
} from '../src/sessions/records.js'
import { MAX_STORED_SKIPPED, ratchetToStored, serializeSession } from '../src/signal/index.js'
import { handshake, receive, send, snapshot } from './helpers/ratchet.js'

/**
 * The stored form of a peer's sessions (dm/session/<blinded peer>): binary
 * since v2, JSON before; both read back to the same sessions, and anything
 * damaged is refused with an error the sessions layer turns into "start anew".
 */
function sessionsOf(seed: string): { set: SessionSet; session: SessionRecord } {
  const h = handshake(seed)
  // a few messages both ways: chains, a ratchet step, a skipped key
  receive(h.b, send(h.a, 'one'))
  send(h.a, 'lost')
  receive(h.b, send(h.a, 'three'))
  receive(h.a, send(h.b, 'back'))
  const session: SessionRecord = {
    id: toHex(new Uint8Array(16).fill(7)),
    initiatedByUs: true,
    ad: toBase64(h.a.ad),
    state: h.b.state,
    init: {
      identityKey: toBase64(h.alice.agreementPublic),
      ephemeralKey: toBase64(h.alice.agreementPublic),
      signedPrekeyId: 4,
      oneTimePrekeyId: null,
    },
    ackKey: toBase64(new Uint8Array(32).fill(9)),
    createdAt: 1_765_000_000_123,
  }
  return { set: { v: 2, active: session.id, sessions: [session] }, session }
}

const same = (a: SessionSet, b: SessionSet): void => {
  expect(b.active).toBe(a.active)
  expect(b.sessions.map((s) => ({ ...s, state: snapshot(s.state) }))).toEqual(
    a.sessions.map((s) => ({ ...s, state: snapshot(s.state) })),
  )
}

describe('stored session sets', () => {
  it('read back what was written, every field, and the ratchet still works after', () => {
    const { set, session } = sessionsOf('records-round-trip')
    expect(session.state.skipped.length).toBe(1)
    const read = decodeSessionSet(encodeSessionSet(set))
    same(set, read)
    // a session from before acknowledgement keys, that they started
    const noAck: SessionRecord = {
      id: toHex(new Uint8Array(16).fill(8)),
      initiatedByUs: false,
      ad: session.ad,
      state: session.state,
      init: null,
      createdAt: session.createdAt,
    }
    const two: SessionSet = { v: 2, active: null, sessions: [session, noAck] }
    same(two, decodeSessionSet(encodeSessionSet(two)))
  })

  it('are a third of the JSON they replace, or less', () => {
    const { set } = sessionsOf('records-size')
    const json = utf8(
      JSON.stringify({ ...set, v: 1, sessions: set.sessions.map((s) => ({ ...s, state: serializeSession(s.state) })) }),
    )
    const binary = encodeSessionSet(set)
    expect(binary.length * 2).toBeLessThan(json.length)
  })

  it('written as JSON before (v1) are still read, to the same sessions', () => {
    const { set } = sessionsOf('records-v1')
    const v1 = {
      v: 1,
      active: set.active,
      sessions: set.sessions.map((s) => ({ ...s, state: serializeSession(s.state) })),
    }
    same(set, decodeSessionSet(utf8(JSON.stringify(v1))))
    expect(() => decodeSessionSet(utf8('{"v":1,"active":null'))).toThrow(InvalidSessionRecordError)
    expect(() => decodeSessionSet(utf8(JSON.stringify({ ...v1, v: 3 })))).toThrow(InvalidSessionRecordError)
  })

  it('refuse a truncated record, an unknown version, too many sessions or skipped keys, and damaged keys', () => {
    const { set, session } = sessionsOf('records-damaged')
    const good = encodeSessionSet(set)
    const stored = StoredSessionSet.decode(good)
    const reencode = (change: (s: StoredSessionSet) => void): Uint8Array => {
      const copy = StoredSessionSet.decode(good)
      change(copy)
      return StoredSessionSet.encode(copy)
    }
    const first = stored.sessions[0] ?? expect.unreachable()
    const state = first.state ?? expect.unreachable()
    const firstOf = (s: StoredSessionSet): NonNullable<StoredSessionSet['sessions'][number]> =>
      s.sessions[0] ?? expect.unreachable()

    expect(() => decodeSessionSet(good.subarray(0, good.length - 5))).toThrow(InvalidSessionRecordError)
    expect(() => decodeSessionSet(new Uint8Array(0))).toThrow(InvalidSessionRecordError)
    expect(() => decodeSessionSet(reencode((s) => (s.version = 3)))).toThrow(/unknown session record version 3/)
    expect(() =>
      decodeSessionSet(reencode((s) => (s.sessions = Array.from({ length: MAX_SESSIONS + 1 }, () => first)))),
    ).toThrow(InvalidSessionRecordError)
    expect(() => decodeSessionSet(reencode((s) => (s.active = new Uint8Array(16))))).toThrow(/active session/)
    expect(() => decodeSessionSet(reencode((s) => (firstOf(s).id = new Uint8Array(3))))).toThrow(
      InvalidSessionRecordError,
    )
    expect(() => decodeSessionSet(reencode((s) => delete firstOf(s).state))).toThrow(InvalidSessionRecordError)

    const withState = (change: (r: typeof state) => void): Uint8Array =>
      reencode((s) => {
        const r = firstOf(s).state ?? expect.unreachable()
        change(r)
      })
    expect(() => decodeSessionSet(withState((r) => (r.rootKey = r.rootKey.subarray(0, 31))))).toThrow(
      InvalidSessionStateError,
    )
    expect(() => decodeSessionSet(withState((r) => (r.ourRatchetPublic = new Uint8Array(32))))).toThrow(
      /does not match/,
    )
    expect(() => decodeSessionSet(withState((r) => (r.ourRatchetSecret = new Uint8Array(0))))).toThrow(
      /half a ratchet key pair/,
    )
    expect(() => decodeSessionSet(withState((r) => (r.theirRatchetKey = new Uint8Array(0))))).toThrow(/needs/)
    const skipped = { ratchetKey: new Uint8Array(32), n: 1, messageKey: new Uint8Array(32) }
    expect(() =>
      decodeSessionSet(withState((r) => (r.skipped = Array.from({ length: MAX_STORED_SKIPPED + 1 }, () => skipped)))),
    ).toThrow(InvalidSessionRecordError)
    expect(() =>
      decodeSessionSet(withState((r) => (r.skipped = [{ ...skipped, messageKey: new Uint8Array(5) }]))),
    ).toThrow(/skipped key/)
    // and the good one still reads
    expect(decodeSessionSet(good).sessions[0]?.id).toBe(session.id)
    expect(ratchetToStored(session.state).rootKey.length).toBe(32)
  })
})
