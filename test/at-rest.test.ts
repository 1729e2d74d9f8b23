import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_VISIBILITY } from '../src/api/index.js'
import { SEAL_OVERHEAD, TamperedError } from '../src/crypto/aead.js'
import { openSealedStore, type SealedStore } from '../src/store/sealed-store.js'
import { PASSWORD } from './helpers/accounts.js'
import { register, startApp, value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { findCanary } from './helpers/files.js'
import { befriend, person } from './helpers/people.js'
import { makeTempDir } from './helpers/temp-dir.js'
import { dmConversationId } from '../src/messages/ids.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('encryption at rest', () => {
  it('leaves no trace of a planted canary anywhere in the data directory or the backup', async () => {
    const canary = `canary-${randomBytes(8).toString('hex')}`
    const app = await startApp(cleanups)
    await register(app.client)
    await value(
      app.client.invoke('updateProfile', {
        fields: {
          displayName: `${canary} name`,
          country: `${canary}-country`,
          region: `${canary}-region`,
          town: `${canary}-town`,
          gender: `${canary}-gender`,
          birthday: '1980-01-01',
          email: `${canary}@example.org`,
          web: `https://${canary}.example.org`,
          about: `I am ${canary}.`,
        },
        visibility: { ...DEFAULT_VISIBILITY, email: 'contacts' },
      }),
    )
    // several writes, so LevelDB's log and tables both hold records
    for (let i = 0; i < 3; i++) {
      await value(app.client.invoke('getProfile', {}))
    }
    const exported = await value(app.client.invoke('exportBackup', { password: PASSWORD }))
    const chunks: Buffer[] = []
    for (let offset = 0, done = false; !done;) {
      const part = await value(
        app.client.invoke('readTransfer', { transferId: exported.transferId, offset, length: 32768 }),
      )
      const bytes = Buffer.from(part.data, 'base64')
      chunks.push(bytes)
      offset += bytes.length
      done = part.done
    }
    // flush and close the store so everything reaches the files
    await app.messenger.stop()

    expect(await findCanary(app.dataDir, canary)).toEqual([])
    const backup = Buffer.concat(chunks)
    expect(backup.length).toBe(exported.size)
    expect(backup.includes(Buffer.from(canary))).toBe(false)

    // and the test can find what it looks for: the same scan sees a canary written in clear
    const control = await makeTempDir()
    cleanups.push(control.cleanup)
    const db = new ClassicLevel(join(control.path, 'db'))
    await db.put('k', `hello ${canary}`)
    await db.close()
    expect((await findCanary(control.path, canary)).length).toBeGreaterThan(0)
  })
})

describe('messages at rest', () => {
  it('message text, edits, drafts, the outbox and the search index leave no trace on disk', async () => {
    // letters only, past the hex digits: no start of it can be part of a hex key by chance
    const canary = [...randomBytes(16)].map((b) => 'ghijklmnopqrstuvwxyz'[b % 20]).join('')
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    const got = waitForEvent(bob.client, 'messagesChanged', (e) => e.messages.some((m) => m.text.includes('edited')))
    const sent = await value(
      alice.client.invoke('sendMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        text: `hello ${canary}`,
      }),
    )
    await value(
      alice.client.invoke('editMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        messageId: sent.id,
        text: `edited ${canary}`,
      }),
    )
    await got
    const replied = waitForEvent(alice.client, 'messagesChanged', (e) => e.messages.some((m) => !m.fromMe))
    await value(
      bob.client.invoke('sendMessage', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        text: `reply ${canary}`,
        replyTo: sent.id,
      }),
    )
    await replied
    await value(
      bob.client.invoke('setDraft', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        draft: `draft ${canary}`,
      }),
    )
    expect(await value(bob.client.invoke('searchMessages', { query: canary }))).toHaveLength(2)
    // the search wrote the persisted index: its records are on disk when Bob locks
    const bobStore = bob.messenger.account()?.store
    if (bobStore === undefined) throw new Error('Bob is locked')
    await indexWritten(bobStore)
    expect(await value(bob.client.invoke('searchMessages', { query: canary.slice(0, 5) }))).toHaveLength(2)
    const searchRecords = await rawSearchRecords(bobStore)
    expect(searchRecords.some(([key]) => key.startsWith('search/p/'))).toBe(true)
    // Bob goes away: Alice's next messages wait in her outbox
    await value(bob.client.invoke('lockAccount', {}))
    for (let i = 0; i < 3; i++) {
      await value(
        alice.client.invoke('sendMessage', {
          conversationId: dmConversationId(alice.peerId, bob.peerId),
          text: `waiting ${String(i)} ${canary}`,
        }),
      )
    }
    const store = alice.messenger.account()?.store
    let waiting = 0
    for await (const entry of store?.entries('dm/out/') ?? []) if (entry[0] !== '') waiting++
    expect(waiting).toBe(3)
    await alice.messenger.stop()
    await bob.messenger.stop()
    for (const dir of [alice.dataDir, bob.dataDir]) {
      expect(await findCanary(dir, canary)).toEqual([])
      // nor any start of it the index could have kept (prefixes of 4 characters and more)
      for (let n = 4; n < canary.length; n++) expect(await findCanary(dir, canary.slice(0, n))).toEqual([])
      // which contact a conversation is with is not readable from the keys either
      expect(await findCanary(dir, bob.peerId)).toEqual([])
    }
    // the index's keys are fixed words and numbers or keyed hashes; its values are sealed, padded to powers of two
    for (const [key, sealed] of searchRecords) {
      expect(key).toMatch(
        /^search\/(state|q\/[0-9a-f]{32}|s\/[0-9a-f]{8}|b\/[0-9a-f]{8}\/[0-9a-f]{6}|p\/[0-9a-f]{32})$/,
      )
      if (/^search\/[psb]\//.test(key)) expect(Math.log2(sealed.length - SEAL_OVERHEAD) % 1).toBe(0)
      expect(Buffer.from(sealed).includes(Buffer.from('count'))).toBe(false)
    }
  })
})

/** Waits (turns of the event loop, no timers) until the index holds every message and no mark is left. */
async function indexWritten(store: SealedStore): Promise<void> {
  for (let turn = 0; turn < 200_000; turn++) {
    const state = (await store.getJson('search/state')) as { build?: unknown } | undefined
    let marks = 0
    for await (const entry of store.rawEntries('search/q/')) if (entry[0] !== '') marks++
    if (state?.build === null && marks === 0) return
    await new Promise((resolve) => setImmediate(resolve))
  }
  throw new Error('the search index was not written')
}

async function rawSearchRecords(store: SealedStore): Promise<[string, Uint8Array][]> {
  const out: [string, Uint8Array][] = []
  for await (const entry of store.rawEntries('search/')) out.push(entry)
  return out
}

describe('tampering with stored values', () => {
  async function storeWithTwoRecords(): Promise<{ dir: string; key: Uint8Array }> {
    const temp = await makeTempDir()
    cleanups.push(temp.cleanup)
    const key = new Uint8Array(randomBytes(32))
    const store = await openSealedStore(join(temp.path, 'db'), key)
    await store.putJson('profile/current', { name: 'first' })
    await store.putJson('settings/network', { mode: 'lan-only' })
    await store.close()
    return { dir: join(temp.path, 'db'), key }
  }

  async function rawEdit(dir: string, edit: (db: ClassicLevel<string, Uint8Array>) => Promise<void>): Promise<void> {
    const db = new ClassicLevel<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db.open()
    await edit(db)
    await db.close()
  }

  it('fails loudly when a byte of a value is flipped', async () => {
    const { dir, key } = await storeWithTwoRecords()
    await rawEdit(dir, async (db) => {
      const sealed = Uint8Array.from((await db.get('profile/current')) ?? [])
      sealed[sealed.length - 20] = (sealed[sealed.length - 20] ?? 0) ^ 0x01
      await db.put('profile/current', sealed)
    })
    const store = await openSealedStore(dir, key)
    cleanups.push(() => store.close())
    await expect(store.get('profile/current')).rejects.toThrow(TamperedError)
    await expect(store.get('profile/current')).rejects.toThrow(/record "profile\/current" failed authentication/)
    // the other record is still readable
    expect(await store.getJson('settings/network')).toEqual({ mode: 'lan-only' })
  })

  it('detects two values swapped between keys (the key is in the associated data)', async () => {
    const { dir, key } = await storeWithTwoRecords()
    await rawEdit(dir, async (db) => {
      const a = await db.get('profile/current')
      const b = await db.get('settings/network')
      if (a === undefined || b === undefined) throw new Error('records missing')
      await db.batch([
        { type: 'put', key: 'profile/current', value: b },
        { type: 'put', key: 'settings/network', value: a },
      ])
    })
    const store = await openSealedStore(dir, key)
    cleanups.push(() => store.close())
    await expect(store.get('profile/current')).rejects.toThrow(TamperedError)
    await expect(store.get('settings/network')).rejects.toThrow(TamperedError)
  })

  it('refuses truncated values and unknown format versions', async () => {
    const { dir, key } = await storeWithTwoRecords()
    await rawEdit(dir, async (db) => {
      const sealed = (await db.get('profile/current')) ?? new Uint8Array()
      await db.put('profile/current', sealed.subarray(0, 30))
      const other = Uint8Array.from((await db.get('settings/network')) ?? [])
      other[0] = 0x02
      await db.put('settings/network', other)
    })
    const store = await openSealedStore(dir, key)
    cleanups.push(() => store.close())
    await expect(store.get('profile/current')).rejects.toThrow(/truncated/)
    await expect(store.get('settings/network')).rejects.toThrow(/unknown format version/)
  })

  it('keys reveal no content: sensitive key parts are blinded with a keyed hash', async () => {
    const temp = await makeTempDir()
    cleanups.push(temp.cleanup)
    const store = await openSealedStore(join(temp.path, 'db'), new Uint8Array(randomBytes(32)))
    const other = await openSealedStore(join(temp.path, 'db2'), new Uint8Array(randomBytes(32)))
    const peer = '12D3KooWExamplePeer'
    expect(store.blind(peer)).toMatch(/^[0-9a-f]{32}$/)
    expect(store.blind(peer)).toBe(store.blind(peer))
    expect(store.blind(peer)).not.toBe(other.blind(peer))
    expect(store.blind(peer)).not.toContain('Example')
    await store.close()
    await other.close()
  })
})
