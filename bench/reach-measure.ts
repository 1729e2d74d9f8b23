import type { ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import type { ApiEvent, Route } from '../src/api/index.js'
import { dmConversationId } from '../src/messages/ids.js'
import { value } from '../test/helpers/app.js'
import { createAccount, type Party } from '../test/support/conversation.js'
import { burstText, DmPeer } from '../test/support/dm-peer.js'
import type { NatHost } from '../test/support/nat.js'
import { contactAt, PORT } from '../test/support/reach.js'
import { REACH_BARE_SCRIPT, type BareResult, type DialConfig, type ServeConfig } from './reach-bare.js'
import { REACH_PEER_SCRIPT, type ReachPeerConfig } from './reach-peer.js'

/** Spawning, watching and timing the reach benchmark's processes; every time is on this process's clock. */

export const now = (): number => performance.now()

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? Number.NaN
}

export function within<T>(promise: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out after ${ms} ms: ${what}`))
    }, ms)
  })
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer)
  })
}

export type Peer = Party & { readonly peer: DmPeer }

/** A peer just started, and when (on this clock) its core ran and its account existed. */
export interface Started extends Peer {
  readonly readyAt: number
  readonly accountAt: number
}

/** What to stop at the end, whatever happened: the processes started, newest first. */
export type Stops = (() => Promise<void>)[]

/**
 * A Parley core (bench/reach-peer.ts) in `host`'s namespace on port 4001,
 * internet mode, `bootstrap` its only bootstrap peers; resolves once its
 * account exists. (test/support's startHomePeer cannot announce an address,
 * and its dm-peer.mjs does not run from dist/.) Its stop goes on `stops` at once.
 */
export async function startPeer(
  stops: Stops,
  host: NatHost,
  dataRoot: string,
  name: string,
  bootstrap: readonly string[],
  announce?: readonly string[],
): Promise<Started> {
  const config: ReachPeerConfig = {
    dataDir: join(dataRoot, name),
    listen: [`/ip4/0.0.0.0/tcp/${PORT}`],
    bootstrap,
    ...(announce === undefined ? {} : { announce }),
  }
  const peer = new DmPeer(host.spawn(process.execPath, [REACH_PEER_SCRIPT, JSON.stringify(config)]))
  stops.push(() => peer.stop())
  await peer.ready
  const readyAt = now()
  const party = await createAccount(peer, name)
  return { ...party, peer, readyAt, accountAt: now() }
}

/** The first stdout line of a child, as JSON; rejects if it exits first. */
function firstLine<T>(child: ChildProcess, what: string): Promise<T> {
  const stderr: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  return new Promise<T>((resolve, reject) => {
    if (child.stdout === null) throw new Error('no stdout')
    createInterface({ input: child.stdout }).once('line', (line) => {
      resolve(JSON.parse(line) as T)
    })
    child.once('exit', (code) => {
      reject(new Error(`${what} exited (${code}): ${stderr.join('')}`))
    })
  })
}

/** A bare libp2p echo server in `host` (reserved on the relay if one is given): its peer ID; its stop goes on `stops`. */
export async function serveBare(stops: Stops, host: NatHost, config: ServeConfig): Promise<string> {
  const child = host.spawn(process.execPath, [REACH_BARE_SCRIPT, 'serve', JSON.stringify(config)])
  stops.push(() => ended(child))
  const { peerId } = await within(
    firstLine<{ peerId: string }>(child, 'the bare server'),
    'the bare server to start',
    60_000,
  )
  return peerId
}

/** SIGTERM to a child, SIGKILL after 5 s; resolves once it is gone. */
async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

/** Runs the bare dialer in `host` against `config.target` and returns what it measured. */
export function dialBare(stops: Stops, host: NatHost, config: DialConfig): Promise<BareResult> {
  const child = host.spawn(process.execPath, [REACH_BARE_SCRIPT, 'dial', JSON.stringify(config)])
  stops.push(() => ended(child))
  return within(firstLine<BareResult>(child, 'the bare dialer'), `the bare echo to ${config.target}`, 120_000)
}

/** When each key was first seen, and waiting for one. */
class Seen {
  private readonly at = new Map<string, number>()
  private readonly waiting = new Map<string, ((t: number) => void)[]>()

  mark(key: string, t: number): void {
    if (this.at.has(key)) return
    this.at.set(key, t)
    for (const wake of this.waiting.get(key) ?? []) wake(t)
    this.waiting.delete(key)
  }

  when(key: string, timeoutMs = 60_000): Promise<number> {
    const t = this.at.get(key)
    if (t !== undefined) return Promise.resolve(t)
    const seen = new Promise<number>((resolve) => {
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve])
    })
    return within(seen, `message ${key}`, timeoutMs)
  }
}

/**
 * A pair of contacts seen from here: when each of A's messages was
 * acknowledged at A (by ID: "delivered"), and when B stored each of them (by text).
 */
export class PairWatch {
  readonly deliveredAtA = new Seen()
  readonly storedAtB = new Seen()
  readonly conversationId: string

  constructor(
    readonly a: Peer,
    readonly b: Peer,
  ) {
    this.conversationId = dmConversationId(a.peerId, b.peerId)
    a.client.subscribe((event) => {
      this.take(event, b.peerId, (m) => m.fromMe && (m.state === 'delivered' || m.state === 'read'), this.deliveredAtA)
    })
    b.client.subscribe((event) => {
      this.take(event, a.peerId, (m) => !m.fromMe, this.storedAtB)
    })
  }

  /** A sends `text`: when the call started and resolved, when B stored it, when A saw it delivered. */
  async send(text: string): Promise<{ t0: number; resolved: number; stored: number; delivered: number }> {
    const t0 = now()
    const { id } = await value(this.a.client.invoke('sendMessage', { conversationId: this.conversationId, text }))
    const resolved = now()
    const [stored, delivered] = await Promise.all([this.storedAtB.when(text), this.deliveredAtA.when(id)])
    return { t0, resolved, stored, delivered }
  }

  private take(
    event: ApiEvent,
    from: string,
    pick: (m: { fromMe: boolean; state: string | null }) => boolean,
    seen: Seen,
  ): void {
    if (event.name !== 'messagesChanged' || event.payload.peerId !== from) return
    const t = now()
    for (const m of event.payload.messages) if (pick(m)) seen.mark(m.fromMe ? m.id : m.text, t)
  }
}

export interface Latency {
  /** sendMessage at A → A sees it "delivered" (B's acknowledgement back). */
  readonly roundTrip: number[]
  /** sendMessage at A → B's messagesChanged for it. */
  readonly oneWay: number[]
  /** sendMessage at A → its answer here (encrypted and committed at A). */
  readonly resolved: number[]
}

/** `count` messages from A, each after the last one was delivered. */
export async function latency(watch: PairWatch, tag: string, count: number): Promise<Latency> {
  const roundTrip: number[] = []
  const oneWay: number[] = []
  const resolved: number[] = []
  for (let i = 0; i < count; i++) {
    const sent = await watch.send(`${tag} ${String(i).padStart(4, '0')}`)
    roundTrip.push(sent.delivered - sent.t0)
    oneWay.push(sent.stored - sent.t0)
    resolved.push(sent.resolved - sent.t0)
  }
  return { roundTrip, oneWay, resolved }
}

export interface Throughput {
  /** Messages per second, from the burst's start to the last acknowledgement at A. */
  readonly msgsPerS: number
  /** From the start until B stored the last one. */
  readonly storedMs: number
  readonly deliveredMs: number
}

/** A burst of `count` messages from inside A's process (`window` sendMessage calls outstanding). */
export async function throughput(watch: PairWatch, count: number, window: number): Promise<Throughput> {
  const { a, b } = watch
  const before = a.peer.sent.length
  const t0 = now()
  await value(a.peer.burst(b.peerId, 1, count, window))
  const ids = a.peer.sent.slice(before).map((s) => s.id)
  const texts = Array.from({ length: count }, (_, i) => burstText(i + 1))
  const last = async (times: Promise<number>[]): Promise<number> => Math.max(...(await Promise.all(times))) - t0
  const [deliveredMs, storedMs] = await Promise.all([
    last(ids.map((id) => watch.deliveredAtA.when(id, 120_000))),
    last(texts.map((text) => watch.storedAtB.when(text, 120_000))),
  ])
  return { msgsPerS: count / (deliveredMs / 1000), storedMs, deliveredMs }
}

/** A call to A's process and back (getSession): the IPC share of every figure above. */
export async function ipcRoundTrips(peer: Peer, count: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const t0 = now()
    await value(peer.client.invoke('getSession', {}))
    times.push(now() - t0)
  }
  return times
}

/** The route of B as A's contact list shows it now. */
export async function routeAt(a: Peer, b: Peer): Promise<Route | 'looking' | 'unreachable'> {
  return (await contactAt(a, b.peerId)).reach.state
}

/** CPU seconds (user + system) a process has used so far: /proc/<pid>/stat, in USER_HZ ticks (100 on Linux). */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** The share of one CPU each process used over the next `ms` milliseconds, in per cent. */
export async function cpuPercent(pids: readonly number[], ms: number): Promise<number[]> {
  const before = await Promise.all(pids.map(cpuSeconds))
  const t0 = now()
  await new Promise((resolve) => setTimeout(resolve, ms))
  const after = await Promise.all(pids.map(cpuSeconds))
  const seconds = (now() - t0) / 1000
  return after.map((cpu, i) => (100 * (cpu - (before[i] ?? 0))) / seconds)
}
