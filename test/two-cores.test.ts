import { memory } from '@libp2p/memory'
import { afterEach, describe, expect, it } from 'vitest'
import type { ParleyClient } from '../src/api/index.js'
import { createMessenger, type Messenger, type MessengerOptions } from '../src/core/messenger.js'
import { createInProcessClient } from '../src/hosts/in-process.js'
import { waitForEvent } from './helpers/events.js'
import { makeTempDir } from './helpers/temp-dir.js'

const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup()
  }
})

/** A core on 127.0.0.1; `beforeStart` may subscribe to what its start reports. */
async function startCore(
  overrides: Partial<MessengerOptions> = {},
  beforeStart: (client: ParleyClient) => void = () => undefined,
): Promise<{ messenger: Messenger; client: ParleyClient; dataDir: string }> {
  const dir = await makeTempDir()
  cleanups.push(dir.cleanup)
  const messenger = createMessenger({
    dataDir: dir.path,
    host: 'in-process',
    identity: 'node-key',
    mode: 'lan-only',
    listen: ['/ip4/127.0.0.1/tcp/0'],
    mdns: false,
    ...overrides,
  })
  const client = createInProcessClient(messenger)
  beforeStart(client)
  await messenger.start()
  cleanups.push(() => messenger.stop())
  return { messenger, client, dataDir: dir.path }
}

async function dialableAddress(client: ParleyClient): Promise<string> {
  const status = await client.invoke('getNetworkStatus', {})
  if (!status.ok) throw new Error(status.error.message)
  const address = status.value.listenAddresses.find(
    (a) => a.startsWith('/ip4/127.0.0.1/tcp/') || a.startsWith('/memory/'),
  )
  if (address === undefined) throw new Error(`no dialable address in ${status.value.listenAddresses.join(', ')}`)
  return address.includes('/p2p/') ? address : `${address}/p2p/${status.value.peerId}`
}

describe('two cores', () => {
  it('dial each other over TCP on 127.0.0.1 with Noise + yamux, and both report it through events', async () => {
    const a = await startCore()
    const b = await startCore()
    const bStatus = await b.client.invoke('getNetworkStatus', {})
    const aStatus = await a.client.invoke('getNetworkStatus', {})
    if (!aStatus.ok || !bStatus.ok) throw new Error('status failed')

    const aSeesB = waitForEvent(a.client, 'peerConnected', (p) => p.peerId === bStatus.value.peerId)
    const bSeesA = waitForEvent(b.client, 'peerConnected', (p) => p.peerId === aStatus.value.peerId)
    const dialed = await a.client.invoke('dialPeer', { multiaddr: await dialableAddress(b.client) })
    expect(dialed).toMatchObject({ ok: true, value: { peerId: bStatus.value.peerId } })

    const [atA, atB] = await Promise.all([aSeesB, bSeesA])
    expect(atA.state).toBe('connected')
    expect(atB.state).toBe('connected')
    expect(atA.addresses[0]).toMatch(/^\/ip4\/127\.0\.0\.1\/tcp\/\d+/)

    // the connection really is Noise-encrypted and yamux-multiplexed
    const conn = a.messenger.network()?.node()?.getConnections()[0]
    expect(conn?.encryption).toBe('/noise')
    expect(conn?.multiplexer).toBe('/yamux/1.0.0')

    // status agrees with the events, on both sides
    const after = await b.client.invoke('getNetworkStatus', {})
    expect(after.ok && after.value.peers).toEqual([
      expect.objectContaining({ peerId: aStatus.value.peerId, state: 'connected' }),
    ])

    // hanging up is reported on both sides too
    const aGone = waitForEvent(b.client, 'peerDisconnected', (p) => p.peerId === aStatus.value.peerId)
    expect(await a.client.invoke('hangUpPeer', { peerId: bStatus.value.peerId })).toEqual({ ok: true, value: null })
    await aGone
  })

  it('keeps the same peer ID across restarts of a data directory', async () => {
    const dir = await makeTempDir()
    cleanups.push(dir.cleanup)
    const ids: string[] = []
    for (let i = 0; i < 2; i++) {
      const messenger = createMessenger({
        dataDir: dir.path,
        host: 'in-process',
        identity: 'node-key',
        mode: 'offline',
      })
      await messenger.start()
      ids.push((await messenger.handlers.getNetworkStatus({})).peerId)
      await messenger.stop()
    }
    expect(ids[0]).toMatch(/^12D3KooW/)
    expect(ids[1]).toBe(ids[0])
  })

  it('runs on the in-memory transport that tests may inject', async () => {
    const name = `parley-${process.pid}-${Date.now()}`
    const a = await startCore({ transports: [memory()], listen: [`/memory/${name}-a`] })
    const b = await startCore({ transports: [memory()], listen: [`/memory/${name}-b`] })
    const bId = (await b.messenger.handlers.getNetworkStatus({})).peerId
    const connected = waitForEvent(a.client, 'peerConnected', (p) => p.peerId === bId)
    const result = await a.client.invoke('dialPeer', { multiaddr: `/memory/${name}-b/p2p/${bId}` })
    expect(result.ok).toBe(true)
    await connected
  })

  it('switches modes: offline stops the node, lan-only starts it again with the same identity', async () => {
    const a = await startCore()
    const before = await a.messenger.handlers.getNetworkStatus({})
    const offline = await a.client.invoke('setNetworkMode', { mode: 'offline' })
    expect(offline).toMatchObject({ ok: true, value: { mode: 'offline', running: false, listenAddresses: [] } })
    const refused = await a.client.invoke('dialPeer', { multiaddr: `/ip4/127.0.0.1/tcp/1/p2p/${before.peerId}` })
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_RUNNING' } })

    const changed = waitForEvent(a.client, 'networkModeChanged', (p) => p.mode === 'lan-only')
    const back = await a.client.invoke('setNetworkMode', { mode: 'lan-only' })
    expect(back).toMatchObject({ ok: true, value: { mode: 'lan-only', running: true, peerId: before.peerId } })
    expect((await changed).status.listenAddresses.length).toBeGreaterThan(0)
  })

  it('refuses in lan-only mode to dial anything beyond the LAN, before any packet is sent', async () => {
    const a = await startCore()
    const b = await startCore()
    const bId = (await b.messenger.handlers.getNetworkStatus({})).peerId
    for (const address of [`/ip4/203.0.113.7/tcp/4001/p2p/${bId}`, `/dns4/example.org/tcp/4001/p2p/${bId}`]) {
      const result = await a.client.invoke('dialPeer', { multiaddr: address })
      expect(result).toMatchObject({ ok: false, error: { code: 'DIAL_FAILED' } })
      expect(!result.ok && result.error.message).toMatch(/LAN-only/)
    }
  })

  it('reports a clear error for an address without a peer ID or one that does not answer', async () => {
    const a = await startCore()
    const noPeer = await a.client.invoke('dialPeer', { multiaddr: '/ip4/127.0.0.1/tcp/1' })
    expect(noPeer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
    const b = await startCore()
    const bId = (await b.messenger.handlers.getNetworkStatus({})).peerId
    await b.messenger.stop()
    const dead = await a.client.invoke('dialPeer', { multiaddr: `/ip4/127.0.0.1/tcp/1/p2p/${bId}` })
    expect(dead).toMatchObject({ ok: false, error: { code: 'DIAL_FAILED' } })
  })
})

describe('internet mode', () => {
  it('starts the DHT, relay client, DCUtR and AutoNAT, and connects over WebSockets', async () => {
    const internet: Partial<MessengerOptions> = {
      mode: 'internet',
      bootstrap: [],
      listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'],
    }
    const a = await startCore(internet)
    const b = await startCore(internet)
    const node = a.messenger.network()?.node()
    expect(Object.keys(node?.services ?? {}).sort()).toEqual([
      'autonat',
      'dcutr',
      'dht',
      'identify',
      'identifyPush',
      'ping',
    ])
    const bStatus = await b.messenger.handlers.getNetworkStatus({})
    const ws = bStatus.listenAddresses.find((address) => address.includes('/ws/'))
    expect(ws).toBeDefined()
    const connected = waitForEvent(b.client, 'peerConnected')
    const dialed = await a.client.invoke('dialPeer', { multiaddr: ws ?? '' })
    expect(dialed).toMatchObject({ ok: true, value: { peerId: bStatus.peerId } })
    expect((await connected).addresses.join(' ')).toMatch(/\/ws/)
  })

  it('a peer found through the DHT bootstrap list is shown as such, not as found on the LAN', async () => {
    const b = await startCore({ mode: 'internet', bootstrap: [] })
    const bAddress = await dialableAddress(b.client)
    const bPeerId = bAddress.slice(bAddress.lastIndexOf('/') + 1)
    let discovered: Promise<unknown> = Promise.resolve()
    await startCore({ mode: 'internet', bootstrap: [bAddress] }, (client) => {
      discovered = waitForEvent(client, 'peerDiscovered', (p) => p.peerId === bPeerId)
    })
    expect(await discovered).toMatchObject({ peerId: bPeerId, source: 'dht' })
  })
})
