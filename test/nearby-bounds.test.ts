import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Connection, Stream, StreamHandler } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import type { ApiEvent, NearbyPeer } from '../src/api/index.js'
import type { ContactBook } from '../src/contacts/contact-book.js'
import { NEARBY_CHANGED_PROTOCOL, NEARBY_PROTOCOL } from '../src/contacts/contact-protocol.js'
import { contactNearby, type NearbyNode, type NearbyWire } from '../src/contacts/nearby.js'
import {
  NEARBY_MAX_CONCURRENT,
  NEARBY_MIN_INTERVAL_MS,
  createNearbySchedule,
  type NearbyJob,
} from '../src/contacts/nearby-schedule.js'
import { createEventHub } from '../src/core/events.js'
import { silentLogger } from '../src/core/logger.js'
import { createManualClock, type ManualClock } from '../src/core/manual-clock.js'
import type { NearbyInfo } from '../src/generated/contact.js'

/** Lets every settled promise run its continuations (no timers involved). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

async function peerIds(count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()),
  )
}

function lanConnection(peerId: string, index: number): Connection {
  return {
    remotePeer: { toString: () => peerId },
    remoteAddr: multiaddr(`/ip4/10.1.${Math.floor(index / 250)}.${(index % 250) + 1}/tcp/4001`),
    status: 'open',
    limits: undefined,
  } as unknown as Connection
}

/**
 * Nearby over a fake node and wire: every ask and notice waits until the test
 * releases it, so what runs at once can be counted.
 */
async function fakeNearby(peerCount: number, visible: boolean) {
  const clock: ManualClock = createManualClock(1_000_000)
  const peers = await peerIds(peerCount)
  const connections = peers.map((peerId, i) => lanConnection(peerId, i))
  const handlers = new Map<string, StreamHandler>()
  const node: NearbyNode = {
    handle: (protocol, handler) => {
      for (const p of [protocol].flat()) handlers.set(p, handler)
      return Promise.resolve()
    },
    getConnections: () => connections,
  }
  const waiting: (() => void)[] = []
  const counts = { ask: 0, notify: 0, answered: 0, refused: 0, inFlight: 0, maxInFlight: 0 }
  const held = <T>(kind: 'ask' | 'notify', value: T): Promise<T> => {
    counts[kind]++
    counts.inFlight++
    counts.maxInFlight = Math.max(counts.maxInFlight, counts.inFlight)
    return new Promise((resolve) =>
      waiting.push(() => {
        counts.inFlight--
        resolve(value)
      }),
    )
  }
  const wire: NearbyWire = {
    ask: (connection) =>
      held<NearbyInfo | undefined>('ask', {
        version: 1,
        displayName: `peer ${connection.remotePeer.toString().slice(-4)}`,
        agreementKey: new Uint8Array(32).fill(7),
      }),
    notify: () => held('notify', true),
    answer: (_stream, info) => {
      if (info === undefined) counts.refused++
      else counts.answered++
      return Promise.resolve()
    },
    accept: () => undefined,
  }
  const events = createEventHub(() => undefined)
  const seen: ApiEvent[] = []
  events.subscribe((event) => seen.push(event))
  const book: Pick<ContactBook, 'self' | 'contacts' | 'isBlocked' | 'requestFrom'> = {
    self: 'self',
    contacts: new Map(),
    isBlocked: () => false,
    requestFrom: () => undefined,
  }
  const nearby = contactNearby({
    book,
    store: { putJson: () => Promise.resolve() },
    events,
    identity: { signingPublic: new Uint8Array(32), agreementPublic: new Uint8Array(32) },
    clock,
    logger: silentLogger,
    visible,
    displayName: () => Promise.resolve('me'),
    node: () => node,
    sendRequest: () => Promise.reject(new Error('not used here')),
    wire,
  })
  await nearby.attach(node)

  /** Releases everything waiting, and what that starts, until nothing is left at this moment. */
  const drain = async (): Promise<void> => {
    await settle()
    while (waiting.length > 0) {
      for (const release of waiting.splice(0)) release()
      await settle()
    }
  }
  /** Drains, then moves time on by one interval at a time until no timer is left. */
  const finish = async (): Promise<void> => {
    await drain()
    while (clock.pending() > 0) {
      clock.advance(NEARBY_MIN_INTERVAL_MS)
      await drain()
    }
  }
  const handler = (protocol: string): StreamHandler => {
    const found = handlers.get(protocol)
    if (found === undefined) throw new Error(`no handler for ${protocol}`)
    return found
  }
  const fakeStream = {} as Stream
  return { nearby, peers, connections, clock, counts, drain, finish, handler, fakeStream, seen }
}

function at<T>(list: readonly T[], index: number): T {
  const item = list[index]
  if (item === undefined) throw new Error(`nothing at ${index}`)
  return item
}

const lastNearby = (seen: readonly ApiEvent[]): readonly NearbyPeer[] | undefined => {
  const event = seen.findLast((e) => e.name === 'nearbyChanged')
  return event?.name === 'nearbyChanged' ? event.payload.nearby : undefined
}

describe('Nearby bounds', () => {
  it('a flood of visibility switches asks and tells each peer at most twice, four at a time', async () => {
    const f = await fakeNearby(50, false)
    for (let i = 0; i <= 1000; i++) await f.nearby.setNearbyVisible(i % 2 === 0)
    // only the first round has started: four at once, the rest waiting
    expect(f.counts.inFlight).toBe(NEARBY_MAX_CONCURRENT)
    await f.finish()
    expect(f.counts.maxInFlight).toBeLessThanOrEqual(NEARBY_MAX_CONCURRENT)
    // one run while the switching went on, one more after it (their answers follow the last state)
    expect(f.counts.ask).toBeGreaterThanOrEqual(50)
    expect(f.counts.ask).toBeLessThanOrEqual(2 * 50)
    expect(f.counts.notify).toBeGreaterThanOrEqual(50)
    expect(f.counts.notify).toBeLessThanOrEqual(2 * 50)
    // the last switch was "on": everyone visible is listed, and said so
    expect(f.nearby.nearbyVisible()).toBe(true)
    expect(f.nearby.nearby()).toHaveLength(50)
    expect(lastNearby(f.seen)).toHaveLength(50)
    expect(lastNearby(f.seen)?.[0]).toMatchObject({ relation: 'none', requestId: null, isContact: false })

    // and nothing is left running or waiting
    const before = { ...f.counts }
    await f.finish()
    expect(f.counts).toEqual(before)
    expect(f.clock.pending()).toBe(0)
  })

  it('switching off forgets everyone at once and tells each peer once', async () => {
    const f = await fakeNearby(10, true)
    for (const peerId of f.peers) f.nearby.onNetworkEvent(peerConnected(peerId))
    await f.finish()
    expect(f.nearby.nearby()).toHaveLength(10)
    const asked = f.counts.ask

    await f.nearby.setNearbyVisible(false)
    expect(f.nearby.nearby()).toEqual([])
    expect(lastNearby(f.seen)).toEqual([])
    await f.finish()
    expect(f.counts.notify).toBe(10)
    // not visible: nobody is asked, and nobody is answered
    expect(f.counts.ask).toBe(asked)
    await f.handler(NEARBY_PROTOCOL)(f.fakeStream, at(f.connections, 0))
    expect(f.counts).toMatchObject({ answered: 0, refused: 1 })
  })

  it('a peer sending change notices without pause is asked at most once per interval', async () => {
    const f = await fakeNearby(1, true)
    const connection = at(f.connections, 0)
    const notices = f.handler(NEARBY_CHANGED_PROTOCOL)
    // ten seconds of notices, 100 every 100 ms
    for (let step = 0; step < 100; step++) {
      for (let i = 0; i < 100; i++) await notices(f.fakeStream, connection)
      await f.drain()
      f.clock.advance(100)
    }
    await f.finish()
    expect(f.counts.ask).toBeGreaterThanOrEqual(2)
    expect(f.counts.ask).toBeLessThanOrEqual(10_000 / NEARBY_MIN_INTERVAL_MS + 1)
    expect(f.counts.notify).toBe(0)
  })

  it('while not visible, connections and notices start nothing', async () => {
    const f = await fakeNearby(5, false)
    for (const [i, peerId] of f.peers.entries()) {
      f.nearby.onNetworkEvent(peerConnected(peerId))
      await f.handler(NEARBY_CHANGED_PROTOCOL)(f.fakeStream, at(f.connections, i))
    }
    await f.finish()
    expect(f.counts).toMatchObject({ ask: 0, notify: 0 })
    expect(f.nearby.nearby()).toEqual([])
  })
})

describe('Nearby schedule', () => {
  it('tracks a bounded number of peers and drops what waits for a peer that left', async () => {
    const clock = createManualClock(0)
    const started: string[] = []
    const waiting: (() => void)[] = []
    const schedule = createNearbySchedule({
      clock,
      maxPeers: 8,
      run: (peerId: string, job: NearbyJob) => {
        started.push(`${job}:${peerId}`)
        return new Promise<void>((resolve) => waiting.push(resolve))
      },
    })
    for (let i = 0; i < 20; i++) schedule.request(`p${i}`, 'probe')
    expect(schedule.running()).toBe(NEARBY_MAX_CONCURRENT)
    schedule.forget('p7')
    for (const release of waiting.splice(0)) release()
    await settle()
    // beyond 8 peers nothing was taken; p7 left before its turn
    while (waiting.length > 0) {
      for (const release of waiting.splice(0)) release()
      await settle()
    }
    expect(started.sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((p) => `probe:${p}`))
    clock.advance(NEARBY_MIN_INTERVAL_MS)
    expect(clock.pending()).toBe(0)
    expect(schedule.running()).toBe(0)
  })
})

function peerConnected(peerId: string): ApiEvent {
  return {
    name: 'peerConnected',
    payload: {
      peerId,
      state: 'connected',
      addresses: [],
      source: 'mdns',
      lastSeen: 0,
      route: 'lan',
      relayPeerId: null,
    },
  }
}
