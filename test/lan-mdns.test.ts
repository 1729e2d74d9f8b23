import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CliPeer, requireBuiltCli } from './support/cli-process.js'
import { addPublicLookingAddress, createLan, netnsUnavailableReason, type Lan, type LanHost } from './support/netns.js'

const unavailable = await netnsUnavailableReason()
if (unavailable !== undefined) {
  process.stdout.write(`[lan-mdns] skipped: ${unavailable}\n`)
}

const PUBLIC_LOOKING = '203.0.113.5'

describe.skipIf(unavailable !== undefined)(
  `LAN discovery in two network namespaces${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let lan: Lan
    let dataRoot: string
    const peers: CliPeer[] = []

    beforeAll(async () => {
      lan = await createLan('mdns')
      dataRoot = await mkdtemp(join(tmpdir(), 'parley-lan-'))
    })

    afterAll(async () => {
      await Promise.all(peers.map((p) => p.stop()))
      await lan.destroy()
      await rm(dataRoot, { recursive: true, force: true })
    })

    function startPeer(host: LanHost, name: string, extra: string[]): CliPeer {
      const args = [requireBuiltCli(), 'node', '--data-dir', join(dataRoot, name), '--print-events', ...extra]
      const peer = new CliPeer(host.spawn(process.execPath, args))
      peers.push(peer)
      return peer
    }

    it('finds the other peer by mDNS and connects, with no packet towards a non-LAN address', async () => {
      // B is an internet-mode peer that also holds a public-looking address and announces it;
      // A is lan-only and must reach B on the LAN address only.
      await addPublicLookingAddress(lan.b.ns, PUBLIC_LOOKING)
      const b = startPeer(lan.b, 'b', ['--mode', 'internet', '--no-bootstrap', '--listen', '/ip4/0.0.0.0/tcp/4001'])
      const a = startPeer(lan.a, 'a', ['--lan-only', '--listen', '/ip4/0.0.0.0/tcp/4001'])
      const [idA, idB] = await Promise.all([a.peerId(), b.peerId()])

      const discovered = await a.waitForEvent((e) => e.name === 'peerDiscovered' && e.payload.peerId === idB)
      if (discovered.event.name !== 'peerDiscovered') throw new Error('unreachable')
      expect(discovered.event.payload.source).toBe('mdns')
      // what A learnt about B is filtered to the LAN, although B announced more
      expect(discovered.event.payload.addresses.length).toBeGreaterThan(0)
      for (const address of discovered.event.payload.addresses) {
        expect(address).not.toContain(PUBLIC_LOOKING)
      }

      // both sides report the connection through the contract's events
      const atA = await a.waitForEvent((e) => e.name === 'peerConnected' && e.payload.peerId === idB)
      const atB = await b.waitForEvent((e) => e.name === 'peerConnected' && e.payload.peerId === idA)
      if (atA.event.name !== 'peerConnected' || atB.event.name !== 'peerConnected') throw new Error('unreachable')
      expect(atA.event.payload.addresses.join(' ')).toContain(`/ip4/${lan.b.ip}/tcp/`)
      expect(atB.event.payload.addresses.join(' ')).toContain(`/ip4/${lan.a.ip}/tcp/`)

      // A's own announced addresses (what B heard over mDNS) are LAN addresses only
      const bHeard = await b.waitForEvent((e) => e.name === 'peerDiscovered' && e.payload.peerId === idA)
      if (bHeard.event.name !== 'peerDiscovered') throw new Error('unreachable')
      for (const address of bHeard.event.payload.addresses) {
        expect(address).toMatch(/^\/ip[46]\/(10\.77\.0\.1|127\.0\.0\.1|::1|fe80:[^/]*)\//)
      }

      // the kernel's count: nothing from A went towards any address beyond the LAN
      expect(await lan.a.sinkTxPackets()).toBe(0)
    })
  },
)
