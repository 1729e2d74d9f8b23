import { describe, expect, it } from 'vitest'
import { toBase64, utf8 } from '../src/crypto/bytes.js'
import { decodeEntry, encodeEntry } from '../src/delivery/records.js'

/**
 * The outbox's records (src/delivery/records.ts): what it writes reads back,
 * entries written before the one outbox (direct messages, contact messages)
 * still read, and anything else is refused (the outbox drops it, loudly).
 */
const ID = 'ab'.repeat(16)
const PEER = '12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN'
const json = (value: unknown): Uint8Array => utf8(JSON.stringify(value))
const noPeer = (): string | undefined => undefined

describe('outbox records', () => {
  it('reads back what it writes', () => {
    const payload = new Uint8Array([1, 2, 3, 250])
    const value = encodeEntry({ id: ID, peer: PEER, payload, tag: 'm1', meta: { order: 'o', seq: 4 }, createdAt: 7 })
    expect(decodeEntry('dm/out/x/000000000001', value, noPeer)).toEqual({
      v: 1,
      id: ID,
      peer: PEER,
      payload: toBase64(payload),
      tag: 'm1',
      meta: { order: 'o', seq: 4 },
      createdAt: 7,
    })
  })

  it('reads a direct message entry from before the one outbox, its peer found from the key', () => {
    const old = { envelopeId: ID, envelope: 'AAEC', messageId: 'm9', order: 'o9', seq: 9, createdAt: 5 }
    const entry = decodeEntry('dm/out/blinded-peer/000000000003', json(old), (b) =>
      b === 'blinded-peer' ? PEER : undefined,
    )
    expect(entry).toEqual({
      v: 1,
      id: ID,
      peer: PEER,
      payload: 'AAEC',
      tag: 'm9',
      meta: { order: 'o9', seq: 9 },
      createdAt: 5,
    })
  })

  it('reads a contact message entry from before the one outbox', () => {
    const old = { id: ID, peerId: PEER, message: 'AAEC', attempts: 3, createdAt: 6 }
    expect(decodeEntry('outbox/contact/whatever', json(old), noPeer)).toEqual({
      v: 1,
      id: ID,
      peer: PEER,
      payload: 'AAEC',
      tag: null,
      meta: null,
      createdAt: 6,
    })
  })

  it('refuses what is not an entry: not JSON, an unknown version, a bad ID, an old entry whose peer is unknown', () => {
    const good = { v: 1, id: ID, peer: PEER, payload: '', tag: null, meta: null, createdAt: 1 }
    expect(decodeEntry('k', utf8('{not json'), noPeer)).toBeUndefined()
    expect(decodeEntry('k', json({ ...good, v: 2 }), noPeer)).toBeUndefined()
    expect(decodeEntry('k', json({ ...good, id: 'short' }), noPeer)).toBeUndefined()
    expect(decodeEntry('k', json({ ...good, extra: true }), noPeer)).toBeUndefined()
    expect(decodeEntry('dm/out/gone/1', json({ envelopeId: ID, envelope: '', createdAt: 1 }), noPeer)).toBeUndefined()
    expect(decodeEntry('k', json(null), noPeer)).toBeUndefined()
  })
})
