import { afterEach, describe, expect, it } from 'vitest'
import { utf8 } from '../src/crypto/bytes.js'
import { dmConversationId } from '../src/messages/ids.js'
import { searchTermKey } from '../src/messages/message-search.js'
import { STATE_KEY, chunkKey } from '../src/messages/search-records.js'
import type { SealedStore } from '../src/store/sealed-store.js'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { befriend, person } from './helpers/people.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Waits (turns of the event loop, no timers) until the index holds every message and no mark is left. */
async function indexWritten(store: SealedStore): Promise<void> {
  for (let turn = 0; turn < 200_000; turn++) {
    let state: { build?: unknown } | undefined
    try {
      state = (await store.getJson(STATE_KEY)) as { build?: unknown } | undefined
    } catch {
      state = undefined
    }
    let marks = 0
    for await (const entry of store.rawEntries('search/q/')) if (entry[0] !== '') marks++
    if (state?.build === null && marks === 0) return
    await new Promise((resolve) => setImmediate(resolve))
  }
  throw new Error('the search index was not written')
}

describe('a damaged search index', () => {
  it('is noticed, the search still answers, and the index is built again', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    const conversationId = dmConversationId(alice.peerId, bob.peerId)
    const last = waitForEvent(bob.client, 'messagesChanged', (e) => e.messages.some((m) => m.text === 'filler 9'))
    for (const text of ['the wombat sleeps', ...Array.from({ length: 10 }, (_, i) => `filler ${String(i)}`)]) {
      await value(alice.client.invoke('sendMessage', { conversationId, text }))
    }
    await last
    const search = async (query: string): Promise<string[]> =>
      (await value(bob.client.invoke('searchMessages', { query }))).map((h) => h.message.text)
    expect(await search('womb')).toEqual(['the wombat sleeps'])
    const store = bob.messenger.account()?.store
    if (store === undefined) throw new Error('Bob is locked')
    await indexWritten(store)
    // the chunks of a word replaced by bytes that are not one
    const termKey = searchTermKey(store)
    for (let seg = 1; seg <= 3; seg++) await store.put(chunkKey(termKey, 'wombat', seg), utf8('not a chunk'))
    expect(await search('wombat')).toEqual(['the wombat sleeps'])
    await indexWritten(store)
    expect(await search('filler 3')).toEqual(['filler 3'])
    expect(await search('womb sle')).toEqual(['the wombat sleeps'])
  })
})
