import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage, MessagePage } from '../src/api/index.js'
import { utf8 } from '../src/crypto/bytes.js'
import {
  findMessage,
  idKey,
  lastMessage,
  msgPrefix,
  readContext,
  readPage,
  type HistoryReader,
  type RecordReader,
} from '../src/messages/history.js'
import { orderKey } from '../src/messages/ids.js'
import {
  newConversation,
  newMessageRecord,
  type ConversationRecord,
  type MessageRecord,
} from '../src/messages/records.js'
import { type SealedStore, type StoreOp } from '../src/store/sealed-store.js'
import { memoryStore } from './helpers/memory-store.js'

/**
 * Reading a conversation's history (src/messages/history.ts) from a real
 * sealed store, with the records written under the module's own keys.
 */

const SELF = 'self-peer'
const PEER = 'their-peer'
const CONV = 'c1' // a blinded conversation part of the keys
const CONVERSATION: ConversationRecord = { ...newConversation('c'.repeat(32), PEER), theirReadUpTo: 2 }

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function openStore(): Promise<SealedStore> {
  const store = await memoryStore(new Uint8Array(32).fill(5))
  cleanups.push(() => store.close())
  return store
}

interface Stored {
  readonly order: string
  readonly record: MessageRecord
}

/** Message number `n` of the conversation: theirs, sent at 1000 + n, with ID `m<n>`. */
function nth(n: number, fields: Partial<MessageRecord> = {}): Stored {
  const fromMe = fields.fromMe ?? false
  const sentAt = 1_000 + n
  const record: MessageRecord = {
    ...newMessageRecord({
      id: `m${n}`,
      fromMe,
      seq: n,
      sentAt,
      receivedAt: sentAt + 1,
      text: `message ${n}`,
      replyTo: null,
    }),
    ...fields,
  }
  return { order: orderKey(sentAt, fromMe ? SELF : PEER, fromMe ? PEER : SELF, n), record }
}

/** Writes messages the way the service does: the record under its order, and the ID index. */
async function write(store: SealedStore, messages: readonly Stored[], conv = CONV): Promise<void> {
  const ops: StoreOp[] = messages.flatMap(({ order, record }): StoreOp[] => [
    { type: 'put', key: msgPrefix(conv) + order, value: utf8(JSON.stringify(record)) },
    { type: 'put', key: idKey(conv, record.id), value: utf8(order) },
  ])
  await store.batch(ops)
}

function reader(store: SealedStore, overrides: Partial<HistoryReader> = {}): HistoryReader {
  return { store, view: store, showRead: () => true, isSending: () => false, ...overrides }
}

/** A conversation of `count` messages, m1…m<count>. */
async function conversationOf(count: number): Promise<{ store: SealedStore; messages: Stored[] }> {
  const store = await openStore()
  const messages = Array.from({ length: count }, (_, i) => nth(i + 1))
  await write(store, messages)
  return { store, messages }
}

const orderOfNth = (n: number): string => nth(n).order
const ids = (page: MessagePage | readonly ChatMessage[]): string[] =>
  ('messages' in page ? page.messages : page).map((m) => m.id)
const shape = (page: MessagePage): { ids: string[]; hasBefore: boolean; hasAfter: boolean } => ({
  ids: ids(page),
  hasBefore: page.hasBefore,
  hasAfter: page.hasAfter,
})

describe('reading pages of the history', () => {
  it('reads the newest page, oldest first, with older ones before it and none after', async () => {
    const { store } = await conversationOf(10)
    const page = await readPage(reader(store), CONV, CONVERSATION, { limit: 4 })
    expect(shape(page)).toEqual({ ids: ['m7', 'm8', 'm9', 'm10'], hasBefore: true, hasAfter: false })
  })

  it('says nothing is before when the page holds the whole conversation, also at exactly the limit', async () => {
    const { store } = await conversationOf(10)
    for (const limit of [10, 50]) {
      const page = await readPage(reader(store), CONV, CONVERSATION, { limit })
      expect(shape(page)).toEqual({
        ids: Array.from({ length: 10 }, (_, i) => `m${i + 1}`),
        hasBefore: false,
        hasAfter: false,
      })
    }
    const short = await readPage(reader(store), CONV, CONVERSATION, { limit: 9 })
    expect(short.messages).toHaveLength(9)
    expect(short.hasBefore).toBe(true)
  })

  it('reads an empty conversation as an empty page', async () => {
    const store = await openStore()
    const page = await readPage(reader(store), CONV, CONVERSATION, { limit: 5 })
    expect(shape(page)).toEqual({ ids: [], hasBefore: false, hasAfter: false })
  })

  it('pages back: the messages just before `before`, the later ones after it', async () => {
    const { store } = await conversationOf(10)
    const page = await readPage(reader(store), CONV, CONVERSATION, { before: orderOfNth(5), limit: 2 })
    expect(shape(page)).toEqual({ ids: ['m3', 'm4'], hasBefore: true, hasAfter: true })
    const start = await readPage(reader(store), CONV, CONVERSATION, { before: orderOfNth(3), limit: 5 })
    expect(shape(start)).toEqual({ ids: ['m1', 'm2'], hasBefore: false, hasAfter: true })
    const exact = await readPage(reader(store), CONV, CONVERSATION, { before: orderOfNth(3), limit: 2 })
    expect(shape(exact)).toEqual({ ids: ['m1', 'm2'], hasBefore: false, hasAfter: true })
  })

  it('pages forward: the messages just after `after`, saying whether newer ones follow', async () => {
    const { store } = await conversationOf(10)
    const page = await readPage(reader(store), CONV, CONVERSATION, { after: orderOfNth(5), limit: 3 })
    expect(shape(page)).toEqual({ ids: ['m6', 'm7', 'm8'], hasBefore: true, hasAfter: true })
    const exact = await readPage(reader(store), CONV, CONVERSATION, { after: orderOfNth(7), limit: 3 })
    expect(shape(exact)).toEqual({ ids: ['m8', 'm9', 'm10'], hasBefore: true, hasAfter: false })
    const end = await readPage(reader(store), CONV, CONVERSATION, { after: orderOfNth(10), limit: 3 })
    expect(shape(end)).toEqual({ ids: [], hasBefore: true, hasAfter: false })
  })

  it('between `after` and `before`: the newest of that range that fit, both bounds excluded', async () => {
    const { store } = await conversationOf(10)
    const bounds = { after: orderOfNth(2), before: orderOfNth(8) }
    const page = await readPage(reader(store), CONV, CONVERSATION, { ...bounds, limit: 3 })
    expect(shape(page)).toEqual({ ids: ['m5', 'm6', 'm7'], hasBefore: true, hasAfter: true })
    const all = await readPage(reader(store), CONV, CONVERSATION, { ...bounds, limit: 10 })
    expect(shape(all)).toEqual({ ids: ['m3', 'm4', 'm5', 'm6', 'm7'], hasBefore: false, hasAfter: true })
  })

  it("reads only this conversation's messages, not another's whose part starts the same", async () => {
    const { store } = await conversationOf(3)
    await write(
      store,
      [nth(0), nth(4), nth(99)].map((m) => ({ ...m, record: { ...m.record, id: `other-${m.record.id}` } })),
      `${CONV}0`,
    )
    const page = await readPage(reader(store), CONV, CONVERSATION, { limit: 10 })
    expect(ids(page)).toEqual(['m1', 'm2', 'm3'])
    expect((await lastMessage(reader(store), CONV, CONVERSATION))?.id).toBe('m3')
    expect(await readPage(reader(store), `${CONV}0`, CONVERSATION, { limit: 10 })).toMatchObject({
      messages: [{ id: 'other-m0' }, { id: 'other-m4' }, { id: 'other-m99' }],
    })
  })

  it('shows each message as the UI sees it: conversation, order, state, deleted text, quote', async () => {
    const store = await openStore()
    const messages = [
      nth(1, { fromMe: true }), // read: seq 1 ≤ theirReadUpTo 2
      nth(2, { fromMe: true, failed: true }),
      nth(3, { fromMe: true }), // still in the outbox
      nth(4, { fromMe: true }), // delivered: beyond what they read, not sending
      nth(5, { deleted: true, text: 'secret' }),
      nth(6, { replyTo: 'm1', mine: '👍', editedAt: 2_000 }),
      nth(7, { replyTo: 'm5' }),
      nth(8, { replyTo: 'not-here' }),
    ]
    await write(store, messages)
    const sending = new Set(['m3'])
    const page = await readPage(
      reader(store, { isSending: (peerId, id) => peerId === PEER && sending.has(id) }),
      CONV,
      CONVERSATION,
      { limit: 10 },
    )
    const byId = new Map(page.messages.map((m) => [m.id, m]))
    expect(page.messages.map((m) => m.state)).toEqual([
      'read',
      'failed',
      'sending',
      'delivered',
      null,
      null,
      null,
      null,
    ])
    expect(page.messages.map((m) => m.order)).toEqual(messages.map((m) => m.order))
    expect(byId.get('m1')).toMatchObject({
      conversationId: CONVERSATION.id,
      peerId: PEER,
      fromMe: true,
      seq: 1,
      sentAt: 1_001,
      receivedAt: 1_002,
      text: 'message 1',
    })
    expect(byId.get('m5')).toMatchObject({ text: '', deleted: true })
    expect(byId.get('m6')).toMatchObject({
      replyTo: { id: 'm1', fromMe: true, text: 'message 1', deleted: false },
      reactions: { mine: '👍', theirs: null },
      editedAt: 2_000,
    })
    expect(byId.get('m7')?.replyTo).toEqual({ id: 'm5', fromMe: false, text: '', deleted: true })
    expect(byId.get('m8')?.replyTo).toEqual({ id: 'not-here', fromMe: false, text: '', deleted: false })

    // with read receipts off, ours read by them show as delivered
    const unread = await readPage(reader(store, { showRead: () => false }), CONV, CONVERSATION, {
      limit: 1,
      before: messages[1]?.order ?? '',
    })
    expect(unread.messages[0]?.state).toBe('delivered')
  })

  it('looks quoted messages up through the view, which sees writes not yet on disk', async () => {
    const store = await openStore()
    const reply = nth(2, { replyTo: 'm1' })
    await write(store, [reply])
    const quoted = nth(1, { fromMe: true, text: 'x'.repeat(300) })
    const pending = new Map<string, Uint8Array>([
      [idKey(CONV, 'm1'), utf8(quoted.order)],
      [msgPrefix(CONV) + quoted.order, utf8(JSON.stringify(quoted.record))],
    ])
    const view: RecordReader = { get: async (key) => pending.get(key) ?? (await store.get(key)) }
    const [shown] = (await readPage(reader(store, { view }), CONV, CONVERSATION, { limit: 10 })).messages
    expect(shown?.replyTo).toEqual({ id: 'm1', fromMe: true, text: 'x'.repeat(200), deleted: false })
  })
})

describe('reading around a message', () => {
  const target = async (store: SealedStore, id: string): Promise<Stored> => {
    const found = await findMessage(store, CONV, id)
    if (found === undefined) throw new Error(`${id} not stored`)
    return found
  }

  it('reads about half the page before the message, the message, and the rest after it', async () => {
    const { store } = await conversationOf(11)
    const page = await readContext(reader(store), CONV, CONVERSATION, await target(store, 'm6'), 5)
    expect(shape(page)).toEqual({ ids: ['m4', 'm5', 'm6', 'm7', 'm8'], hasBefore: true, hasAfter: true })
    const wide = await readContext(reader(store), CONV, CONVERSATION, await target(store, 'm6'), 6)
    expect(shape(wide)).toEqual({ ids: ['m3', 'm4', 'm5', 'm6', 'm7', 'm8'], hasBefore: true, hasAfter: true })
  })

  it('near the start, gives the room left before it to the messages after it', async () => {
    const { store } = await conversationOf(11)
    const page = await readContext(reader(store), CONV, CONVERSATION, await target(store, 'm2'), 5)
    expect(shape(page)).toEqual({ ids: ['m1', 'm2', 'm3', 'm4', 'm5'], hasBefore: false, hasAfter: true })
  })

  it('near the end, says nothing comes after', async () => {
    const { store } = await conversationOf(11)
    const last = await readContext(reader(store), CONV, CONVERSATION, await target(store, 'm11'), 5)
    expect(shape(last)).toEqual({ ids: ['m9', 'm10', 'm11'], hasBefore: true, hasAfter: false })
    const exact = await readContext(reader(store), CONV, CONVERSATION, await target(store, 'm9'), 5)
    expect(shape(exact)).toEqual({ ids: ['m7', 'm8', 'm9', 'm10', 'm11'], hasBefore: true, hasAfter: false })
  })

  it('reads the whole of a short conversation', async () => {
    const { store } = await conversationOf(3)
    const page = await readContext(reader(store), CONV, CONVERSATION, await target(store, 'm2'), 50)
    expect(shape(page)).toEqual({ ids: ['m1', 'm2', 'm3'], hasBefore: false, hasAfter: false })
  })

  it('shows the target message as it was found', async () => {
    const { store } = await conversationOf(3)
    const found = await target(store, 'm2')
    const page = await readContext(reader(store), CONV, CONVERSATION, found, 3)
    expect(page.messages[1]).toMatchObject({ id: 'm2', order: found.order, text: 'message 2' })
  })

  // The API allows limit 1 (getMessageContext: min 1): the target alone, never one more.
  it('never returns more than the limit', async () => {
    const { store } = await conversationOf(5)
    for (const limit of [1, 2, 3]) {
      const page = await readContext(reader(store), CONV, CONVERSATION, await target(store, 'm3'), limit)
      expect(page.messages.length).toBeLessThanOrEqual(limit)
      expect(ids(page)).toContain('m3')
    }
  })
})

describe('finding messages', () => {
  it('finds a message by its ID: its order and its record', async () => {
    const store = await openStore()
    const messages = [nth(1), nth(2, { fromMe: true, replyTo: 'm1' })]
    await write(store, messages)
    expect(await findMessage(store, CONV, 'm2')).toEqual(messages[1])
    expect(await findMessage(store, CONV, 'm1')).toEqual(messages[0])
  })

  it('finds nothing for an unknown ID, an ID of another conversation, an empty index entry or a missing record', async () => {
    const store = await openStore()
    await write(store, [nth(1)])
    await write(store, [nth(2)], 'other')
    await store.put(idKey(CONV, 'emptied'), new Uint8Array(0))
    await store.put(idKey(CONV, 'dangling'), utf8(orderOfNth(7)))
    expect(await findMessage(store, CONV, 'nope')).toBeUndefined()
    expect(await findMessage(store, CONV, 'm2')).toBeUndefined()
    expect(await findMessage(store, CONV, 'emptied')).toBeUndefined()
    expect(await findMessage(store, CONV, 'dangling')).toBeUndefined()
  })

  it('reads the newest message by order, not by when it was written; none in an empty conversation', async () => {
    const store = await openStore()
    expect(await lastMessage(reader(store), CONV, CONVERSATION)).toBeNull()
    await write(store, [nth(9)])
    await write(store, [nth(3), nth(12), nth(5)])
    await write(store, [nth(10)])
    const last = await lastMessage(reader(store), CONV, CONVERSATION)
    expect(last).toMatchObject({
      id: 'm12',
      order: orderOfNth(12),
      text: 'message 12',
      conversationId: CONVERSATION.id,
    })
  })
})
