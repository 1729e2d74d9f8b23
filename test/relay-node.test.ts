import { spawn } from 'node:child_process'
import { circuitRelayTransport, type CircuitRelayService } from '@libp2p/circuit-relay-v2'
import { identify } from '@libp2p/identify'
import type { Connection, Libp2pEvents } from '@libp2p/interface'
import { noise } from '@libp2p/noise'
import { tcp } from '@libp2p/tcp'
import { yamux } from '@libp2p/yamux'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p, type Libp2p } from 'libp2p'
import { afterEach, describe, expect, it } from 'vitest'
import { createMessenger, type Messenger, type MessengerOptions } from '../src/core/messenger.js'
import { RELAY_SERVER_SERVICE } from '../src/network/relay-server.js'
import { TEST_KDF_COST, PASSWORD } from './helpers/accounts.js'
import { makeTempDir } from './helpers/temp-dir.js'
import { startHeadlessNode } from './helpers/app.js'
import { CliPeer, requireBuiltCli } from './support/cli-process.js'

const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup()
  }
})

const TEST_PROTOCOL = '/parley-test/sink/1.0.0'

/** A headless `node-key` messenger on 127.0.0.1, as `parley node` builds one. */
function startNode(overrides: Partial<MessengerOptions> = {}): Promise<Messenger> {
  return startHeadlessNode(cleanups, overrides)
}

async function relayAddress(messenger: Messenger): Promise<string> {
  const status = await messenger.handlers.getNetworkStatus({})
  const address = status.listenAddresses.find((a) => a.startsWith('/ip4/127.0.0.1/tcp/'))
  if (address === undefined) throw new Error(`no loopback address in ${status.listenAddresses.join(', ')}`)
  return address.includes('/p2p/') ? address : `${address}/p2p/${status.peerId}`
}

/**
 * A plain libp2p peer (not Parley) that can dial and listen through circuit
 * relays; `listen` may hold `<relay>/p2p-circuit` to reserve a slot there.
 * Built unstarted, so a test sees a failing start itself.
 */
async function plainPeer(listen: string[]): Promise<Libp2p> {
  const node = await createLibp2p({
    start: false,
    addresses: { listen },
    transports: [tcp(), circuitRelayTransport()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    // libp2p's default gate refuses private addresses; everything here is on 127.0.0.1
    connectionGater: { denyDialMultiaddr: () => false },
    services: { identify: identify() },
  })
  cleanups.push(async () => {
    await node.stop()
  })
  return node
}

/** Resolves once `check` holds, testing it now and after each `event` of `node`; bounded by a timeout. */
function when(
  node: Libp2p,
  event: keyof Libp2pEvents,
  check: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      clearTimeout(timer)
      node.removeEventListener(event, listener)
      if (err === undefined) resolve()
      else reject(err)
    }
    const listener = (): void => {
      if (check()) done()
    }
    const timer = setTimeout(() => {
      done(new Error(`not within ${timeoutMs} ms: ${what}`))
    }, timeoutMs)
    node.addEventListener(event, listener)
    listener()
  })
}

const circuitAddresses = (node: Libp2p): string[] =>
  node
    .getMultiaddrs()
    .map((ma) => ma.toString())
    .filter((a) => a.includes('/p2p-circuit'))

const closed = (node: Libp2p, conn: Connection): Promise<void> =>
  // the relay resets it: 'aborted' (or 'reset') rather than 'closed'
  when(
    node,
    'connection:close',
    () => conn.status !== 'open' && conn.status !== 'closing',
    'the relayed connection ends',
  )

/** A listener that reads every stream it is given (over relayed, limited connections too) and counts the bytes. */
async function countStreams(node: Libp2p): Promise<{ bytes: number }> {
  const received = { bytes: 0 }
  await node.handle(
    TEST_PROTOCOL,
    async (stream) => {
      try {
        for await (const chunk of stream) received.bytes += chunk.byteLength
      } catch {
        // the relay cut the connection: what this test is about
      }
    },
    { runOnLimitedConnection: true },
  )
  return received
}

describe('a headless node with the relay server on', () => {
  it('serves reservations with no account, shows the holder a /p2p-circuit address, and keeps to its limits', async () => {
    const relay = await startNode({ relay: { maxReservations: 1, maxDataBytes: 48 * 1024, maxDurationMs: 60_000 } })

    // no account anywhere, yet the relay runs as a node service
    expect(relay.account()).toBeUndefined()
    expect(relay.services()).toEqual({ node: ['relay'], account: [] })
    expect(relay.relay()).toMatchObject({
      limits: { maxReservations: 1, maxDataBytes: 48 * 1024, maxDurationMs: 60_000 },
      reservations: 0,
    })
    // lan-only: the relay is added to identify (and its push) and ping, nothing that reaches the internet
    const relayNode = relay.network()?.node()
    expect(Object.keys(relayNode?.services ?? {}).sort()).toEqual(
      ['identify', 'identifyPush', 'ping', RELAY_SERVER_SERVICE].sort(),
    )

    // a plain libp2p peer reserves a slot and becomes reachable through the relay
    const address = await relayAddress(relay)
    const holder = await plainPeer([`${address}/p2p-circuit`])
    await holder.start()
    await when(holder, 'self:peer:update', () => circuitAddresses(holder).length > 0, 'a /p2p-circuit address')
    const [through] = circuitAddresses(holder)
    expect(through).toBe(`${address}/p2p-circuit/p2p/${holder.peerId.toString()}`)
    expect(relay.relay()?.reservations).toBe(1)

    // the reservation carries the configured limits (data in bytes, duration in ms as libp2p keeps it)
    const server = relayNode?.services[RELAY_SERVER_SERVICE] as CircuitRelayService
    expect(server.reservations.get(holder.peerId)?.limit).toEqual({ data: BigInt(48 * 1024), duration: 60_000 })

    // max reservations 1: a second peer is refused
    const refused = await plainPeer([`${address}/p2p-circuit`])
    await expect(refused.start()).rejects.toThrow(/RESERVATION_REFUSED/)
    expect(relay.relay()?.reservations).toBe(1)

    // a third peer reaches the holder through the relay: a limited connection, with the relay's data limit
    const received = await countStreams(holder)
    const dialer = await plainPeer([])
    await dialer.start()
    const conn = await dialer.dial(multiaddr(through ?? ''), { signal: AbortSignal.timeout(10_000) })
    expect(conn.remotePeer.equals(holder.peerId)).toBe(true)
    expect(conn.remoteAddr.toString()).toContain('/p2p-circuit')
    expect(conn.limits?.bytes).toBeDefined()
    expect(conn.limits?.bytes).toBeLessThanOrEqual(BigInt(48 * 1024))

    // and the relay enforces it: past 48 KiB the relayed connection is cut
    const gone = closed(dialer, conn)
    const stream = await conn.newStream(TEST_PROTOCOL, { runOnLimitedConnection: true })
    const chunk = new Uint8Array(8 * 1024)
    try {
      for (let sent = 0; sent < 256 * 1024 && stream.status === 'open'; sent += chunk.length) {
        if (!stream.send(chunk)) await stream.onDrain({ signal: AbortSignal.timeout(10_000) })
      }
    } catch {
      // the stream went down with the connection
    }
    await gone
    expect(received.bytes).toBeLessThan(48 * 1024)
    // the holder keeps its reservation: only the relayed connection went
    expect(relay.relay()?.reservations).toBe(1)
  })

  it('cuts a relayed connection at the duration limit', async () => {
    const relay = await startNode({ relay: { maxDurationMs: 1_000 } })
    const address = await relayAddress(relay)
    const holder = await plainPeer([`${address}/p2p-circuit`])
    await holder.start()
    await when(holder, 'self:peer:update', () => circuitAddresses(holder).length > 0, 'a /p2p-circuit address')
    const dialer = await plainPeer([])
    await dialer.start()
    const conn = await dialer.dial(multiaddr(circuitAddresses(holder)[0] ?? ''), {
      signal: AbortSignal.timeout(10_000),
    })
    // nothing is sent: the relay closes it when the duration runs out (an event, not a sleep here)
    await closed(dialer, conn)
    expect(relay.relay()?.reservations).toBe(1)
  })

  it('runs node services only while a node runs: offline stops the relay, lan-only starts it again', async () => {
    const relay = await startNode({ relay: {} })
    expect(relay.services().node).toEqual(['relay'])
    expect(relay.relay()?.limits).toEqual({
      maxReservations: 32,
      maxDataBytes: 16 * 1024 * 1024,
      maxDurationMs: 1_800_000,
    })

    await relay.handlers.setNetworkMode({ mode: 'offline' })
    expect(relay.services().node).toEqual([])
    expect(relay.relay()).toBeUndefined()

    await relay.handlers.setNetworkMode({ mode: 'lan-only' })
    expect(relay.services().node).toEqual(['relay'])
    const holder = await plainPeer([`${await relayAddress(relay)}/p2p-circuit`])
    await holder.start()
    expect(relay.relay()?.reservations).toBe(1)
  })

  it('is off by default', async () => {
    const plain = await startNode()
    expect(plain.services()).toEqual({ node: [], account: [] })
    expect(plain.network()?.node()?.services[RELAY_SERVER_SERVICE]).toBeUndefined()
  })
})

describe('services of an account', () => {
  it('start on unlock in dependency order and stop on lock, while the node services run with the node', async () => {
    const dir = await makeTempDir()
    cleanups.push(dir.cleanup)
    const messenger = createMessenger({
      dataDir: dir.path,
      host: 'in-process',
      mode: 'lan-only',
      listen: ['/ip4/127.0.0.1/tcp/0'],
      mdns: false,
      kdfCost: TEST_KDF_COST,
      relay: { maxReservations: 4 },
    })
    await messenger.start()
    cleanups.push(() => messenger.stop())
    // the app's identity is the account's: no node, so no node services, until one is unlocked
    expect(messenger.services()).toEqual({ node: [], account: [] })

    await messenger.handlers.createAccount({ username: 'ada', password: PASSWORD, confirmPassword: PASSWORD })
    expect(messenger.services()).toEqual({
      node: ['relay'],
      account: ['outbox', 'contacts', 'sessions', 'messages'],
    })

    await messenger.handlers.lockAccount({})
    expect(messenger.services()).toEqual({ node: [], account: [] })
  })
})

describe('parley node --relay', () => {
  it('prints dialable addresses and relays for a peer that reserves through one of them', async () => {
    const dir = await makeTempDir()
    cleanups.push(dir.cleanup)
    const args = [
      requireBuiltCli(),
      'node',
      '--data-dir',
      dir.path,
      '--listen',
      '/ip4/127.0.0.1/tcp/0',
      '--no-mdns',
      '--relay',
      '--relay-max-reservations',
      '1',
      '--print-address',
    ]
    const peer = new CliPeer(spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] }))
    cleanups.push(() => peer.stop())
    const line = await peer.waitForLine((l) => l.startsWith('/ip4/127.0.0.1/tcp/'))
    expect(line).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/12D3KooW\w+$/)
    expect(peer.stdoutLines.every((l) => /\/p2p\/12D3KooW\w+$/.test(l))).toBe(true)

    const holder = await plainPeer([`${line}/p2p-circuit`])
    await holder.start()
    await when(holder, 'self:peer:update', () => circuitAddresses(holder).length > 0, 'a /p2p-circuit address')
    await expect(plainPeer([`${line}/p2p-circuit`]).then((p) => p.start())).rejects.toThrow(/RESERVATION_REFUSED/)
  })

  it.each([
    [['--relay', '--relay-max-reservations', '0'], '--relay-max-reservations must be a whole number from 1 to 10000'],
    [['--relay-max-data', '1024'], '--relay-max-data needs --relay'],
  ])('exits with code 2 and a clear message for %j', async (extra, message) => {
    const dir = await makeTempDir()
    cleanups.push(dir.cleanup)
    const child = spawn(process.execPath, [requireBuiltCli(), 'node', '--data-dir', dir.path, ...extra], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const peer = new CliPeer(child)
    // 'close' comes after the last of its output
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
    expect(code).toBe(2)
    expect(peer.stderrLines.join('\n')).toContain(`parley: ${message}`)
  })
})
