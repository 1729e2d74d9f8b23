import { afterEach, describe, expect, it } from 'vitest'
import { MESSAGE_TEXT_MAX } from '../src/api/index.js'
import { applyReceived, encodeContent, trackSeq, type ApplyInput } from '../src/messages/apply-content.js'
import { newConversation } from '../src/messages/records.js'
import { EnvelopeRefusedError } from '../src/sessions/pairwise.js'
import { Content } from '../src/generated/dm.js'
import type { SealedStore } from '../src/store/sealed-store.js'
import { memoryStore } from './helpers/memory-store.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function input(overrides: Partial<ApplyInput> = {}): Promise<ApplyInput> {
  const store: SealedStore = await memoryStore(new Uint8Array(32).fill(3))
  cleanups.push(() => store.close())
  return {
    store,
    view: store,
    self: 'self-peer',
    peerId: 'their-peer',
    conv: 'c0ffee',
    conversation: newConversation('c'.repeat(32), 'their-peer'),
    now: 1_000,
    showRead: true,
    ...overrides,
  }
}

function text(seq: number, body: string): Uint8Array {
  return encodeContent({
    kind: Content.Kind.TEXT,
    seq: BigInt(seq),
    sentAt: BigInt(500 + seq),
    text: body,
    target: new Uint8Array(0),
    reaction: '',
    upTo: 0n,
    from: 0n,
  })
}

describe('received contents', () => {
  it('pads every content to a multiple of 64 bytes', () => {
    for (let n = 1; n < 300; n++) {
      const bytes = text(n, 'é'.repeat(n))
      expect(bytes.length % 64).toBe(0)
      // the same bytes as encoding the padding with the other fields, and it decodes back
      const decoded = Content.decode(bytes)
      expect(decoded.text).toBe('é'.repeat(n))
      expect(decoded.padding.every((b) => b === 0)).toBe(true)
      expect(Content.encode(decoded)).toEqual(bytes)
    }
  })

  it('tracks sequence numbers across a gap, and ignores numbers already applied', async () => {
    let conv = newConversation('c'.repeat(32), 'p')
    for (const seq of [1, 2, 4, 5]) conv = trackSeq(conv, seq)
    expect(conv).toMatchObject({ recvSeq: 2, ahead: [4, 5] })
    conv = trackSeq(conv, 3)
    expect(conv).toMatchObject({ recvSeq: 5, ahead: [] })

    const base = await input({ conversation: conv })
    expect(await applyReceived(base, text(4, 'again'))).toBeUndefined()
    const fresh = await applyReceived(base, text(6, 'new'))
    expect(fresh?.conversation).toMatchObject({ recvSeq: 6, total: 1, unread: 1 })
    expect(fresh?.notify).toBe('new')
  })

  it('refuses malformed content, empty or oversized text, and an impossible time', async () => {
    const base = await input()
    await expect(applyReceived(base, Uint8Array.of(0xff, 0xff, 0xff))).rejects.toBeInstanceOf(EnvelopeRefusedError)
    await expect(applyReceived(base, text(1, '   '))).rejects.toThrow('bad text')
    await expect(applyReceived(base, text(1, 'x'.repeat(MESSAGE_TEXT_MAX + 1)))).rejects.toThrow('bad text')
    const future = encodeContent({
      kind: Content.Kind.TEXT,
      seq: 1n,
      sentAt: 10n ** 16n,
      text: 'hi',
      target: new Uint8Array(0),
      reaction: '',
      upTo: 0n,
      from: 0n,
    })
    await expect(applyReceived(base, future)).rejects.toThrow('bad sequence or time')
  })

  it('ignores a content of an unknown version and an unknown kind, but takes its number', async () => {
    const base = await input()
    const newer = Content.encode({
      version: 2,
      kind: Content.Kind.TEXT,
      seq: 1n,
      sentAt: 1n,
      text: 'from the future',
      target: new Uint8Array(0),
      reaction: '',
      upTo: 0n,
      from: 0n,
      padding: new Uint8Array(0),
    })
    expect(await applyReceived(base, newer)).toBeUndefined()
    const unknownKind = encodeContent({
      kind: Content.Kind.UNKNOWN,
      seq: 1n,
      sentAt: 1n,
      text: '',
      target: new Uint8Array(0),
      reaction: '',
      upTo: 0n,
      from: 0n,
    })
    const applied = await applyReceived(base, unknownKind)
    expect(applied?.changed).toEqual([])
    expect(applied?.conversation.recvSeq).toBe(1)
  })

  it('bounds a resend request to what was sent and to 1,000 at once', async () => {
    const base = await input({ conversation: { ...newConversation('c'.repeat(32), 'their-peer'), sendSeq: 5000 } })
    const ask = (from: bigint, upTo: bigint): Uint8Array =>
      encodeContent({
        kind: Content.Kind.RESEND,
        seq: 0n,
        sentAt: 1n,
        text: '',
        target: new Uint8Array(0),
        reaction: '',
        upTo,
        from,
      })
    expect((await applyReceived(base, ask(10n, 99_999n)))?.resend).toEqual({ from: 10, to: 1009 })
    expect((await applyReceived(base, ask(4990n, 6000n)))?.resend).toEqual({ from: 4990, to: 5000 })
    expect((await applyReceived(base, ask(0n, 3n)))?.resend).toBeNull()
  })
})
