import { afterEach, describe, expect, it } from 'vitest'
import { utf8 } from '../src/crypto/bytes.js'
import { createCommitter, createUnsettled, type CommitOp } from '../src/store/committer.js'
import { type SealedStore, type StoreOp } from '../src/store/sealed-store.js'
import { memoryStore } from './helpers/memory-store.js'

/**
 * The group commit (src/store/committer.ts) against a fake store that records
 * each batch and holds it "on its way to disk" until the test lets it land;
 * and, where what lands matters, against a real sealed store.
 */

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

interface Deferred {
  readonly promise: Promise<void>
  readonly resolve: () => void
  readonly reject: (err: unknown) => void
}

function deferred(): Deferred {
  let resolve!: () => void
  let reject!: (err: unknown) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

interface Batch {
  readonly ops: readonly StoreOp[]
  readonly sync: boolean | undefined
  /** Lets this batch land (or fail). */
  readonly done: Deferred
}

/** A store whose batches wait until the test settles them; nothing else of it is used. */
function fakeStore(options: { readonly autoLand?: boolean } = {}): { store: SealedStore; batches: Batch[] } {
  const batches: Batch[] = []
  const unused = (): never => {
    throw new Error('not used by the committer')
  }
  const store: SealedStore = {
    get: unused,
    getJson: unused,
    put: unused,
    putJson: unused,
    del: unused,
    batch(ops, batchOptions) {
      const done = deferred()
      batches.push({ ops, sync: batchOptions?.sync, done })
      if (options.autoLand === true) done.resolve()
      return done.promise
    },
    entries: unused,
    rawEntries: unused,
    putRaw: unused,
    blind: unused,
    close: unused,
  }
  return { store, batches }
}

/** Lets every pending microtask (and the ones they queue) run; no timers, no real time. */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}

/** Whether the promise has settled yet, without waiting for it. */
function watch(promise: Promise<unknown>): { readonly state: () => 'pending' | 'resolved' | 'rejected' } {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending'
  void promise.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  )
  return { state: () => state }
}

const put = (key: string, text: string): StoreOp => ({ type: 'put', key, value: utf8(text) })
const del = (key: string): StoreOp => ({ type: 'del', key })
/** A batch's ops as readable text. */
const shown = (ops: readonly StoreOp[]): string[] =>
  ops.map((op) => (op.type === 'del' ? `del ${op.key}` : `put ${op.key}=${Buffer.from(op.value).toString('utf8')}`))

async function realStore(): Promise<SealedStore> {
  const store = await memoryStore(new Uint8Array(32).fill(7))
  cleanups.push(() => store.close())
  return store
}

const text = (bytes: Uint8Array | undefined): string | undefined =>
  bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8')

describe('the group commit', () => {
  it('puts the writes of one microtask run into one batch, in the order they were queued, after that run', async () => {
    const { store, batches } = fakeStore({ autoLand: true })
    const committer = createCommitter(store)
    const first = committer.commit([put('a', '1'), put('b', '2')])
    const second = committer.commit([del('c')])
    const third = committer.commit([put('d', '4')])
    // nothing goes out while the callers of this run may still add theirs
    expect(batches).toHaveLength(0)
    await Promise.all([first, second, third])
    expect(batches).toHaveLength(1)
    expect(shown(batches[0]?.ops ?? [])).toEqual(['put a=1', 'put b=2', 'del c', 'put d=4'])
  })

  it('resolves each caller only once its batch is on disk', async () => {
    const { store, batches } = fakeStore()
    const committer = createCommitter(store)
    const write = watch(committer.commit([put('a', '1')]))
    await settle()
    expect(batches).toHaveLength(1)
    expect(write.state()).toBe('pending')
    batches[0]?.done.resolve()
    await settle()
    expect(write.state()).toBe('resolved')
  })

  it('gathers the writes queued while a batch is on its way to disk into the next batch', async () => {
    const { store, batches } = fakeStore()
    const committer = createCommitter(store)
    const first = watch(committer.commit([put('a', '1')]))
    await settle()
    const second = watch(committer.commit([put('b', '2')]))
    const third = watch(committer.commit([put('c', '3')]))
    await settle()
    // one batch at a time: the second waits for the first
    expect(batches).toHaveLength(1)
    batches[0]?.done.resolve()
    await settle()
    expect(first.state()).toBe('resolved')
    expect(batches).toHaveLength(2)
    expect(shown(batches[1]?.ops ?? [])).toEqual(['put b=2', 'put c=3'])
    expect([second.state(), third.state()]).toEqual(['pending', 'pending'])
    batches[1]?.done.resolve()
    await settle()
    expect([second.state(), third.state()]).toEqual(['resolved', 'resolved'])
  })

  it('keeps only the last write of each key in a batch, where that last write was queued', async () => {
    const { store, batches } = fakeStore({ autoLand: true })
    const committer = createCommitter(store)
    await Promise.all([
      committer.commit([put('a', '1'), put('b', '2')]),
      committer.commit([put('a', '3'), put('c', '4')]),
      committer.commit([del('c'), put('d', '5')]),
      committer.commit([del('e'), put('e', '6')]),
    ])
    expect(batches).toHaveLength(1)
    expect(shown(batches[0]?.ops ?? [])).toEqual(['put b=2', 'put a=3', 'del c', 'put d=5', 'put e=6'])
  })

  it('makes a function value only for the last write of its key, when the batch goes out', async () => {
    const { store, batches } = fakeStore({ autoLand: true })
    const committer = createCommitter(store)
    const made: string[] = []
    const lazy = (key: string, value: string): CommitOp => ({
      type: 'put',
      key,
      value: () => {
        made.push(value)
        return utf8(value)
      },
    })
    const writes = Promise.all([
      committer.commit([lazy('conv', 'v1'), lazy('other', 'o1')]),
      committer.commit([lazy('conv', 'v2')]),
      committer.commit([lazy('conv', 'v3'), del('other')]),
    ])
    expect(made).toEqual([]) // not when queued
    await writes
    expect(made).toEqual(['v3'])
    expect(shown(batches[0]?.ops ?? [])).toEqual(['put conv=v3', 'del other'])
  })

  it('rejects every caller of a failed batch with its error, and later batches still go out', async () => {
    const { store, batches } = fakeStore()
    const committer = createCommitter(store)
    const a = committer.commit([put('a', '1')])
    const b = committer.commit([put('b', '2')])
    await settle()
    const failure = new Error('disk full')
    batches[0]?.done.reject(failure)
    expect(await Promise.allSettled([a, b])).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ])

    const c = committer.commit([put('c', '3')])
    await settle()
    expect(batches).toHaveLength(2)
    expect(shown(batches[1]?.ops ?? [])).toEqual(['put c=3'])
    batches[1]?.done.resolve()
    await expect(c).resolves.toBeUndefined()
  })

  it('rejects the callers of a batch whose function value throws, without writing it, and goes on', async () => {
    const { store, batches } = fakeStore({ autoLand: true })
    const committer = createCommitter(store)
    const broken = new Error('cannot encode')
    const a = committer.commit([put('a', '1')])
    const b = committer.commit([
      {
        type: 'put',
        key: 'b',
        value: () => {
          throw broken
        },
      },
    ])
    expect(await Promise.allSettled([a, b])).toEqual([
      { status: 'rejected', reason: broken },
      { status: 'rejected', reason: broken },
    ])
    expect(batches).toHaveLength(0)
    await committer.commit([put('c', '3')])
    expect(batches.map((batch) => shown(batch.ops))).toEqual([['put c=3']])
  })

  it('does not strand a write queued by a caller as its own write settles', async () => {
    const { store, batches } = fakeStore({ autoLand: true })
    const committer = createCommitter(store)
    const followUp = committer.commit([put('a', '1')]).then(() => committer.commit([put('b', '2')]))
    await expect(followUp).resolves.toBeUndefined()
    expect(batches.map((batch) => shown(batch.ops))).toEqual([['put a=1'], ['put b=2']])
  })

  it('idle() resolves at once with nothing queued, else once everything queued so far is on disk', async () => {
    const { store, batches } = fakeStore()
    const committer = createCommitter(store)
    await expect(committer.idle()).resolves.toBeUndefined()

    const a = watch(committer.commit([put('a', '1')]))
    const idle = watch(committer.idle())
    await settle()
    const b = watch(committer.commit([put('b', '2')])) // queued behind the batch on its way
    await settle()
    expect(idle.state()).toBe('pending')
    batches[0]?.done.resolve()
    await settle()
    expect(a.state()).toBe('resolved')
    // the second batch is still out: not idle yet
    expect(batches).toHaveLength(2)
    expect(idle.state()).toBe('pending')
    batches[1]?.done.resolve()
    await settle()
    expect(b.state()).toBe('resolved')
    expect(idle.state()).toBe('resolved')
  })

  it('idle() resolves, not rejects, when a batch failed', async () => {
    const { store, batches } = fakeStore()
    const committer = createCommitter(store)
    const write = committer.commit([put('a', '1')])
    void write.catch(() => undefined)
    const idle = committer.idle()
    await settle()
    batches[0]?.done.reject(new Error('io error'))
    await expect(idle).resolves.toBeUndefined()
    await expect(write).rejects.toThrow('io error')
  })

  it('syncs its batches by default, and not with sync: false', async () => {
    const synced = fakeStore({ autoLand: true })
    await createCommitter(synced.store).commit([put('a', '1')])
    await createCommitter(synced.store, { sync: true }).commit([put('b', '2')])
    const unsynced = fakeStore({ autoLand: true })
    await createCommitter(unsynced.store, { sync: false }).commit([put('c', '3')])
    expect(synced.batches.map((batch) => batch.sync)).toEqual([true, true])
    expect(unsynced.batches.map((batch) => batch.sync)).toEqual([false])
  })

  it('on a real store: each key ends as its last write in the batch', async () => {
    const store = await realStore()
    await store.put('gone', utf8('old'))
    const committer = createCommitter(store)
    await Promise.all([
      committer.commit([put('k', 'first'), put('gone', 'rewritten')]),
      committer.commit([{ type: 'put', key: 'k', value: () => utf8('made') }, del('gone')]),
      committer.commit([put('plain', 'p')]),
    ])
    expect(text(await store.get('k'))).toBe('made')
    expect(await store.get('gone')).toBeUndefined()
    expect(text(await store.get('plain'))).toBe('p')
  })
})

describe('unsettled writes', () => {
  const tracked = (key: string): boolean => key.startsWith('dm/')

  it('are read before they are on disk: puts as their value, function values made, dels as absent', async () => {
    const store = await realStore()
    await store.put('dm/old', utf8('on disk'))
    const unsettled = createUnsettled(store, tracked)
    const landed = deferred()
    const done = unsettled.tracked(
      [put('dm/new', 'queued'), { type: 'put', key: 'dm/lazy', value: () => utf8('made') }, del('dm/old')],
      () => landed.promise,
    )
    expect(text(await unsettled.view.get('dm/new'))).toBe('queued')
    expect(text(await unsettled.view.get('dm/lazy'))).toBe('made')
    expect(await unsettled.view.get('dm/old')).toBeUndefined()
    // the store itself has none of it yet
    expect(await store.get('dm/new')).toBeUndefined()
    expect(text(await store.get('dm/old'))).toBe('on disk')
    landed.resolve()
    await done
  })

  it('are read from the store once settled', async () => {
    const store = await realStore()
    const unsettled = createUnsettled(store, tracked)
    const committer = createCommitter(store)
    const ops = [put('dm/a', 'one')]
    await unsettled.tracked(ops, () => committer.commit(ops))
    expect(text(await unsettled.view.get('dm/a'))).toBe('one')
    // the view no longer holds its own copy: a later change on disk shows
    await store.put('dm/a', utf8('changed on disk'))
    expect(text(await unsettled.view.get('dm/a'))).toBe('changed on disk')
  })

  it('are forgotten when their write fails, which reaches the caller', async () => {
    const store = await realStore()
    const unsettled = createUnsettled(store, tracked)
    const failure = new Error('disk full')
    await expect(unsettled.tracked([put('dm/a', 'lost')], () => Promise.reject(failure))).rejects.toBe(failure)
    expect(await unsettled.view.get('dm/a')).toBeUndefined()
  })

  it('answer with the later write of a key, also after the earlier one settled', async () => {
    const store = await realStore()
    const unsettled = createUnsettled(store, tracked)
    const first = deferred()
    const second = deferred()
    const a = unsettled.tracked([put('dm/k', 'first')], async () => {
      await first.promise
      await store.put('dm/k', utf8('first'))
    })
    const b = unsettled.tracked([put('dm/k', 'second')], async () => {
      await second.promise
      await store.put('dm/k', utf8('second'))
    })
    expect(text(await unsettled.view.get('dm/k'))).toBe('second')
    first.resolve()
    await a
    // on disk: the first; still on its way: the second, which is what counts
    expect(text(await store.get('dm/k'))).toBe('first')
    expect(text(await unsettled.view.get('dm/k'))).toBe('second')
    second.resolve()
    await b
    expect(text(await unsettled.view.get('dm/k'))).toBe('second')
  })

  it('cover only the keys it tracks: others are read from the store meanwhile', async () => {
    const store = await realStore()
    await store.put('other', utf8('on disk'))
    const unsettled = createUnsettled(store, tracked)
    const landed = deferred()
    const done = unsettled.tracked([put('other', 'queued'), put('dm/x', 'queued')], () => landed.promise)
    expect(text(await unsettled.view.get('other'))).toBe('on disk')
    expect(text(await unsettled.view.get('dm/x'))).toBe('queued')
    landed.resolve()
    await done
  })
})
