import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Contact } from '../src/api/index.js'
import { dmConversationId } from '../src/messages/ids.js'
import { value } from './helpers/app.js'
import { makeContacts, type Party } from './support/conversation.js'
import { natUnavailableReason, type NatHost, type NatTopology } from './support/nat.js'
import { exchange, startParleyRelay, untilReserved, untilStatus, type HomePeer, type Relay } from './support/reach.js'
import { natFixture } from './support/nat-fixture.js'

const unavailable = await natUnavailableReason()
if (unavailable !== undefined) process.stdout.write(`[reach-limits] skipped: ${unavailable}\n`)

const FLOOD = fileURLToPath(new URL('./support/reservation-flood.mjs', import.meta.url))
type Peer = HomePeer

/** Resolves when the contact `peerId` has been looked for and given up on `times` times. */
function looksFinished(party: Party, peerId: string, times: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let looking = false
    let finished = 0
    const timer = setTimeout(() => {
      unsubscribe()
      reject(new Error(`${finished} of ${times} looks for ${peerId} within ${timeoutMs} ms`))
    }, timeoutMs)
    const unsubscribe = party.client.subscribe((event) => {
      if (event.name !== 'contactsChanged') return
      const state = event.payload.contacts.find((c: Contact) => c.peerId === peerId)?.reach.state
      if (state === 'looking') looking = true
      if (state === 'unreachable' && looking) {
        looking = false
        finished++
        if (finished === times) {
          clearTimeout(timer)
          unsubscribe()
          resolve()
        }
      }
    })
  })
}

/** Waits until `host` has no TCP connection towards `cidr` but closed ones (TIME_WAIT sends nothing). */
async function connectionsGone(host: NatHost, cidr: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const open = (await host.exec('ss', '-Htn', 'state', 'connected', 'exclude', 'time-wait', 'dst', cidr)).trim()
    if (open === '') return
    if (Date.now() > deadline) throw new Error(`still open towards ${cidr}: ${open}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe.skipIf(unavailable !== undefined)(`Reach limits${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const fixture = natFixture()
  const setUp = (tag: string): Promise<NatTopology> => fixture.setUp(tag)

  async function relayOn(host: NatHost, extra: readonly string[] = []): Promise<Relay> {
    return fixture.relay(startParleyRelay(host, join(fixture.dataRoot(), `relay-${host.name}`), extra))
  }

  const home = (host: NatTopology['homeA'], name: string, relay: Relay): Promise<Peer> =>
    fixture.home(host, name, [relay.address])

  it('LAN-only, with a route to the public subnet: not one packet goes towards it, whatever the contacts and settings say', async () => {
    const topology = await setUp('lo')
    const relay = await relayOn(topology.pub)
    const [a, b] = await Promise.all([home(topology.homeA, 'ana', relay), home(topology.homeB, 'ben', relay)])
    await Promise.all([untilReserved(a, relay), untilReserved(b, relay)])
    // contacts whose only addresses are public or relayed: everything the reach code would dial
    await makeContacts(a, b)

    await value(a.client.invoke('setNetworkMode', { mode: 'lan-only' }))
    await connectionsGone(topology.homeA, topology.publicSubnet, 30_000)
    const before = await topology.homeA.packetsToPublic()

    // every path that could dial out: a queued message, the look for B (twice), a bootstrap
    // node added in settings, a dial by hand, an invite
    const looked = looksFinished(a, b.peerId, 1, 90_000)
    await value(
      a.client.invoke('sendMessage', { conversationId: dmConversationId(a.peerId, b.peerId), text: 'stays here' }),
    )
    await value(a.client.invoke('setNetworkSettings', { extraBootstrap: [relay.address] }))
    const dial = await a.client.invoke('dialPeer', { multiaddr: relay.address })
    expect(dial.ok ? 'dialled' : dial.error.code).toBe('DIAL_FAILED')
    const invite = await value(a.client.invoke('createInvite', { expiresInHours: 1, singleUse: true }))
    expect(invite.link).not.toContain(topology.pub.ip)
    await looked

    const sent = (await topology.homeA.packetsToPublic()) - before
    process.stdout.write(`[reach-limits] LAN-only: ${sent} packets towards ${topology.publicSubnet}\n`)
    expect(sent).toBe(0)
    const status = await value(a.client.invoke('getNetworkStatus', {}))
    expect(status.peers.filter((p) => p.state === 'connected')).toEqual([])
  }, 180_000)

  it('a flood of reservation requests does not push out A and B, and the relay stays small', async () => {
    const topology = await setUp('fl')
    const relay = await relayOn(topology.pub, ['--relay-max-reservations', '8'])
    const [a, b] = await Promise.all([home(topology.homeA, 'ana', relay), home(topology.homeB, 'ben', relay)])
    await Promise.all([untilReserved(a, relay), untilReserved(b, relay)])
    await makeContacts(a, b)
    const rssBefore = await relay.rss()

    const flood = topology.flood.spawn(process.execPath, [
      FLOOD,
      JSON.stringify({ relay: relay.address, count: 200, perSecond: 25 }),
    ])
    fixture.onCleanup(() => {
      flood.stdin?.end()
      flood.kill('SIGTERM')
      return Promise.resolve()
    })
    if (flood.stdout === null) throw new Error('no stdout')
    const summary = JSON.parse(
      await new Promise<string>((resolve, reject) => {
        createInterface({ input: flood.stdout as NodeJS.ReadableStream }).once('line', resolve)
        flood.once('exit', (code) => {
          reject(new Error(`the flood exited (${code})`))
        })
      }),
    ) as { attempted: number; reserved: number; refused: number; reasons: Record<string, number> }
    const rssAfter = await relay.rss()
    process.stdout.write(
      `[reach-limits] flood: ${JSON.stringify(summary)}; relay RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ` +
        `${(rssAfter / 2 ** 20).toFixed(0)} MiB\n`,
    )
    // 8 slots: A and B hold two, the flood gets at most the other six
    expect(summary.reserved).toBeLessThanOrEqual(6)
    expect(rssAfter - rssBefore).toBeLessThan(150 * 2 ** 20)

    // A and B still hold theirs, and still talk through the relay
    for (const party of [a, b]) {
      await untilStatus(party.client, (s) => s.relays.includes(relay.peerId), 'the reservation kept', 10_000)
    }
    await exchange(a, b, 1, 20, 60_000)
  }, 240_000)
})
