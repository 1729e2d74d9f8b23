import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiEvent, NearbyPeer, Result } from '../src/api/index.js'
import { requireBuiltCli } from './support/cli-process.js'
import { createLan, netnsUnavailableReason, type Lan, type LanHost } from './support/netns.js'

const unavailable = await netnsUnavailableReason()
if (unavailable !== undefined) process.stdout.write(`[lan-nearby] skipped: ${unavailable}\n`)

const STDIO_PEER = fileURLToPath(new URL('./support/stdio-peer.mjs', import.meta.url))
const PASSWORD = 'correct horse battery staple'

/** A core with accounts in a namespace, driven over stdio. */
class StdioPeer {
  private nextId = 1
  private readonly pending = new Map<number, (result: Result<unknown>) => void>()
  private readonly listeners = new Set<(event: ApiEvent) => void>()
  readonly ready: Promise<void>

  constructor(readonly child: ChildProcess) {
    if (child.stdout === null || child.stdin === null) throw new Error('pipes expected')
    let markReady: () => void = () => undefined
    this.ready = new Promise((resolve) => (markReady = resolve))
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { id?: number; result?: Result<unknown>; event?: ApiEvent; ready?: boolean }
      if (message.ready === true) markReady()
      if (message.id !== undefined && message.result !== undefined) this.pending.get(message.id)?.(message.result)
      if (message.event !== undefined) {
        if (process.env.PARLEY_DEBUG_TEST === '1')
          process.stderr.write(`${JSON.stringify(message.event).slice(0, 200)}\n`)
        for (const l of this.listeners) l(message.event)
      }
    })
  }

  async call<T>(command: string, args: unknown = {}): Promise<T> {
    const id = this.nextId++
    const result = await new Promise<Result<unknown>>((resolve) => {
      this.pending.set(id, resolve)
      this.child.stdin?.write(`${JSON.stringify({ id, command, args })}\n`)
    })
    if (!result.ok) throw new Error(`${command}: ${result.error.code} ${result.error.message}`)
    return result.value as T
  }

  /** Resolves with the first event matching `check` (events only: no polling). */
  waitForEvent(check: (event: ApiEvent) => boolean, timeoutMs = 15_000): Promise<ApiEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener)
        reject(new Error('no matching event'))
      }, timeoutMs)
      const listener = (event: ApiEvent): void => {
        if (check(event)) {
          clearTimeout(timer)
          this.listeners.delete(listener)
          resolve(event)
        }
      }
      this.listeners.add(listener)
    })
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.kill('SIGTERM')
    await exited
  }
}

describe.skipIf(unavailable !== undefined)(
  `Nearby on a real LAN${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let lan: Lan
    let dataRoot: string
    const peers: StdioPeer[] = []

    beforeAll(async () => {
      requireBuiltCli()
      lan = await createLan('nearby')
      dataRoot = await mkdtemp(join(tmpdir(), 'parley-nearby-'))
    })

    afterAll(async () => {
      await Promise.all(peers.map((p) => p.stop()))
      await lan.destroy()
      await rm(dataRoot, { recursive: true, force: true })
    })

    async function start(host: LanHost, name: string): Promise<{ peer: StdioPeer; peerId: string }> {
      const peer = new StdioPeer(
        host.spawn(process.execPath, [STDIO_PEER, join(dataRoot, name), '/ip4/0.0.0.0/tcp/4001']),
      )
      peers.push(peer)
      await peer.ready
      await peer.call('createAccount', { username: name, password: PASSWORD, confirmPassword: PASSWORD })
      const status = await peer.call<{ peerId: string }>('getNetworkStatus')
      return { peer, peerId: status.peerId }
    }

    /** Resolves once `peer` is connected to `otherId` (mDNS found it and dialled): by event, or already. */
    async function connected(peer: StdioPeer, otherId: string): Promise<void> {
      const event = peer.waitForEvent((e) => e.name === 'peerConnected' && e.payload.peerId === otherId)
      const status = await peer.call<{ peers: { peerId: string; state: string }[] }>('getNetworkStatus')
      if (status.peers.some((p) => p.peerId === otherId && p.state === 'connected')) {
        event.catch(() => undefined)
        return
      }
      await event
    }

    /** The first `nearbyChanged` at `peer` whose list passes `check`. */
    function nearbyWhere(
      peer: StdioPeer,
      check: (nearby: readonly NearbyPeer[]) => boolean,
    ): Promise<readonly NearbyPeer[]> {
      return peer
        .waitForEvent((e) => e.name === 'nearbyChanged' && check(e.payload.nearby))
        .then((e) => (e.name === 'nearbyChanged' ? e.payload.nearby : []))
    }
    const entry = (nearby: readonly NearbyPeer[], peerId: string): NearbyPeer | undefined =>
      nearby.find((p) => p.peerId === peerId)

    it('shows peers already connected as soon as they turn visible, follows the request, and forgets on "off"', async () => {
      const a = await start(lan.a, 'alice')
      const b = await start(lan.b, 'bob')
      // mDNS connects them right after sign-up, before either is visible
      await connected(a.peer, b.peerId)
      await connected(b.peer, a.peerId)
      expect(await a.peer.call('getNearbyVisibility')).toEqual({ visible: false })
      expect(await a.peer.call('listNearby')).toEqual([])
      expect(await b.peer.call('listNearby')).toEqual([])

      // A turns visible: B, not visible, neither answers nor lists anyone
      await a.peer.call('setNearbyVisibility', { visible: true })
      // B turns visible: each appears in the other's list, on the connection they already have
      const aSeesB = nearbyWhere(a.peer, (n) => entry(n, b.peerId) !== undefined)
      const bSeesA = nearbyWhere(b.peer, (n) => entry(n, a.peerId) !== undefined)
      await b.peer.call('setNearbyVisibility', { visible: true })
      const fingerprint = expect.stringMatching(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/) as string
      const atB = entry(await bSeesA, a.peerId)
      expect(atB).toEqual({
        peerId: a.peerId,
        displayName: 'alice',
        fingerprint,
        isContact: false,
        relation: 'none',
        requestId: null,
      })
      expect(entry(await aSeesB, b.peerId)).toMatchObject({ displayName: 'bob', relation: 'none' })
      // what B sees is what A's own Parley shows
      const own = await a.peer.call<{ peerId: string; fingerprint: string }>('getOwnFingerprint')
      expect(own).toEqual({ peerId: a.peerId, fingerprint: atB?.fingerprint })

      // A asks from Nearby: A's card says "sent", B's says "received", and B's request carries A's fingerprint
      const sentAtA = nearbyWhere(a.peer, (n) => entry(n, b.peerId)?.relation === 'requestSent')
      const receivedAtB = nearbyWhere(b.peer, (n) => entry(n, a.peerId)?.relation === 'requestReceived')
      const requested = b.peer.waitForEvent(
        (e) => e.name === 'contactRequestsChanged' && e.payload.requests.some((r) => r.peerId === a.peerId),
      )
      await a.peer.call('addNearby', { peerId: b.peerId, message: 'hello neighbour' })
      expect(entry(await sentAtA, b.peerId)?.requestId).toMatch(/^[0-9a-f]{32}$/)
      const requests = await requested
      if (requests.name !== 'contactRequestsChanged') throw new Error('unreachable')
      const request = requests.payload.requests.find((r) => r.peerId === a.peerId)
      expect(request).toMatchObject({ direction: 'incoming', message: 'hello neighbour', fingerprint: own.fingerprint })
      expect(entry(await receivedAtB, a.peerId)?.requestId).toBe(request?.requestId)

      // B accepts: both cards become contacts without anyone listing again
      const contactAtA = nearbyWhere(a.peer, (n) => entry(n, b.peerId)?.relation === 'contact')
      const contactAtB = nearbyWhere(b.peer, (n) => entry(n, a.peerId)?.relation === 'contact')
      await b.peer.call('respondToRequest', { requestId: request?.requestId, response: 'accept' })
      expect(entry(await contactAtB, a.peerId)).toMatchObject({ isContact: true, requestId: null })
      expect(entry(await contactAtA, b.peerId)).toMatchObject({ isContact: true, requestId: null })
      const contactsAtA = await a.peer.call<{ peerId: string }[]>('listContacts')
      expect(contactsAtA.map((c) => c.peerId)).toEqual([b.peerId])

      // A switches off: gone from B's list at once (still connected), and A lists nobody
      const goneAtB = nearbyWhere(b.peer, (n) => entry(n, a.peerId) === undefined)
      const emptyAtA = nearbyWhere(a.peer, (n) => n.length === 0)
      await a.peer.call('setNearbyVisibility', { visible: false })
      await goneAtB
      await emptyAtA
      expect(await b.peer.call('listNearby')).toEqual([])
      // and back on: back in B's list, as a contact
      const backAtB = nearbyWhere(b.peer, (n) => entry(n, a.peerId)?.relation === 'contact')
      await a.peer.call('setNearbyVisibility', { visible: true })
      await backAtB
      // and none of it went beyond the LAN
      expect(await lan.a.sinkTxPackets()).toBe(0)
      expect(await lan.b.sinkTxPackets()).toBe(0)
    })
  },
)
