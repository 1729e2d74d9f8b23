import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeInviteLink } from '../src/contacts/invite.js'
import { dmConversationId } from '../src/messages/ids.js'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { expectExactly, makeContacts, readConversation } from './support/conversation.js'
import { natUnavailableReason, type NatTopology } from './support/nat.js'
import {
  contactAt,
  exchange,
  PORT,
  startParleyRelay,
  startStockRelay,
  untilReserved,
  untilStatus,
  type HomePeer,
  type Relay,
} from './support/reach.js'
import { natFixture } from './support/nat-fixture.js'

const unavailable = await natUnavailableReason()
if (unavailable !== undefined) process.stdout.write(`[reach-nat] skipped: ${unavailable}\n`)

const MESSAGES = 100
const EXCHANGE_MS = 120_000
type Peer = HomePeer

/**
 * Two home networks, each behind its own NAT (iptables MASQUERADE in a router
 * namespace), and a "public" subnet with a relay and DHT bootstrap node: the
 * homes reach each other only through the NATs. Peers run in internet mode
 * with the relay as their only bootstrap peer.
 */
describe.skipIf(unavailable !== undefined)(
  `Reach across NATs${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    const fixture = natFixture()
    const { relay, home } = fixture
    const setUp = (tag: string, randomFully = false): Promise<NatTopology> => fixture.setUp(tag, { randomFully })
    const dataRoot = (): string => fixture.dataRoot()

    /** A and B behind their NATs, reserved on `r`, made contacts through A's invite. */
    async function contactsBehindNats(topology: NatTopology, r: Relay): Promise<{ a: Peer; b: Peer }> {
      const [a, b] = await Promise.all([
        home(topology.homeA, 'ana', [r.address]),
        home(topology.homeB, 'ben', [r.address]),
      ])
      await Promise.all([untilReserved(a, r), untilReserved(b, r)])
      await makeContacts(a, b)
      return { a, b }
    }

    async function reportRoute(label: string, a: Peer, b: Peer): Promise<string> {
      const reach = (await contactAt(a, b.peerId)).reach
      const route = reach.state === 'relayed' ? `relayed through ${reach.relayPeerId ?? '?'}` : reach.state
      process.stdout.write(`[reach-nat] ${label}: A reaches B ${route}\n`)
      expect(['relayed', 'direct']).toContain(reach.state)
      return reach.state
    }

    for (const randomFully of [false, true]) {
      it(
        `${randomFully ? 'a NAT that cannot be punched (--random-fully)' : 'plain MASQUERADE NATs'}: ` +
          `${MESSAGES} messages each way, relayed or upgraded, all delivered once`,
        async () => {
          const topology = await setUp(randomFully ? 'rf' : 'rn', randomFully)
          const r = await relay(startParleyRelay(topology.pub, join(dataRoot(), 'relay')))
          const { a, b } = await contactsBehindNats(topology, r)
          const { atA, atB } = await exchange(a, b, 1, MESSAGES, EXCHANGE_MS)
          expect([...atA.received.values(), ...atB.received.values()].every((ids) => ids.size === 1)).toBe(true)
          const route = await reportRoute(randomFully ? 'random-fully NAT' : 'MASQUERADE NAT', a, b)
          if (randomFully) expect(route).toBe('relayed')
          expect((await readConversation(b.client, a.peerId)).filter((m) => !m.fromMe)).toHaveLength(MESSAGES)
        },
        EXCHANGE_MS + 90_000,
      )
    }

    it(
      "a NAT that forwards B's port: the relayed connection is upgraded to a direct one, and nothing is lost",
      async () => {
        const topology = await setUp('rd')
        const r = await relay(startParleyRelay(topology.pub, join(dataRoot(), 'relay')))
        await topology.routerB.forwardPort(PORT)
        const [a, b] = await Promise.all([
          home(topology.homeA, 'ana', [r.address]),
          home(topology.homeB, 'ben', [r.address], [`/ip4/${topology.routerB.ip}/tcp/${PORT}`]),
        ])
        await Promise.all([untilReserved(a, r), untilReserved(b, r)])
        // B answers A's invite through A's relay address: the first connection is relayed
        const first = waitForEvent(a.client, 'peerConnected', (p) => p.peerId === b.peerId, 60_000)
        await makeContacts(a, b)
        expect((await first).route).toBe('relayed')
        // messages flow while the connection changes under them
        const { atA, atB } = await exchange(a, b, 1, MESSAGES, EXCHANGE_MS)
        await untilStatus(
          a.client,
          (s) => s.peers.some((p) => p.peerId === b.peerId && p.route === 'direct'),
          'a direct connection to B',
          30_000,
        )
        expect([...atA.received.values(), ...atB.received.values()].every((ids) => ids.size === 1)).toBe(true)
        expect(await reportRoute('NAT with a forwarded port', a, b)).toBe('direct')
        await exchange(a, b, MESSAGES + 1, MESSAGES + 20, EXCHANGE_MS)
      },
      EXCHANGE_MS * 2 + 60_000,
    )

    it(
      'a relay that cuts each relayed connection after 32 KiB: the conversation goes on over new ones, nothing lost',
      async () => {
        const topology = await setUp('rc')
        const r = await relay(
          startParleyRelay(topology.pub, join(dataRoot(), 'relay'), ['--relay-max-data', String(32 * 1024)]),
        )
        const { a, b } = await contactsBehindNats(topology, r)
        let cuts = 0
        a.client.subscribe((event) => {
          if (event.name === 'peerDisconnected' && event.payload.peerId === b.peerId) cuts++
        })
        const { atA, atB } = await exchange(a, b, 1, MESSAGES, EXCHANGE_MS)
        expect([...atA.received.values(), ...atB.received.values()].every((ids) => ids.size === 1)).toBe(true)
        process.stdout.write(`[reach-nat] the relay cut the connection ${cuts} times\n`)
        expect(cuts).toBeGreaterThan(0)
        await reportRoute('relay with a 32 KiB limit', a, b)
      },
      EXCHANGE_MS + 90_000,
    )

    it(
      'interop: a stock js-libp2p relay and DHT server carries the same exchange',
      async () => {
        const topology = await setUp('rs')
        const r = await relay(startStockRelay(topology.pub))
        const { a, b } = await contactsBehindNats(topology, r)
        await exchange(a, b, 1, MESSAGES, EXCHANGE_MS)
        await reportRoute('stock relay', a, b)
      },
      EXCHANGE_MS + 90_000,
    )

    it(
      'an invite made behind a NAT carries a relay address; a fresh peer with no DHT connects with it alone',
      async () => {
        const topology = await setUp('ri')
        const r = await relay(startParleyRelay(topology.pub, join(dataRoot(), 'relay')))
        const a = await home(topology.homeA, 'ana', [r.address])
        await untilReserved(a, r)
        // B has no bootstrap peer at all: only the invite's addresses
        const b = await home(topology.homeB, 'ben', [])
        const invite = await value(a.client.invoke('createInvite', { expiresInHours: 1, singleUse: true }))
        const carried = decodeInviteLink(invite.link, Date.now()).addresses
        expect(carried.some((address) => address.includes(`/p2p/${r.peerId}/p2p-circuit`))).toBe(true)
        await makeContacts(a, b)
        await exchange(a, b, 1, 10, EXCHANGE_MS)
      },
      EXCHANGE_MS + 60_000,
    )

    it(
      'the relay dies mid-conversation: outboxes hold everything and deliver it once through a second relay',
      async () => {
        const topology = await setUp('rk')
        // the second relay's identity exists (and is in the bootstrap lists) before it runs
        const second = await startParleyRelay(topology.pub2, join(dataRoot(), 'relay2'))
        await second.stop()
        const r = await relay(startParleyRelay(topology.pub, join(dataRoot(), 'relay')))
        const bootstrap = [r.address, second.address]
        const [a, b] = await Promise.all([
          home(topology.homeA, 'ana', bootstrap),
          home(topology.homeB, 'ben', bootstrap),
        ])
        await Promise.all([untilReserved(a, r), untilReserved(b, r)])
        await makeContacts(a, b)
        await exchange(a, b, 1, 10, EXCHANGE_MS)
        const route = await reportRoute('before the relay dies', a, b)

        await r.kill()
        const conversation = dmConversationId(a.peerId, b.peerId)
        const queued: string[] = []
        for (let i = 1; i <= 10; i++) {
          const sent = await value(a.client.invoke('sendMessage', { conversationId: conversation, text: `after ${i}` }))
          queued.push(sent.id)
        }
        const again = await relay(startParleyRelay(topology.pub2, join(dataRoot(), 'relay2')))
        await Promise.all([untilReserved(a, again, 120_000), untilReserved(b, again, 120_000)])
        const later = await exchange(a, b, 11, 20, EXCHANGE_MS)
        const atB = await readConversation(b.client, a.peerId)
        const texts = atB.filter((m) => !m.fromMe).map((m) => m.text)
        for (let i = 1; i <= 10; i++) expect(texts.filter((t) => t === `after ${i}`)).toHaveLength(1)
        expect(new Set(atB.map((m) => m.id)).size).toBe(atB.length)
        expect([...later.atB.received.values()].every((ids) => ids.size === 1)).toBe(true)
        process.stdout.write(`[reach-nat] relay killed (route was ${route}): delivered through the second relay\n`)
        expectExactly(
          (await readConversation(a.client, b.peerId)).filter((m) => m.fromMe),
          [
            ...Array.from({ length: 10 }, (_, i) => `m${String(i + 1).padStart(4, '0')}`),
            ...queued.map((_, i) => `after ${i + 1}`),
            ...Array.from({ length: 10 }, (_, i) => `m${String(i + 11).padStart(4, '0')}`),
          ],
          true,
        )
      },
      EXCHANGE_MS * 2 + 180_000,
    )
  },
)
