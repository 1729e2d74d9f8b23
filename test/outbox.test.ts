import { randomBytes } from '@noble/hashes/utils.js'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../src/core/logger.js'
import { createManualClock, type ManualClock } from '../src/core/manual-clock.js'
import { toHex, utf8 } from '../src/crypto/bytes.js'
import { backoffDelay, type BackoffPolicy } from '../src/delivery/backoff.js'
import { createOutbox } from '../src/delivery/outbox.js'
import type { Carrier, Channel, OutEntry, Outbox, Refused, Transport } from '../src/delivery/types.js'
import { openSealedStore, type SealedStore } from '../src/store/sealed-store.js'
import { makeTempDir } from './helpers/temp-dir.js'

/**
 * The one outbox on a clock that moves only when told, with a transport the
 * test drives: what it is handed, when it is opened, and acknowledgements
 * that come back by another path (as from a mailbox or a relay).
 */
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const PEER = '12D3KooWPeerUnderTest'
const POLICY: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000, random: () => 0 }
const DATA_KEY = new Uint8Array(32).fill(9)

/** Lets pending callbacks run, for checks that something did not happen (timers run only on `advance`). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}

interface TestTransport extends Transport {
  /** When open was called, on the manual clock. */
  readonly opens: number[]
  /** Payloads handed to the wire, as text, in order. */
  readonly written: string[]
  reachable: boolean
  /** Breaks the open carrier: what it carried unacknowledged goes back in line. */
  breakCarrier(): void
  /** Resolves once `count` opens / writes have happened (checked as each happens). */
  opened(count: number): Promise<void>
  wrote(count: number): Promise<void>
}

function testTransport(clock: ManualClock, window = 100, ackTimeoutMs?: number): TestTransport {
  let broken: (() => void) | undefined
  const waiting: (() => void)[] = []
  const changed = (): void => {
    for (const check of waiting.splice(0)) check()
  }
  const until = (done: () => boolean): Promise<void> =>
    new Promise<void>((resolve) => {
      const check = (): void => {
        if (done()) resolve()
        else waiting.push(check)
      }
      check()
    })
  const transport: TestTransport = {
    opened: (count) => until(() => transport.opens.length >= count),
    wrote: (count) => until(() => transport.written.length >= count),
    name: 'test',
    window,
    ...(ackTimeoutMs === undefined ? {} : { ackTimeoutMs }),
    opens: [],
    written: [],
    reachable: false,
    canCarry: () => true,
    open() {
      transport.opens.push(clock.now())
      changed()
      if (!transport.reachable) return Promise.reject(new Error('unreachable'))
      const closed = new Promise<void>((resolve) => (broken = resolve))
      const carrier: Carrier = {
        closed,
        write(entry) {
          transport.written.push(Buffer.from(entry.payload).toString('utf8'))
          changed()
          return Promise.resolve()
        },
        close() {
          broken?.()
          return Promise.resolve()
        },
      }
      return Promise.resolve(carrier)
    },
    breakCarrier() {
      broken?.()
    },
  }
  return transport
}

interface Harness {
  readonly outbox: Outbox
  readonly store: SealedStore
  readonly delivered: string[]
  readonly refused: Refused[]
  readonly location: string
  close(): Promise<void>
}

async function harness(clock: ManualClock, transport: Transport, location?: string): Promise<Harness> {
  let path = location
  if (path === undefined) {
    const dir = await makeTempDir('parley-outbox-')
    cleanups.push(dir.cleanup)
    path = dir.path
  }
  const store = await openSealedStore(path, DATA_KEY)
  const outbox = createOutbox({ store, clock, logger: silentLogger, backoff: POLICY })
  const delivered: string[] = []
  const refused: Refused[] = []
  const channel: Channel = {
    name: 'test',
    prefix: 'out/test',
    transports: [transport],
    onDelivered(_peer, entries: readonly OutEntry[]) {
      delivered.push(...entries.map((e) => Buffer.from(e.payload).toString('utf8')))
      return Promise.resolve()
    },
    onRefused(_peer, r) {
      refused.push(...r)
      return Promise.resolve()
    },
  }
  outbox.register(channel)
  await outbox.load('test')
  let closed = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await outbox.stop()
    await store.close()
  }
  cleanups.push(close)
  return { outbox, store, delivered, refused, location: path, close }
}

async function send(outbox: Outbox, text: string): Promise<string> {
  const id = toHex(randomBytes(16))
  await outbox.enqueue('test', PEER, { id, payload: utf8(text), tag: text, meta: null })
  return id
}

async function stored(store: SealedStore): Promise<number> {
  let n = 0
  for await (const entry of store.entries('out/test/')) if (entry[0] !== '') n++
  return n
}

describe('the outbox on a manual clock', () => {
  it('retries under one backoff policy, doubling to its cap, and at once when the peer connects', async () => {
    const clock = createManualClock(1_000_000)
    const transport = testTransport(clock)
    const { outbox } = await harness(clock, transport)
    await send(outbox, 'hello')
    await transport.opened(1)
    expect(transport.opens).toEqual([1_000_000])
    // each failed attempt waits twice as long as the one before
    for (let attempt = 0; attempt < 8; attempt++) {
      const before = transport.opens.length
      clock.advance(backoffDelay(POLICY, attempt) - 1)
      await settle()
      expect(transport.opens).toHaveLength(before)
      clock.advance(1)
      await transport.opened(before + 1)
      expect(transport.opens).toHaveLength(before + 1)
    }
    const gaps = transport.opens.slice(1).map((at, i) => at - (transport.opens[i] ?? 0))
    expect(gaps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000])
    // the peer connects: the backoff is forgotten, and it goes now
    transport.reachable = true
    outbox.connected(PEER)
    await transport.wrote(1)
    expect(transport.opens.at(-1)).toBe(clock.now())
    expect(transport.written).toEqual(['hello'])
  })

  it('jitter only shortens a wait, by at most half', () => {
    for (const random of [0, 0.25, 0.5, 0.999]) {
      for (let n = 0; n < 12; n++) {
        const full = backoffDelay({ ...POLICY, random: () => 0 }, n)
        const jittered = backoffDelay({ ...POLICY, random: () => random }, n)
        expect(jittered).toBeLessThanOrEqual(full)
        expect(jittered).toBeGreaterThanOrEqual(full / 2)
      }
    }
  })

  it('an entry acknowledged by another path than the one that carried it leaves the outbox', async () => {
    const clock = createManualClock(0)
    const transport = testTransport(clock)
    transport.reachable = true
    const { outbox, store, delivered } = await harness(clock, transport)
    const first = await send(outbox, 'one')
    await send(outbox, 'two')
    await transport.wrote(2)
    expect(transport.written).toEqual(['one', 'two'])
    expect(outbox.pending('test', PEER)).toBe(2)
    // the acknowledgement arrives later, not on the carrier (e.g. sealed, from a mailbox)
    await outbox.acknowledge(PEER, [first])
    expect(delivered).toEqual(['one'])
    expect(outbox.isPending('test', PEER, 'one')).toBe(false)
    expect(outbox.isPending('test', PEER, 'two')).toBe(true)
    await outbox.stop()
    expect(await stored(store)).toBe(1)
    // an acknowledgement naming something unknown, or sent by someone else, changes nothing
    await outbox.acknowledge('someone-else', [first])
    expect(delivered).toEqual(['one'])
  })

  it('what a broken carrier carried unacknowledged is sent again, in order, after the backoff', async () => {
    const clock = createManualClock(0)
    const transport = testTransport(clock)
    transport.reachable = true
    const { outbox } = await harness(clock, transport)
    const a = await send(outbox, 'a')
    await send(outbox, 'b')
    await send(outbox, 'c')
    await transport.wrote(3)
    await outbox.acknowledge(PEER, [a])
    transport.breakCarrier()
    await settle()
    expect(transport.written).toEqual(['a', 'b', 'c'])
    clock.advance(backoffDelay(POLICY, 0))
    await transport.wrote(5)
    expect(transport.written).toEqual(['a', 'b', 'c', 'b', 'c'])
  })

  it('writes at most a window of unacknowledged entries; each acknowledgement makes room', async () => {
    const clock = createManualClock(0)
    const transport = testTransport(clock, 2)
    transport.reachable = true
    const { outbox } = await harness(clock, transport)
    const ids = []
    for (const text of ['1', '2', '3', '4', '5']) ids.push(await send(outbox, text))
    await transport.wrote(2)
    await settle()
    expect(transport.written).toEqual(['1', '2'])
    await outbox.acknowledge(PEER, ids.slice(0, 1))
    await transport.wrote(3)
    await settle()
    expect(transport.written).toEqual(['1', '2', '3'])
    await outbox.acknowledge(PEER, ids.slice(1, 3))
    await transport.wrote(5)
    expect(transport.written).toEqual(['1', '2', '3', '4', '5'])
  })

  it('a restart with entries waiting sends them again, in order, and their acknowledgements still count', async () => {
    const clock = createManualClock(0)
    const offline = testTransport(clock)
    const first = await harness(clock, offline)
    const ids = []
    for (const text of ['x', 'y', 'z']) ids.push(await send(first.outbox, text))
    await settle()
    expect(offline.written).toEqual([])
    await first.close()

    const online = testTransport(clock)
    online.reachable = true
    const again = await harness(clock, online, first.location)
    await online.wrote(3)
    expect(online.written).toEqual(['x', 'y', 'z'])
    await again.outbox.acknowledge(PEER, ids)
    expect(again.delivered).toEqual(['x', 'y', 'z'])
    await again.outbox.stop()
    expect(await stored(again.store)).toBe(0)
  })

  it('a refusal for good takes the entry out and says why; "not now" sends it again later', async () => {
    const clock = createManualClock(0)
    const transport = testTransport(clock)
    transport.reachable = true
    const { outbox, refused } = await harness(clock, transport)
    const bad = await send(outbox, 'bad')
    const later = await send(outbox, 'later')
    await transport.wrote(2)
    await outbox.refuse(PEER, [{ id: bad, code: 'MALFORMED', permanent: true }])
    expect(refused.map((r) => [Buffer.from(r.entry.payload).toString('utf8'), r.code])).toEqual([['bad', 'MALFORMED']])
    await outbox.refuse(PEER, [{ id: later, code: 'RATE_LIMITED', permanent: false }])
    await settle()
    expect(outbox.pending('test', PEER)).toBe(1)
    clock.advance(backoffDelay(POLICY, 0))
    await transport.wrote(3)
    expect(transport.written).toEqual(['bad', 'later', 'later'])
  })

  it('entries that hear no acknowledgement for the transport’s limit are sent again on a new carrier', async () => {
    const clock = createManualClock(0)
    const transport = testTransport(clock, 100, 20_000)
    transport.reachable = true
    const { outbox, delivered } = await harness(clock, transport)
    const one = await send(outbox, 'one')
    const two = await send(outbox, 'two')
    await transport.wrote(2)
    expect(transport.opens).toHaveLength(1)
    // an acknowledgement within the limit keeps the carrier, and starts the wait again
    clock.advance(15_000)
    await outbox.acknowledge(PEER, [one])
    clock.advance(15_000)
    await settle()
    expect(transport.opens).toHaveLength(1)
    // then nothing for 20 s: the carrier is given up, and after the backoff 'two' goes again
    clock.advance(5_000)
    await settle()
    clock.advance(POLICY.baseMs)
    await transport.wrote(3)
    expect(transport.opens).toHaveLength(2)
    expect(transport.written).toEqual(['one', 'two', 'two'])
    await outbox.acknowledge(PEER, [two])
    expect(delivered).toEqual(['one', 'two'])
    expect(outbox.pending('test', PEER)).toBe(0)
  })
})
