import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { utf8 } from '../src/crypto/bytes.js'
import { msgPrefix } from '../src/messages/history.js'
import { newMessageRecord } from '../src/messages/records.js'
import { bringSearchIndexUpToDate, searchTermKey } from '../src/messages/message-search.js'
import { markOps } from '../src/messages/search-marks.js'
import { findIndexed } from '../src/messages/search-query.js'
import {
  MARK_PREFIX,
  SEARCH_PREFIX,
  SearchIndexDamagedError,
  chunkKey,
  segmentKey,
} from '../src/messages/search-records.js'
import { openSearchStore, wipeSearchIndex } from '../src/messages/search-store.js'
import { buildStep, mergeMarks } from '../src/messages/search-writer.js'
import type { SealedStore } from '../src/store/sealed-store.js'
import { memoryStore } from './helpers/memory-store.js'

const C1 = 'a'.repeat(32)
const C2 = 'b'.repeat(32)
const order = (seq: number): string => `${String(1_000_000 + seq).padStart(15, '0')}-a-${String(seq).padStart(12, '0')}`

/** Writes a message record as the service does: with its mark when `marked`. */
async function write(store: SealedStore, conv: string, seq: number, text: string, marked = true): Promise<void> {
  const record = {
    ...newMessageRecord({ id: `m${seq}`, fromMe: true, seq, sentAt: seq, receivedAt: seq, text, replyTo: null }),
  }
  const op = { type: 'put' as const, key: msgPrefix(conv) + order(seq), value: utf8(JSON.stringify(record)) }
  await store.batch(marked ? ([op, ...markOps([op])] as (typeof op)[]) : [op])
}

async function seqs(store: SealedStore, query: string, conv?: string): Promise<number[] | undefined> {
  const index = await openSearchStore(store, searchTermKey(store))
  const words = query.split(' ')
  const found = await findIndexed(index, store, words, conv)
  return found?.map((m) => m.record.seq)
}

async function count(store: SealedStore, prefix: string): Promise<number> {
  let n = 0
  for await (const entry of store.rawEntries(prefix)) if (entry[0] !== '') n++
  return n
}

describe('persisted search index', () => {
  it('merges marked messages a segment at a time, folds segments into the base, and answers after reopening', async () => {
    const store = await memoryStore(new Uint8Array(randomBytes(32)))
    const index = await openSearchStore(store, searchTermKey(store))
    expect(await buildStep(index, store)).toBe(false) // an empty history: built at once
    // 40 merges of one message each: more segments than are kept apart, so they go into the base
    for (let seq = 1; seq <= 40; seq++) {
      await write(
        store,
        seq % 2 === 0 ? C1 : C2,
        seq,
        `note k${String(seq)}k about ${seq % 4 === 0 ? 'lunch' : 'work'}`,
      )
      expect(await mergeMarks(index, store, () => undefined)).toBe(true)
      await index.compactIfDue()
    }
    expect(await mergeMarks(index, store, () => undefined)).toBe(false)
    expect(await count(store, MARK_PREFIX)).toBe(0)
    expect(index.state.baseFirsts.length).toBeGreaterThan(0)
    expect(index.state.tailFrom).toBeGreaterThan(1)
    // a word, a start of a word, two words; newest first; one conversation
    expect(await seqs(store, 'k17k')).toEqual([17])
    expect(await seqs(store, 'lun')).toEqual([40, 36, 32, 28, 24, 20, 16, 12, 8, 4])
    expect(await seqs(store, 'lunch k2')).toEqual([28, 24, 20])
    expect(await seqs(store, 'lunch', C2)).toEqual([])
    expect(await seqs(store, 'work', C2)).toEqual([
      39, 37, 35, 33, 31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1,
    ])
    expect(await seqs(store, 'nothing')).toEqual([])
    // an edit: the new word finds it, the old one no longer
    await write(store, C1, 24, 'changed to dinner')
    await bringSearchIndexUpToDate(store)
    expect(await seqs(store, 'dinner')).toEqual([24])
    expect(await seqs(store, 'lunch')).toEqual([40, 36, 32, 28, 20, 16, 12, 8, 4])
  })

  it('builds the index of a history written without one, from the oldest record to the newest', async () => {
    const store = await memoryStore(new Uint8Array(randomBytes(32)))
    for (let seq = 1; seq <= 4_500; seq++)
      await write(store, seq % 3 === 0 ? C1 : C2, seq, `old k${String(seq)}k`, false)
    const index = await openSearchStore(store, searchTermKey(store))
    expect(await buildStep(index, store)).toBe(true)
    expect(index.state.build).not.toBeNull()
    // not built yet: the query is not answered from the index
    expect(await buildStep(index, store)).toBe(true)
    expect(await buildStep(index, store)).toBe(false)
    expect(index.state.build).toBeNull()
    expect(await seqs(store, 'k4499k')).toEqual([4499])
    expect(await seqs(store, 'k1234')).toEqual([1234])
    // a digit starts too many words to drive a query: the caller scans
    expect(await seqs(store, 'k')).toBeUndefined()
  })

  it('refuses a damaged or truncated record with a clear error; wiped, it is built again with nothing lost', async () => {
    const store = await memoryStore(new Uint8Array(randomBytes(32)))
    for (let seq = 1; seq <= 10; seq++) await write(store, C1, seq, `text k${String(seq)}k`)
    await bringSearchIndexUpToDate(store)
    expect(await seqs(store, 'k7k')).toEqual([7])
    // a chunk with a count beyond its bytes, then a segment cut short
    const termKey = searchTermKey(store)
    const index = await openSearchStore(store, termKey)
    await store.put(chunkKey(termKey, 'k7k', 1), Uint8Array.from([1, 9, 0, 1]))
    await expect(seqs(store, 'k7k')).rejects.toThrow(SearchIndexDamagedError)
    await expect(seqs(store, 'k7k')).rejects.toThrow(/posting chunk truncated/)
    expect(index.state.nextSeg).toBeGreaterThan(1)
    const segment = await store.get(segmentKey(1))
    await store.put(segmentKey(1), segment?.subarray(0, 3) ?? new Uint8Array())
    await expect(openSearchStore(store, termKey)).rejects.toThrow(/vocabulary segment/)
    await store.put('search/state', utf8('{"v":2}'))
    await expect(openSearchStore(store, termKey)).rejects.toThrow(/search index record damaged: state/)
    await wipeSearchIndex(store)
    expect(await count(store, SEARCH_PREFIX)).toBe(0)
    await bringSearchIndexUpToDate(store)
    for (let seq = 1; seq <= 10; seq++) expect(await seqs(store, `k${String(seq)}k`)).toEqual([seq])
  })
})
