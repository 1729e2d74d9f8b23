import type { ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Contact, NetworkStatus, ParleyClient } from '../../src/api/index.js'
import { value } from '../helpers/app.js'
import { CliPeer, requireBuiltCli } from './cli-process.js'
import { ConversationWatch, createAccount, type Party } from './conversation.js'
import { DmPeer } from './dm-peer.js'
import type { NatHost } from './nat.js'

/** REACH_DEBUG=libp2p:circuit-relay* (say) turns on libp2p's own log in the processes. */
function debugEnv(): NodeJS.ProcessEnv | undefined {
  return process.env.REACH_DEBUG ? { ...process.env, DEBUG: process.env.REACH_DEBUG } : undefined
}

/** The port every peer and relay listens on inside its namespace. */
export const PORT = 4001
const STOCK_RELAY = fileURLToPath(new URL('./stock-relay.mjs', import.meta.url))

/** A relay (and DHT bootstrap) on a public host, as a peer dials it. */
export interface Relay {
  readonly peerId: string
  readonly address: string
  readonly pid: number
  kill(): Promise<void>
  stop(): Promise<void>
  /** Resident memory of the relay process, in bytes. */
  rss(): Promise<number>
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1]
  return Number(kb ?? 0) * 1024
}

function ended(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else
      child.once('exit', () => {
        resolve()
      })
  })
}

function relayOf(child: ChildProcess, peerId: string, address: string): Relay {
  const pid = child.pid ?? 0
  return {
    peerId,
    address,
    pid,
    async kill() {
      child.kill('SIGKILL')
      await ended(child)
    },
    async stop() {
      child.kill('SIGTERM')
      await ended(child)
    },
    rss: () => rssOf(pid),
  }
}

/** `parley node --mode internet --relay` on a public host, announcing its public address. */
export async function startParleyRelay(host: NatHost, dataDir: string, extra: readonly string[] = []): Promise<Relay> {
  const cli = requireBuiltCli()
  const announce = `/ip4/${host.ip}/tcp/${PORT}`
  const child = host.spawn(
    process.execPath,
    [
      cli,
      'node',
      '--data-dir',
      dataDir,
      '--mode',
      'internet',
      '--relay',
      '--no-mdns',
      '--no-bootstrap',
      '--listen',
      `/ip4/0.0.0.0/tcp/${PORT}`,
      '--announce',
      announce,
      '--log-level',
      'warn',
      ...extra,
    ],
    debugEnv(),
  )
  const peer = new CliPeer(child)
  const peerId = await peer.peerId(30_000)
  return relayOf(child, peerId, `${announce}/p2p/${peerId}`)
}

/** The stock js-libp2p relay and DHT server of test/support/stock-relay.mjs: nothing of Parley's. */
export async function startStockRelay(host: NatHost): Promise<Relay> {
  const announce = `/ip4/${host.ip}/tcp/${PORT}`
  const config = JSON.stringify({ listen: [`/ip4/0.0.0.0/tcp/${PORT}`], announce: [announce] })
  const child = host.spawn(process.execPath, [STOCK_RELAY, config])
  if (child.stdout === null) throw new Error('no stdout')
  const stderr: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', resolve)
    child.once('exit', (code) => {
      reject(new Error(`the stock relay exited (${code}): ${stderr.join('')}`))
    })
  })
  const { peerId } = JSON.parse(first) as { peerId: string }
  return relayOf(child, peerId, `${announce}/p2p/${peerId}`)
}

/** A Parley core with an account in a home namespace, in internet mode with only local bootstrap peers. */
export async function startHomePeer(
  host: NatHost,
  dataRoot: string,
  name: string,
  bootstrap: readonly string[],
  announce: readonly string[] = [],
): Promise<Party & { peer: DmPeer }> {
  const peer = await DmPeer.start(
    {
      dataDir: join(dataRoot, name),
      listen: [`/ip4/0.0.0.0/tcp/${PORT}`],
      mdns: false,
      mode: 'internet',
      bootstrap,
      ...(announce.length > 0 ? { announce } : {}),
    },
    // REACH_DEBUG=libp2p:circuit-relay* (say) shows libp2p's own log of the peers on a failure
    (command, args) =>
      host.spawn(
        command,
        args,
        process.env.REACH_DEBUG ? { ...process.env, DEBUG: process.env.REACH_DEBUG } : undefined,
      ),
  )
  return { ...(await createAccount(peer, name)), peer }
}

/** A home peer: its client, peer ID and process. */
export type HomePeer = Party & { peer: DmPeer }

/** Resolves with the status once `check` holds, checked now and after each network event; bounded. */
export function untilStatus(
  client: ParleyClient,
  check: (status: NetworkStatus) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<NetworkStatus> {
  return new Promise((resolve, reject) => {
    let last: NetworkStatus | undefined
    let done = false
    const finish = (err?: Error, status?: NetworkStatus): void => {
      if (done) return
      done = true
      clearTimeout(timer)
      unsubscribe()
      if (err === undefined && status !== undefined) resolve(status)
      else reject(err ?? new Error('no status'))
    }
    const probe = (): void => {
      void client.invoke('getNetworkStatus', {}).then((result) => {
        if (!result.ok) return
        last = result.value
        if (check(result.value)) finish(undefined, result.value)
      })
    }
    const timer = setTimeout(() => {
      finish(new Error(`not within ${timeoutMs} ms: ${what}; last status: ${JSON.stringify(last)}`))
    }, timeoutMs)
    const unsubscribe = client.subscribe((event) => {
      if (['reachabilityChanged', 'listenAddressesChanged', 'peerConnected', 'peerRouteChanged'].includes(event.name))
        probe()
    })
    probe()
  })
}

/** Waits until `party` holds a reservation on `relay`; a failure shows the end of the peer's log. */
export async function untilReserved(
  party: Party & { peer: DmPeer },
  relay: Relay,
  timeoutMs = 60_000,
): Promise<NetworkStatus> {
  try {
    return await untilStatus(
      party.client,
      (s) => s.relays.includes(relay.peerId),
      `a reservation on ${relay.peerId}`,
      timeoutMs,
    )
  } catch (err) {
    throw new Error(
      `${err instanceof Error ? err.message : String(err)}\n${party.peer.stderrLines.slice(-60).join('\n')}`,
      { cause: err },
    )
  }
}

/** The contact as `party` sees it now. */
export async function contactAt(party: Party, peerId: string): Promise<Contact> {
  const contact = (await value(party.client.invoke('listContacts', {}))).find((c) => c.peerId === peerId)
  if (contact === undefined) throw new Error(`${peerId} is not a contact of ${party.peerId}`)
  return contact
}

/**
 * `count` messages each way at once (sent from inside each process), then
 * waits until each side received all of the other's, once each, and saw its
 * own delivered. Returns the watches for more checks.
 */
export async function exchange(
  a: Party & { peer: DmPeer },
  b: Party & { peer: DmPeer },
  from: number,
  to: number,
  timeoutMs: number,
): Promise<{ atA: ConversationWatch; atB: ConversationWatch }> {
  const atA = new ConversationWatch(b.peerId).follow(a.client)
  const atB = new ConversationWatch(a.peerId).follow(b.client)
  const sentBefore = { a: a.peer.sent.length, b: b.peer.sent.length }
  await Promise.all([value(a.peer.burst(b.peerId, from, to, 8)), value(b.peer.burst(a.peerId, from, to, 8))])
  const count = to - from + 1
  const idsOf = (peer: DmPeer, before: number): string[] => peer.sent.slice(before).map((s) => s.id)
  const fromA = idsOf(a.peer, sentBefore.a)
  const fromB = idsOf(b.peer, sentBefore.b)
  await Promise.all([
    atB.until(
      () => atB.receivedCount >= count,
      () => `B has ${atB.receivedCount} of ${count}`,
      timeoutMs,
    ),
    atA.until(
      () => atA.receivedCount >= count,
      () => `A has ${atA.receivedCount} of ${count}`,
      timeoutMs,
    ),
    atA.until(
      () => atA.deliveredAmong(fromA) === count,
      () => `A sees ${atA.describeOthers(fromA)}`,
      timeoutMs,
    ),
    atB.until(
      () => atB.deliveredAmong(fromB) === count,
      () => `B sees ${atB.describeOthers(fromB)}`,
      timeoutMs,
    ),
  ])
  return { atA, atB }
}
