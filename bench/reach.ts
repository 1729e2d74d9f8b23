import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Route } from '../src/api/index.js'
import { dmConversationId } from '../src/messages/ids.js'
import { value } from '../test/helpers/app.js'
import { ConversationWatch, makeContacts } from '../test/support/conversation.js'
import { createNatTopology, natUnavailableReason, type NatTopology } from '../test/support/nat.js'
import { startParleyRelay, untilStatus, type Relay } from '../test/support/reach.js'
import {
  cpuPercent,
  dialBare,
  ipcRoundTrips,
  latency,
  now,
  PairWatch,
  routeAt,
  serveBare,
  startPeer,
  throughput,
  type Stops,
} from './reach-measure.js'
import { printReport, printUnmeasured, type Floors, type ReachSettings, type RunResult } from './reach-report.js'

/**
 * Two Parley cores in two homes behind NAT routers (iptables MASQUERADE in
 * network namespaces, test/support/nat.ts) and a `parley node --relay` on the
 * public subnet, the cores' only bootstrap peer: how long until the first
 * message, the latency and throughput through the relay, and the same once
 * B's router forwards its port and B announces it (DCUtR's direct upgrade);
 * next to two bare libp2p nodes on the same two paths in the same run.
 * PARLEY_BENCH_REACH_RELAYS=2 adds a second relay (pub2) to both lists.
 */

const SETTINGS: ReachSettings = {
  relays: process.env.PARLEY_BENCH_REACH_RELAYS === '2' ? 2 : 1,
  latencyMessages: 200,
  burstMessages: 1_000,
  /** sendMessage calls outstanding in A's process during the burst. */
  burstWindow: 64,
  idleMs: 3_000,
  /** How long the direct run waits for DCUtR to replace the relayed connection. */
  upgradeTimeoutMs: 30_000,
  bare: { rounds: 500, bytes: 64, messages: 1_000, messageBytes: 100, window: 64 },
}
const WARMUP_MESSAGES = 20
const IPC_ROUNDS = 200
const BARE_PORT = 4101

/**
 * One core started and stopped, untimed: the first start of the run reads
 * its modules from disk, and whichever pair came first would pay for it.
 */
async function warmStart(net: NatTopology, dataRoot: string): Promise<void> {
  const stops: Stops = []
  try {
    await startPeer(stops, net.homeA, dataRoot, 'warm-up', [])
  } finally {
    await stopAll(stops)
  }
}

async function stopAll(stops: Stops): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined)
}

/**
 * One pair of fresh cores: A in home-a, B in home-b (announcing `announce`),
 * both started at once; A invites, B accepts, A sends at once.
 */
async function runPair(
  net: NatTopology,
  relays: readonly Relay[],
  dataRoot: string,
  tag: string,
  announce?: string,
): Promise<RunResult> {
  const stops: Stops = []
  const bootstrap = relays.map((r) => r.address)
  try {
    const t0 = now()
    const [a, b] = await Promise.all([
      startPeer(stops, net.homeA, dataRoot, `${tag}-a`, bootstrap),
      startPeer(stops, net.homeB, dataRoot, `${tag}-b`, bootstrap, announce === undefined ? undefined : [announce]),
    ])
    const readyMs = Math.max(a.readyAt, b.readyAt) - t0
    const accountsMs = Math.max(a.accountAt, b.accountAt) - t0
    // when A first saw a direct connection to B (connected directly, or upgraded from relayed)
    let directAt: number | undefined
    a.client.subscribe((e) => {
      if (e.name !== 'peerConnected' && e.name !== 'peerRouteChanged') return
      if (e.payload.peerId === b.peerId && e.payload.route === 'direct') directAt ??= now()
    })
    // A's invite must carry an address B can dial: a circuit address on a relay
    const ours = new Set(relays.map((r) => r.peerId))
    await untilStatus(a.client, (s) => s.relays.some((id) => ours.has(id)), 'a reservation for A')
    const reservedMs = now() - t0
    const watch = new PairWatch(a, b)
    await makeContacts(a, b)
    const contactsMs = now() - t0
    const first = await watch.send('first')
    const routeAtFirst = await routeAt(a, b)
    if (announce !== undefined && routeAtFirst !== 'direct') {
      const direct = (s: { peers: readonly { peerId: string; route: Route | null }[] }): boolean =>
        s.peers.some((p) => p.peerId === b.peerId && p.route === 'direct')
      await untilStatus(a.client, direct, 'a direct route to B', SETTINGS.upgradeTimeoutMs).catch(() => undefined)
    }

    // warm-up, with one answer from B so that the session's handshake is complete
    await latency(watch, 'warm', WARMUP_MESSAGES)
    const atA = new ConversationWatch(b.peerId).follow(a.client)
    const answer = { conversationId: dmConversationId(b.peerId, a.peerId), text: 'answer' }
    await value(b.client.invoke('sendMessage', answer))
    await atA.until(
      () => atA.received.has('answer'),
      () => 'the answer at A',
      60_000,
    )
    const pids = [a.peer.child.pid ?? 0, b.peer.child.pid ?? 0, ...relays.map((r) => r.pid)]
    const [cpuA = 0, cpuB = 0, ...cpuRelays] = await cpuPercent(pids, SETTINGS.idleMs)
    const routeMeasured = await routeAt(a, b)
    const { relays: reserved } = await value(a.client.invoke('getNetworkStatus', {}))
    const lat = await latency(watch, 'lat', SETTINGS.latencyMessages)
    const tp = await throughput(watch, SETTINGS.burstMessages, SETTINGS.burstWindow)
    const ipc = await ipcRoundTrips(a, IPC_ROUNDS)
    return {
      readyMs,
      accountsMs,
      reservedMs,
      contactsMs,
      firstMsgMs: first.stored - t0,
      firstOneWayMs: first.stored - first.t0,
      routeAtFirst,
      directMs: directAt === undefined ? null : directAt - t0,
      routeMeasured,
      reservations: reserved.length,
      routeAtEnd: await routeAt(a, b),
      idleCpu: { a: cpuA, b: cpuB, relays: cpuRelays.reduce((sum, c) => sum + c, 0) },
      lat,
      tp,
      ipc,
    }
  } finally {
    await stopAll(stops)
  }
}

/** Bare libp2p from home-a to home-b: through the relay, then (forwarding BARE_PORT) directly. */
async function floors(net: NatTopology, relay: Relay): Promise<Floors> {
  const stops: Stops = []
  try {
    const listen = [`/ip4/0.0.0.0/tcp/${BARE_PORT}`]
    const peerId = await serveBare(stops, net.homeB, { listen, relay: relay.address })
    const bare = SETTINGS.bare
    const relayed = await dialBare(stops, net.homeA, { ...bare, target: `${relay.address}/p2p-circuit/p2p/${peerId}` })
    await net.routerB.forwardPort(BARE_PORT)
    const target = `/ip4/${net.routerB.ip}/tcp/${BARE_PORT}/p2p/${peerId}`
    const direct = await dialBare(stops, net.homeA, { ...bare, target })
    if (!relayed.limited || direct.limited || direct.remoteAddr.includes('p2p-circuit')) {
      throw new Error(`wrong floor paths: relayed on ${relayed.remoteAddr}, direct on ${direct.remoteAddr}`)
    }
    return { relayed, direct }
  } finally {
    await stopAll(stops)
  }
}

export async function benchReach(): Promise<void> {
  const unavailable = await natUnavailableReason()
  if (unavailable !== undefined) {
    printUnmeasured(unavailable)
    return
  }
  const dataRoot = await mkdtemp(join(tmpdir(), 'parley-bench-reach-'))
  let net: NatTopology | undefined
  const relays: Relay[] = []
  try {
    net = await createNatTopology('bench')
    const relay = await startParleyRelay(net.pub, join(dataRoot, 'relay'))
    relays.push(relay)
    if (SETTINGS.relays === 2) relays.push(await startParleyRelay(net.pub2, join(dataRoot, 'relay-2')))
    const before = loadavg()[0] ?? 0
    const floor = await floors(net, relay)
    await warmStart(net, dataRoot)
    const relayed = await runPair(net, relays, dataRoot, 'relayed')
    // a manual "UPnP" mapping at B's router, and B announcing it; A stays behind its NAT
    await net.routerB.forwardPort(4001)
    const direct = await runPair(net, relays, dataRoot, 'direct', `/ip4/${net.routerB.ip}/tcp/4001`)
    printReport(SETTINGS, floor, relayed, direct, { before, after: loadavg()[0] ?? 0 })
  } finally {
    for (const relay of relays) await relay.stop()
    await net?.destroy()
    await rm(dataRoot, { recursive: true, force: true })
  }
}
