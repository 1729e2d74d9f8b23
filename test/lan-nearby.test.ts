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

    it('shows a peer in Nearby only while it is visible, and adds it from there', async () => {
      const a = await start(lan.a, 'alice')
      const b = await start(lan.b, 'bob')
      expect(await a.peer.call('getNearbyVisibility')).toEqual({ visible: false })

      // off by default: B finds A over mDNS and connects, but A is not in B's Nearby list
      /** B leaves and rejoins the LAN; resolves with the nearby list B has once it has asked A again. */
      const rejoin = async (): Promise<readonly NearbyPeer[]> => {
        await b.peer.call('setNetworkMode', { mode: 'offline' })
        const connected = b.peer.waitForEvent((e) => e.name === 'peerConnected' && e.payload.peerId === a.peerId)
        const probed = b.peer.waitForEvent((e) => e.name === 'nearbyChanged')
        await b.peer.call('setNetworkMode', { mode: 'lan-only' })
        await connected
        const event = await probed
        if (event.name !== 'nearbyChanged') throw new Error('unreachable')
        return event.payload.nearby
      }
      // B asks A for nearby details right after connecting; A, not visible, refuses
      expect((await rejoin()).some((p) => p.peerId === a.peerId)).toBe(false)

      // visible: B sees A within seconds, with name and fingerprint, after (re)connecting
      await a.peer.call('setNearbyVisibility', { visible: true })
      const visibleList = await rejoin()
      expect(visibleList.find((p) => p.peerId === a.peerId)).toMatchObject({
        displayName: 'alice',
        isContact: false,
        fingerprint: expect.stringMatching(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/) as string,
      })

      // switched off again: A is gone from what B sees next time
      await a.peer.call('setNearbyVisibility', { visible: false })
      expect((await rejoin()).some((p) => p.peerId === a.peerId)).toBe(false)
      await a.peer.call('setNearbyVisibility', { visible: true })
      expect((await rejoin()).some((p) => p.peerId === a.peerId)).toBe(true)

      // add from Nearby: A receives the request and accepts; both are contacts
      const requested = a.peer.waitForEvent(
        (e) => e.name === 'contactRequestsChanged' && e.payload.requests.some((r) => r.peerId === b.peerId),
      )
      await b.peer.call('addNearby', { peerId: a.peerId, message: 'hello neighbour' })
      const requests = await requested
      if (requests.name !== 'contactRequestsChanged') throw new Error('unreachable')
      const requestId = requests.payload.requests.find((r) => r.peerId === b.peerId)?.requestId
      const becameContact = b.peer.waitForEvent(
        (e) => e.name === 'contactsChanged' && e.payload.contacts.some((c) => c.peerId === a.peerId),
      )
      await a.peer.call('respondToRequest', { requestId, response: 'accept' })
      await becameContact
      const contactsAtA = await a.peer.call<{ peerId: string }[]>('listContacts')
      expect(contactsAtA.map((c) => c.peerId)).toEqual([b.peerId])
    })
  },
)
