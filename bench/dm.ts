import { fork, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { lpStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { ClassicLevel } from 'classic-level'
import type { Libp2p } from 'libp2p'
import type { ApiEvent, ChatMessage, ParleyClient, Result } from '../src/api/index.js'
import { createLogger, type LogLevel } from '../src/core/logger.js'
import { createMessenger, type Messenger } from '../src/core/messenger.js'
import { createInProcessClient } from '../src/hosts/in-process.js'
import { idKey, msgPrefix } from '../src/messages/history.js'
import { MARK_PREFIX, SEARCH_PREFIX, STATE_KEY as SEARCH_STATE_KEY } from '../src/messages/search-records.js'
import { wipeSearchIndex } from '../src/messages/search-store.js'
import { dmConversationId, messageId, orderKey } from '../src/messages/ids.js'
import {
  newConversation,
  newMessageRecord,
  type ConversationRecord,
  type MessageRecord,
} from '../src/messages/records.js'
import { createNode } from '../src/network/create-node.js'
import type { SealedStore, StoreOp } from '../src/store/sealed-store.js'
import { median, printJson, printTable, round, type Row } from './report.js'
import { profiled, startProfile, stopProfile } from './profile.js'

/**
 * Direct messages between two real cores — the sender in this process, the
 * receiver in a child process, as on two devices — over TCP on 127.0.0.1 with
 * Noise + yamux, the double ratchet, LevelDB on disk with synced group
 * commits, and acknowledgements; next to bare libp2p streams and raw TCP
 * between the same two processes in the same run. Then opening a long
 * conversation, in this process.
 *
 * Why two processes: with both cores on one event loop, the sender's bursts
 * of encryption (hundreds of sends settle in one microtask run) starve the
 * receiver, which measures the sum of both sides' work and the scheduling
 * between them rather than what either device does.
 */

const KDF_COST = { logN: 10, r: 8, p: 1 }
const PASSWORD = 'benchmark passphrase, long enough'
const LOOPBACK = '/ip4/127.0.0.1/tcp/0'
const PEER_FLAG = '--parley-bench-dm-peer'

const CLOCK_ROUNDS = 200
const RTT_ROUNDS = 2_000
const RTT_BYTES = 64
const BARE_MESSAGES = 100_000
const BARE_MESSAGE_BYTES = 100
/** Unacknowledged messages in flight on the bare stream: the core's own send window. */
const BARE_WINDOW = 512
const FSYNC_ROUNDS = 300
/** Rounds of the idle echo, and the pause before each: about the pace of the latency run. */
const IDLE_RTT_ROUNDS = 300
const IDLE_PAUSE_MS = 3

const WARMUP_MESSAGES = 300
const LATENCY_MESSAGES = 1_000
const LATENCY_TEXT_CHARS = 64
const ALTERNATING_MESSAGES = 200
const THROUGHPUT_MESSAGES = 20_000
const THROUGHPUT_TEXT_CHARS = 100
/** sendMessage calls kept outstanding during the throughput run. */
const OUTSTANDING = 500

const OPEN_SIZES = [100_000, 1_000_000] as const
const OPEN_PAGE = 50
const OPEN_WARM_ROUNDS = 20
/** Messages per unsynced LevelDB batch while filling (three records each). */
const FILL_BATCH = 10_000

/** The one-way latency's targets: p50 within this many times its floor, p99 under a bound. */
const TARGET_FLOOR_FACTOR = 3
const TARGET_P99_MS = 10
const TARGET_MSGS_PER_S = 3_000

const PHASE_TIMEOUT_MS = 600_000
/** Set to debug, info or warn to see the cores' logs on stderr while measuring. */
const LOG_LEVEL = process.env.PARLEY_BENCH_LOG as LogLevel | undefined

// ── small helpers ──

/** Milliseconds on the machine's clock, comparable between the two processes (checked below). */
const now = (): number => performance.timeOrigin + performance.now()

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1] ?? Number.NaN
}

async function value<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

function within<T>(promise: Promise<T>, what: string, ms = PHASE_TIMEOUT_MS): Promise<T> {
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

const FILLER = 'The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs. '
/** A message text of exactly `chars` characters that starts with `tag` (a word and a number). */
function textOf(tag: string, chars: number): string {
  let text = `${tag} `
  while (text.length < chars) text += FILLER
  return text.slice(0, chars)
}
/** The tag a text was made with. */
function tagOf(text: string): string {
  return text.slice(0, text.indexOf(' ', text.indexOf(' ') + 1))
}
/** The phase a tag belongs to (its word). */
function phaseOf(tag: string): string {
  return tag.slice(0, tag.indexOf(' '))
}

/** The heap in use after a full collection (`npm run bench` runs node with --expose-gc), else as it is. */
function settledHeap(): number {
  ;(globalThis as { gc?: () => void }).gc?.()
  return process.memoryUsage().heapUsed
}

async function directorySize(path: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name)
    if (entry.isDirectory()) total += await directorySize(full)
    // LevelDB may compact a table away between the listing and the stat
    else if (entry.isFile()) total += (await stat(full).catch(() => ({ size: 0 }))).size
  }
  return total
}

/** When each tagged message was first seen, and waiting for one or for a count. */
class Seen {
  private readonly at = new Map<string, number>()
  private readonly waiting = new Map<string, (t: number) => void>()
  private counting: { readonly n: number; readonly resolve: (t: number) => void } | undefined

  mark(tag: string, t: number): void {
    if (this.at.has(tag)) return
    this.at.set(tag, t)
    const waiter = this.waiting.get(tag)
    if (waiter !== undefined) {
      this.waiting.delete(tag)
      waiter(t)
    }
    if (this.counting !== undefined && this.at.size >= this.counting.n) {
      const { resolve } = this.counting
      this.counting = undefined
      resolve(t)
    }
  }

  when(tag: string): Promise<number> {
    const t = this.at.get(tag)
    if (t !== undefined) return Promise.resolve(t)
    return new Promise((resolve) => this.waiting.set(tag, resolve))
  }

  count(n: number): Promise<number> {
    if (this.at.size >= n) return Promise.resolve(Math.max(...this.at.values()))
    return new Promise((resolve) => (this.counting = { n, resolve }))
  }
}

/** Messages from one peer, by phase: `pick` chooses which (stored ones, or own ones acknowledged). */
class Observer {
  private readonly phases = new Map<string, Seen>()
  constructor(client: ParleyClient, from: () => string, pick: (m: ChatMessage) => boolean) {
    client.subscribe((event: ApiEvent) => {
      if (event.name !== 'messagesChanged' || event.payload.peerId !== from()) return
      const t = now()
      for (const m of event.payload.messages) {
        if (!pick(m)) continue
        const tag = tagOf(m.text)
        this.phase(phaseOf(tag)).mark(tag, t)
      }
    })
  }

  phase(name: string): Seen {
    let seen = this.phases.get(name)
    if (seen === undefined) {
      seen = new Seen()
      this.phases.set(name, seen)
    }
    return seen
  }
}

function waitFor(client: ParleyClient, test: (event: ApiEvent) => boolean, what: string): Promise<void> {
  let unsubscribe = (): void => undefined
  const seen = new Promise<void>((resolve) => {
    unsubscribe = client.subscribe((event) => {
      if (test(event)) resolve()
    })
  })
  return within(seen, what, 30_000).finally(() => {
    unsubscribe()
  })
}

interface Side {
  readonly messenger: Messenger
  readonly client: ParleyClient
  readonly peerId: string
}

async function startSide(dataDir: string, name: string): Promise<Side> {
  const messenger = createMessenger({
    dataDir,
    host: 'in-process',
    mode: 'lan-only',
    mdns: false,
    listen: [LOOPBACK],
    bootstrap: [],
    kdfCost: KDF_COST,
    ...(LOG_LEVEL === undefined
      ? {}
      : {
          logger: createLogger({
            level: LOG_LEVEL,
            component: name,
            sink: (record) => process.stderr.write(`${JSON.stringify(record)}\n`),
          }),
        }),
  })
  await messenger.start()
  const client = createInProcessClient(messenger)
  await value(client.invoke('createAccount', { username: name, password: PASSWORD, confirmPassword: PASSWORD }))
  const { peerId } = await value(client.invoke('getNetworkStatus', {}))
  return { messenger, client, peerId }
}

async function send(from: Pick<Side, 'client' | 'peerId'>, to: string, text: string): Promise<void> {
  await value(from.client.invoke('sendMessage', { conversationId: dmConversationId(from.peerId, to), text }))
}

// ── the receiving peer: a child process driven over IPC ──

const ECHO_PROTOCOL = '/parley-bench/echo/1.0.0'
const FLOOD_PROTOCOL = '/parley-bench/flood/1.0.0'

interface Request {
  readonly id: number
  readonly op: string
  readonly args: Readonly<Record<string, string | number>>
}

/** The plain libp2p node the core would build (lan-only: TCP, Noise, yamux, identify, ping). */
async function bareNode(): Promise<Libp2p> {
  return createNode({
    mode: 'lan-only',
    privateKey: await generateKeyPair('Ed25519'),
    listen: [LOOPBACK],
    mdns: false,
    bootstrap: [],
  })
}

function runPeer(): void {
  let side: Side | undefined
  let other = ''
  let stored: Observer | undefined
  let echoServer: Server | undefined
  let node: Libp2p | undefined
  const requireSide = (): Side => {
    if (side === undefined) throw new Error('no core yet')
    return side
  }
  const ops: Record<string, (args: Request['args']) => Promise<unknown>> = {
    time: () => Promise.resolve(now()),
    async tcpEcho() {
      echoServer = createServer((socket) => {
        socket.setNoDelay(true)
        socket.on('data', (data) => socket.write(data))
      })
      return listen(echoServer)
    },
    async bare() {
      node = await bareNode()
      await node.handle(ECHO_PROTOCOL, async (stream) => {
        const lp = lpStream(stream)
        try {
          for (;;) await lp.write(await lp.read())
        } catch {
          // closed
        }
      })
      await node.handle(FLOOD_PROTOCOL, async (stream) => {
        const lp = lpStream(stream)
        try {
          // an ack per message: its first 16 bytes (the size of an envelope ID)
          for (;;) await lp.write((await lp.read()).subarray(0, 16))
        } catch {
          // closed
        }
      })
      return node.getMultiaddrs().map((ma) => ma.toString())
    },
    async stopBaselines() {
      await node?.stop()
      const server = echoServer
      if (server !== undefined) {
        await new Promise<void>((resolve) => {
          server.close(() => {
            resolve()
          })
        })
      }
      return null
    },
    async start({ dataDir }) {
      side = await startSide(String(dataDir), 'bob')
      stored = new Observer(
        side.client,
        () => other,
        (m) => !m.fromMe,
      )
      return side.peerId
    },
    async befriend({ link, peerId }) {
      const b = requireSide()
      other = String(peerId)
      const accepted = waitFor(
        b.client,
        (e) => e.name === 'contactsChanged' && e.payload.contacts.some((c) => c.peerId === other),
        'the acceptance',
      )
      await value(b.client.invoke('acceptInvite', { link: String(link), message: 'benchmark' }))
      await accepted
      return null
    },
    stored: ({ tag }) => {
      if (stored === undefined) throw new Error('no core yet')
      return stored.phase(phaseOf(String(tag))).when(String(tag))
    },
    count: ({ phase, n }) => {
      if (stored === undefined) throw new Error('no core yet')
      return stored.phase(String(phase)).count(Number(n))
    },
    /** Sends a message to the other core; returns when the call started, on this clock. */
    async send({ text }) {
      const t0 = now()
      await send(requireSide(), other, String(text))
      return t0
    },
    async stop() {
      await side?.messenger.stop()
      return null
    },
    async profileStart() {
      await startProfile()
      return null
    },
    async profileStop({ name }) {
      await stopProfile(String(name))
      return null
    },
  }
  process.on('message', (message: Request) => {
    const op = ops[message.op]
    const reply = (body: { result?: unknown; error?: string }): void => {
      process.send?.({ id: message.id, ...body })
    }
    if (op === undefined) {
      reply({ error: `unknown op ${message.op}` })
      return
    }
    op(message.args).then(
      (result) => {
        reply({ result })
      },
      (err: unknown) => {
        reply({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) })
      },
    )
  })
  process.on('disconnect', () => {
    process.exit(0)
  })
  process.send?.({ id: 0, result: 'up' })
}

class Peer {
  private readonly child: ChildProcess
  private next = 1
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  readonly up: Promise<unknown>

  constructor() {
    // the child inherits this process's node flags (e.g. --cpu-prof)
    this.child = fork(fileURLToPath(import.meta.url), [PEER_FLAG], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    this.up = new Promise((resolve, reject) => this.pending.set(0, { resolve, reject }))
    this.child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.pending.get(m.id)
      this.pending.delete(m.id)
      if (m.error !== undefined) waiter?.reject(new Error(`peer process: ${m.error}`))
      else waiter?.resolve(m.result)
    })
    this.child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`the peer process exited (${code})`))
      this.pending.clear()
    })
  }

  call<T>(op: string, args: Request['args'] = {}): Promise<T> {
    const id = this.next++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.child.send({ id, op, args } satisfies Request)
    })
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => {
      this.child.once('exit', () => {
        resolve()
      })
    })
    if (this.child.connected) this.child.disconnect()
    await within(exited, 'the peer process to exit', 30_000).catch(() => {
      this.child.kill()
    })
  }
}

/**
 * How far the peer's clock reads ahead of ours: the NTP estimate from the
 * IPC exchange with the smallest round trip (error at most half of it).
 */
async function clockOffset(peer: Peer): Promise<{ offset: number; error: number }> {
  let best = { offset: 0, error: Number.POSITIVE_INFINITY }
  for (let i = 0; i < CLOCK_ROUNDS; i++) {
    const t1 = now()
    const theirs = await peer.call<number>('time')
    const t2 = now()
    if ((t2 - t1) / 2 < best.error) best = { offset: theirs - (t1 + t2) / 2, error: (t2 - t1) / 2 }
  }
  return best
}

// ── baselines ──

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no TCP address')
  return address.port
}

/** Raw Node TCP: a 64-byte echo, one round trip at a time. */
async function rawTcpRtt(port: number): Promise<number[]> {
  const socket: Socket = connect({ port, host: '127.0.0.1', noDelay: true })
  await new Promise<void>((resolve) => socket.once('connect', resolve))
  let got = 0
  let done: (() => void) | undefined
  socket.on('data', (data: Buffer) => {
    got += data.length
    if (got >= RTT_BYTES) {
      got -= RTT_BYTES
      done?.()
    }
  })
  const payload = randomBytes(RTT_BYTES)
  const roundTrip = (): Promise<void> =>
    new Promise<void>((resolve) => {
      done = resolve
      socket.write(payload)
    })
  for (let i = 0; i < RTT_ROUNDS / 4; i++) await roundTrip()
  const times: number[] = []
  for (let i = 0; i < RTT_ROUNDS; i++) {
    const t0 = now()
    await roundTrip()
    times.push(now() - t0)
  }
  socket.destroy()
  return times
}

/**
 * A length-prefixed 64-byte echo on one libp2p stream, one round trip at a
 * time: back to back (`pauseMs` 0, after a warm-up), or each round after a
 * pause, when both processes have gone idle, as between the messages of the
 * latency run: then it is what waking them costs on this machine.
 */
async function bareRtt(node: Libp2p, target: readonly string[], rounds: number, pauseMs = 0): Promise<number[]> {
  const stream = await node.dialProtocol(
    target.map((ma) => multiaddr(ma)),
    ECHO_PROTOCOL,
  )
  const lp = lpStream(stream)
  const payload = randomBytes(RTT_BYTES)
  const roundTrip = async (): Promise<number> => {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs))
    const t0 = now()
    await lp.write(payload)
    await lp.read()
    return now() - t0
  }
  if (pauseMs === 0) for (let i = 0; i < rounds / 4; i++) await roundTrip()
  const times: number[] = []
  for (let i = 0; i < rounds; i++) times.push(await roundTrip())
  await stream.close()
  return times
}

/** One-way 100-byte messages on one stream, an ack frame per message, at most BARE_WINDOW unacknowledged. */
async function bareThroughput(node: Libp2p, target: readonly string[], count: number): Promise<number> {
  const stream = await node.dialProtocol(
    target.map((ma) => multiaddr(ma)),
    FLOOD_PROTOCOL,
  )
  const lp = lpStream(stream)
  let inflight = 0
  let room: (() => void) | undefined
  const acks = (async () => {
    for (let acked = 0; acked < count; acked++) {
      await lp.read()
      inflight--
      const wake = room
      room = undefined
      wake?.()
    }
  })()
  const payload = randomBytes(BARE_MESSAGE_BYTES)
  const t0 = now()
  for (let i = 0; i < count; i++) {
    while (inflight >= BARE_WINDOW) await new Promise<void>((resolve) => (room = resolve))
    inflight++
    await lp.write(payload)
  }
  await acks
  const elapsed = now() - t0
  await stream.close()
  return count / (elapsed / 1000)
}

/**
 * One LevelDB batch (one 300-byte put), synced: what a group commit of one
 * message pays at least; or not: what handing a write to LevelDB's threads
 * and back costs (the receiver's raw envelope).
 */
async function levelBatches(dir: string, sync: boolean): Promise<number[]> {
  const db = new ClassicLevel<string, Uint8Array>(join(dir, sync ? 'fsync-baseline' : 'nosync-baseline'), {
    keyEncoding: 'utf8',
    valueEncoding: 'view',
  })
  await db.open()
  const times: number[] = []
  for (let i = 0; i < FSYNC_ROUNDS; i++) {
    const t0 = now()
    await db.batch([{ type: 'put', key: `k/${String(i).padStart(8, '0')}`, value: randomBytes(300) }], { sync })
    times.push(now() - t0)
  }
  await db.close()
  return times.slice(FSYNC_ROUNDS / 10)
}

interface Baselines {
  readonly raw: number[]
  readonly bare: number[]
  readonly bareMsgsPerS: number
  readonly bareIdle: number[]
  readonly fsyncs: number[]
  readonly unsynced: number[]
}

async function baselines(peer: Peer, root: string): Promise<Baselines> {
  const raw = await rawTcpRtt(await peer.call<number>('tcpEcho'))
  const target = await peer.call<string[]>('bare')
  const node = await bareNode()
  try {
    const bare = await bareRtt(node, target, RTT_ROUNDS)
    const bareIdle = await bareRtt(node, target, IDLE_RTT_ROUNDS, IDLE_PAUSE_MS)
    const bareMsgsPerS = await bareThroughput(node, target, BARE_MESSAGES)
    return {
      raw,
      bare,
      bareIdle,
      bareMsgsPerS,
      fsyncs: await levelBatches(root, true),
      unsynced: await levelBatches(root, false),
    }
  } finally {
    await node.stop()
    await peer.call('stopBaselines')
  }
}

// ── two cores ──

interface Pair {
  readonly a: Side
  readonly b: Peer
  readonly bPeerId: string
  /** b's clock minus ours. */
  readonly offset: number
  /** At a: own messages acknowledged by b. */
  readonly ackedAtA: Observer
  /** At a: b's messages stored. */
  readonly atA: Observer
}

/** `a` (here) invites, `b` (the child) accepts the invite, `a` accepts the request. */
async function startPair(peer: Peer, root: string, offset: number): Promise<Pair> {
  const a = await startSide(join(root, 'alice'), 'alice')
  const bPeerId = await peer.call<string>('start', { dataDir: join(root, 'bob') })
  const { link } = await value(a.client.invoke('createInvite', { expiresInHours: 1, singleUse: true }))
  let requestId = ''
  const requested = waitFor(
    a.client,
    (e) => {
      if (e.name !== 'contactRequestsChanged') return false
      requestId = e.payload.requests.find((r) => r.peerId === bPeerId)?.requestId ?? ''
      return requestId !== ''
    },
    'the contact request',
  )
  const befriended = peer.call('befriend', { link, peerId: a.peerId })
  await requested
  await value(a.client.invoke('respondToRequest', { requestId, response: 'accept' }))
  await befriended
  return {
    a,
    b: peer,
    bPeerId,
    offset,
    ackedAtA: new Observer(
      a.client,
      () => bPeerId,
      (m) => m.fromMe && (m.state === 'delivered' || m.state === 'read'),
    ),
    atA: new Observer(
      a.client,
      () => bPeerId,
      (m) => !m.fromMe,
    ),
  }
}

/** When b stored a message, on our clock. */
async function storedAtB(pair: Pair, tag: string): Promise<number> {
  return (await within(pair.b.call<number>('stored', { tag }), `message ${tag} at the peer`)) - pair.offset
}

async function warmUp(pair: Pair): Promise<void> {
  const { a, b, bPeerId, atA, ackedAtA } = pair
  // the first message starts the session (X3DH) and the stream; an answer completes the handshake
  await send(a, bPeerId, textOf('warm 0', LATENCY_TEXT_CHARS))
  await storedAtB(pair, 'warm 0')
  await b.call('send', { text: textOf('back 0', LATENCY_TEXT_CHARS) })
  await within(atA.phase('back').when('back 0'), 'the first answer')
  const all = b.call('count', { phase: 'warm', n: WARMUP_MESSAGES + 1 })
  await Promise.all(
    Array.from({ length: WARMUP_MESSAGES }, (_, i) => send(a, bPeerId, textOf(`warm ${i + 1}`, LATENCY_TEXT_CHARS))),
  )
  await within(all, 'the warm-up')
  await within(ackedAtA.phase('warm').count(WARMUP_MESSAGES + 1), 'the warm-up acks')
}

interface LatencyResult {
  readonly oneWay: number[]
  readonly sendResolved: number[]
  readonly delivered: number[]
}

/** One message at a time from a to b; the next one only after a saw the previous acknowledged. */
async function latency(pair: Pair): Promise<LatencyResult> {
  const { a, bPeerId, ackedAtA } = pair
  const oneWay: number[] = []
  const sendResolved: number[] = []
  const delivered: number[] = []
  for (let i = 0; i < LATENCY_MESSAGES; i++) {
    const tag = `lat ${i}`
    const arrived = storedAtB(pair, tag)
    const acked = ackedAtA.phase('lat').when(tag)
    const t0 = now()
    await send(a, bPeerId, textOf(tag, LATENCY_TEXT_CHARS))
    sendResolved.push(now() - t0)
    oneWay.push((await arrived) - t0)
    delivered.push((await within(acked, `ack of ${tag}`)) - t0)
  }
  return { oneWay, sendResolved, delivered }
}

/** A conversation: a writes, b answers, … — every message turns the ratchet (a Diffie-Hellman step). */
async function alternating(pair: Pair): Promise<number[]> {
  const { a, b, bPeerId, atA } = pair
  const times: number[] = []
  for (let i = 0; i < ALTERNATING_MESSAGES; i++) {
    if (i % 2 === 0) {
      const tag = `ping ${i}`
      const arrived = storedAtB(pair, tag)
      const t0 = now()
      await send(a, bPeerId, textOf(tag, LATENCY_TEXT_CHARS))
      times.push((await arrived) - t0)
    } else {
      const tag = `pong ${i}`
      const arrived = atA.phase('pong').when(tag)
      // the call starts over there, on b's clock
      const t0 = (await b.call<number>('send', { text: textOf(tag, LATENCY_TEXT_CHARS) })) - pair.offset
      times.push((await within(arrived, `message ${tag}`)) - t0)
    }
  }
  return times
}

interface ThroughputResult {
  readonly msgsPerS: number
  readonly elapsedMs: number
  readonly sentMs: number
  readonly storedMs: number
}

/** a sends as fast as the API takes it (OUTSTANDING calls in flight) until b stored all and a saw all acked. */
async function throughput(pair: Pair): Promise<ThroughputResult> {
  const { a, b, bPeerId, ackedAtA } = pair
  const stored = b.call<number>('count', { phase: 'tp', n: THROUGHPUT_MESSAGES })
  const acked = ackedAtA.phase('tp').count(THROUGHPUT_MESSAGES)
  let next = 0
  const t0 = now()
  await within(
    Promise.all(
      Array.from({ length: OUTSTANDING }, async () => {
        for (let i = next++; i < THROUGHPUT_MESSAGES; i = next++) {
          await send(a, bPeerId, textOf(`tp ${i}`, THROUGHPUT_TEXT_CHARS))
        }
      }),
    ),
    'sending the throughput run',
  )
  const sentMs = now() - t0
  const storedAt = (await within(stored, `${THROUGHPUT_MESSAGES} messages stored at the peer`)) - pair.offset
  const ackedAt = await within(acked, `${THROUGHPUT_MESSAGES} acknowledgements`)
  const elapsedMs = Math.max(storedAt, ackedAt) - t0
  return { msgsPerS: THROUGHPUT_MESSAGES / (elapsedMs / 1000), elapsedMs, sentMs, storedMs: storedAt - t0 }
}

// ── opening a long conversation ──

interface FillState {
  mySeq: number
  theirSeq: number
  lastId: string | null
  lastOrder: string | null
  lastSentAt: number
}

const FILL_EPOCH = 1_600_000_000_000

/**
 * Writes messages [from, to) of a conversation straight into the sealed store
 * with the keys and records the service itself writes: the message, its ID
 * index, and what each side keeps besides (own: the sent content, for
 * resends; theirs: the seen envelope ID). Every 10th message is a reply.
 * Unsynced batches, each written while the next is sealed; a synced last one.
 */
async function fill(
  store: SealedStore,
  self: string,
  other: string,
  from: number,
  to: number,
  state: FillState,
): Promise<void> {
  const c = store.blind(other)
  const encoder = new TextEncoder()
  const json = (v: unknown): Uint8Array => encoder.encode(JSON.stringify(v))
  let ops: StoreOp[] = []
  let writing: Promise<void> = Promise.resolve()
  for (let k = from; k < to; k++) {
    // runs of three from us, two from them
    const fromMe = k % 5 < 3
    const seq = fromMe ? ++state.mySeq : ++state.theirSeq
    const sentAt = FILL_EPOCH + k * 1_000
    const sender = fromMe ? self : other
    const recipient = fromMe ? other : self
    const id = messageId(sender, recipient, seq)
    const order = orderKey(sentAt, sender, recipient, seq)
    const record: MessageRecord = {
      ...newMessageRecord({
        id,
        fromMe,
        seq,
        sentAt,
        receivedAt: sentAt + (fromMe ? 0 : 40),
        text: textOf(`old ${k}`, 20 + (k % 7) * 15),
        replyTo: k % 10 === 9 ? state.lastId : null,
      }),
      theirs: k % 13 === 0 ? '👍' : null,
    }
    ops.push({ type: 'put', key: msgPrefix(c) + order, value: json(record) })
    ops.push({ type: 'put', key: idKey(c, id), value: encoder.encode(order) })
    state.lastId = id
    state.lastOrder = order
    state.lastSentAt = sentAt
    if ((k + 1 - from) % FILL_BATCH === 0) {
      await writing
      writing = store.batch(ops, { sync: false })
      ops = []
    }
  }
  const conversation: ConversationRecord = {
    ...newConversation(dmConversationId(self, other), other),
    sendSeq: state.mySeq,
    lastSentAt: state.lastSentAt,
    recvSeq: state.theirSeq,
    readUpTo: state.theirSeq,
    theirReadUpTo: state.mySeq,
    total: to,
    lastOrder: state.lastOrder,
    outCounter: state.mySeq,
  }
  ops.push({ type: 'put', key: `dm/conv/${c}`, value: json(conversation) })
  await writing
  await store.batch(ops, { sync: true })
}

interface OpenResult {
  readonly messages: number
  readonly fillMs: number
  readonly unlockMs: number
  readonly coldMs: number
  readonly warmMs: number
  readonly diskBytes: number
  /** The first search after unlocking (from the persisted index), and one after. */
  readonly firstSearchMs: number
  readonly searchMs: number
  /** Heap growth from the first search. */
  readonly searchHeapBytes: number
  /** A history without an index: the first search (scanning, while the index is built), and the build. */
  readonly scanSearchMs: number
  readonly buildMs: number
  /** The index's records, keys and sealed values. */
  readonly indexBytes: number
}

/** Polls until the account's search index holds every message (the bench may wait on timers; tests may not). */
async function searchIndexBuilt(store: SealedStore): Promise<void> {
  for (;;) {
    const state = (await store.getJson(SEARCH_STATE_KEY)) as { build?: unknown } | undefined
    let marks = 0
    for await (const entry of store.rawEntries(MARK_PREFIX)) if (entry[0] !== '') marks++
    if (state?.build === null && marks === 0) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function searchIndexBytes(store: SealedStore): Promise<number> {
  let bytes = 0
  for await (const [key, value] of store.rawEntries(SEARCH_PREFIX)) bytes += key.length + value.length
  return bytes
}

async function openConversation(root: string): Promise<OpenResult[]> {
  const dataDir = join(root, 'carol')
  const side = await startSide(dataDir, 'carol')
  const other = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
  const session = await value(side.client.invoke('getSession', {}))
  const accountId = session.account?.accountId ?? ''
  const state: FillState = { mySeq: 0, theirSeq: 0, lastId: null, lastOrder: null, lastSentAt: 0 }
  const results: OpenResult[] = []
  let filled = 0
  try {
    for (const size of OPEN_SIZES) {
      const account = side.messenger.account()
      if (account === undefined) throw new Error('locked')
      const t0 = now()
      await fill(account.store, side.peerId, other, filled, size, state)
      const fillMs = now() - t0
      filled = size
      // written past the app, without marks: as a history from before the index, indexed again from scratch
      await wipeSearchIndex(account.store)
      // lock and unlock: the service loads the conversation from the store, LevelDB opens afresh
      const relock = async (): Promise<number> => {
        await value(side.client.invoke('lockAccount', {}))
        const u0 = now()
        await value(side.client.invoke('unlockAccount', { accountId, password: PASSWORD }))
        return now() - u0
      }
      const unlockMs = await relock()
      const open = async (): Promise<number> => {
        const o0 = now()
        const page = await value(
          side.client.invoke('getMessages', {
            conversationId: dmConversationId(side.peerId, other),
            limit: OPEN_PAGE,
          }),
        )
        const elapsed = now() - o0
        const last = tagOf(page.messages.at(-1)?.text ?? '')
        if (page.messages.length !== OPEN_PAGE || !page.hasBefore || last !== `old ${size - 1}`) {
          throw new Error(`wrong page at ${size}: ${page.messages.length} messages, the last is "${last}"`)
        }
        return elapsed
      }
      const coldMs = await open()
      const warm: number[] = []
      for (let i = 0; i < OPEN_WARM_ROUNDS; i++) warm.push(await open())
      // a word that is in one message (its number), the first time and again
      const find = async (): Promise<number> => {
        const s0 = now()
        const hits = await value(side.client.invoke('searchMessages', { query: String(size - 7) }))
        const elapsed = now() - s0
        if (!hits.some((h) => tagOf(h.message.text) === `old ${size - 7}`)) {
          throw new Error(`search at ${size} did not find message ${size - 7}`)
        }
        return elapsed
      }
      // no index yet: the search scans while the index is built in the background
      const b0 = now()
      const scanSearchMs = await find()
      await searchIndexBuilt(side.messenger.account()?.store ?? account.store)
      const buildMs = now() - b0
      await relock()
      const indexBytes = await searchIndexBytes(side.messenger.account()?.store ?? account.store)
      const heapBefore = settledHeap()
      const firstSearchMs = await find()
      const searchHeapBytes = settledHeap() - heapBefore
      const searchMs = await find()
      results.push({
        messages: size,
        fillMs,
        unlockMs,
        coldMs,
        warmMs: median(warm),
        diskBytes: await directorySize(dataDir),
        firstSearchMs,
        searchMs,
        searchHeapBytes,
        scanSearchMs,
        buildMs,
        indexBytes,
      })
    }
  } finally {
    await side.messenger.stop()
  }
  return results
}

// ── the benchmark ──

/** The phase profiled in both processes (PARLEY_BENCH_PROFILE, bench/profile.ts). */
async function bothProfiled<T>(pair: Pair, name: string, phase: () => Promise<T>): Promise<T> {
  if (process.env.PARLEY_BENCH_PROFILE === undefined) return phase()
  await pair.b.call('profileStart')
  try {
    return await profiled(`${name}-sender`, phase)
  } finally {
    await pair.b.call('profileStop', { name: `${name}-receiver` })
  }
}

export async function benchDm(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-dm-'))
  const peer = new Peer()
  try {
    await within(peer.up, 'the peer process to start', 30_000)
    const clock = await clockOffset(peer)
    const base = await baselines(peer, root)
    const pair = await startPair(peer, root, clock.offset)
    let lat: LatencyResult
    let alt: number[]
    let tp: ThroughputResult
    try {
      await warmUp(pair)
      lat = await bothProfiled(pair, 'latency', () => latency(pair))
      alt = await alternating(pair)
      tp = await bothProfiled(pair, 'throughput', () => throughput(pair))
    } finally {
      await pair.a.messenger.stop()
      await peer.call('stop')
    }
    await peer.close()
    // PARLEY_BENCH_QUICK=1: the message path only (no million-message conversation)
    const opens = process.env.PARLEY_BENCH_QUICK === '1' ? [] : await openConversation(root)
    report(base, clock, lat, alt, tp, opens)
  } finally {
    await peer.close()
    await rm(root, { recursive: true, force: true })
  }
}

function report(
  base: Baselines,
  clock: { offset: number; error: number },
  lat: LatencyResult,
  alt: number[],
  tp: ThroughputResult,
  opens: OpenResult[],
): void {
  const bareP50 = percentile(base.bare, 50)
  const latP50 = percentile(lat.oneWay, 50)
  const floor = 2 * percentile(base.fsyncs, 50) + percentile(base.unsynced, 50) + percentile(base.bareIdle, 50) / 2
  const latP99 = percentile(lat.oneWay, 99)
  const latencyMet = latP50 <= TARGET_FLOOR_FACTOR * floor && latP99 <= TARGET_P99_MS
  const throughputMet = tp.msgsPerS >= TARGET_MSGS_PER_S
  const [open100k, open1m] = opens
  const rows: Row[] = [
    {
      name: 'one-way latency p50',
      value: latP50,
      unit: 'ms',
      note: `send → decrypted and stored at the peer; ${LATENCY_MESSAGES} one at a time; target p50 ≤ ${TARGET_FLOOR_FACTOR}× floor (${round(TARGET_FLOOR_FACTOR * floor, 3)} ms) and p99 ≤ ${TARGET_P99_MS} ms: ${latencyMet ? 'met' : 'missed'} (p50 = ${round(latP50 / floor, 1)}× floor)`,
    },
    { name: 'one-way latency p99', value: latP99, unit: 'ms' },
    {
      name: '  sendMessage resolves p50',
      value: percentile(lat.sendResolved, 50),
      unit: 'ms',
      note: 'encrypted and committed at the sender',
    },
    {
      name: '  sender sees "delivered" p50',
      value: percentile(lat.delivered, 50),
      unit: 'ms',
      note: `p99 ${round(percentile(lat.delivered, 99))} ms; the ack back and recorded`,
    },
    {
      name: 'one-way latency p50, alternating',
      value: percentile(alt, 50),
      unit: 'ms',
      note: `${ALTERNATING_MESSAGES} messages, each answering the last (a ratchet step each); p99 ${round(percentile(alt, 99))} ms`,
    },
    {
      name: 'baseline: libp2p stream RTT p50',
      value: bareP50,
      unit: 'ms',
      note: `${RTT_BYTES}-byte echo, TCP + Noise + yamux; p99 ${round(percentile(base.bare, 99), 3)} ms`,
    },
    {
      name: 'baseline: raw TCP RTT p50',
      value: percentile(base.raw, 50),
      unit: 'ms',
      note: `${RTT_BYTES}-byte echo; p99 ${round(percentile(base.raw, 99), 3)} ms`,
    },
    {
      name: 'baseline: libp2p stream RTT p50, idle',
      value: percentile(base.bareIdle, 50),
      unit: 'ms',
      note: `the same echo after ${IDLE_PAUSE_MS} ms without traffic each time (the processes sleep); p99 ${round(percentile(base.bareIdle, 99), 3)} ms`,
    },
    {
      name: 'baseline: synced LevelDB batch p50',
      value: percentile(base.fsyncs, 50),
      unit: 'ms',
      note: `one put, sync: true; p99 ${round(percentile(base.fsyncs, 99))} ms`,
    },
    {
      name: 'baseline: unsynced LevelDB batch p50',
      value: percentile(base.unsynced, 50),
      unit: 'ms',
      note: `one put, sync: false (to LevelDB's thread and back); p99 ${round(percentile(base.unsynced, 99))} ms`,
    },
    {
      name: 'floor of the one-way latency',
      value: floor,
      unit: 'ms',
      note: `the writes the delivery guarantee needs (a synced batch at the sender; the raw envelope, then a synced batch at the receiver) + ½ idle RTT, with no encryption or other work: ${round(floor / bareP50, 1)}× the bare RTT`,
    },
    {
      name: 'throughput, E2E + persistence + acks',
      value: tp.msgsPerS,
      unit: 'msg/s',
      note: `${THROUGHPUT_MESSAGES} × ${THROUGHPUT_TEXT_CHARS} chars, ${OUTSTANDING} calls outstanding; target ≥ ${TARGET_MSGS_PER_S}: ${throughputMet ? 'met' : 'missed'}`,
    },
    {
      name: '  all stored at the peer after',
      value: tp.storedMs,
      unit: 'ms',
      note: `all sendMessage calls resolved after ${Math.round(tp.sentMs)} ms; all acked after ${Math.round(tp.elapsedMs)} ms`,
    },
    {
      name: 'baseline: libp2p stream messages/s',
      value: base.bareMsgsPerS,
      unit: 'msg/s',
      note: `${BARE_MESSAGES} × ${BARE_MESSAGE_BYTES} B one way, an ack frame per message, window ${BARE_WINDOW}`,
    },
    ...opens.flatMap((o): Row[] => [
      {
        name: `open conversation, ${o.messages.toLocaleString('en')} stored`,
        value: o.warmMs,
        unit: 'ms',
        note: `getMessages, the last ${OPEN_PAGE}; median of ${OPEN_WARM_ROUNDS}`,
      },
      {
        name: '  first call after unlock',
        value: o.coldMs,
        unit: 'ms',
        note: `unlock took ${Math.round(o.unlockMs)} ms`,
      },
      {
        name: '  first search after unlock',
        value: o.firstSearchMs,
        unit: 'ms',
        note: `from the persisted index; ${round(o.searchHeapBytes / 2 ** 20, 0)} MiB more heap after it; a search after: ${round(o.searchMs)} ms; target < 1000 ms and < 200 MiB at 1,000,000: ${o.firstSearchMs < 1000 && o.searchHeapBytes < 200 * 2 ** 20 ? 'met' : 'missed'}`,
      },
      {
        name: '  search index on disk',
        value: o.indexBytes / 2 ** 20,
        unit: 'MiB',
        note: `sealed records, keys included; built in the background in ${round(o.buildMs / 1000, 1)} s from a history without one, while the first search scanned the history (${Math.round(o.scanSearchMs)} ms)`,
      },
      {
        name: '  filling the store',
        value: o.fillMs,
        unit: 'ms',
        note: `${round(o.diskBytes / 2 ** 20, 1)} MiB on disk after`,
      },
    ]),
  ]
  printTable(
    `direct messages (sender here, receiver in a child process; TCP on 127.0.0.1, Noise + yamux, LevelDB on disk; clocks agree within ${round(clock.error, 3)} ms)`,
    rows,
  )
  printJson({
    bench: 'dm',
    latency_p50_ms: round(latP50, 3),
    latency_p99_ms: round(latP99, 3),
    bare_rtt_p50_ms: round(bareP50, 3),
    floor_ms: round(floor, 3),
    msgs_per_s: Math.round(tp.msgsPerS),
    bare_msgs_per_s: Math.round(base.bareMsgsPerS),
    open_100k_ms: open100k === undefined ? null : round(open100k.warmMs),
    open_1m_ms: open1m === undefined ? null : round(open1m.warmMs),
    first_search_100k_ms: open100k === undefined ? null : round(open100k.firstSearchMs),
    first_search_1m_ms: open1m === undefined ? null : round(open1m.firstSearchMs),
    search_heap_mib_1m: open1m === undefined ? null : round(open1m.searchHeapBytes / 2 ** 20, 1),
    search_index_mib_1m: open1m === undefined ? null : round(open1m.indexBytes / 2 ** 20, 1),
    search_build_1m_s: open1m === undefined ? null : round(open1m.buildMs / 1000, 1),
  })
}

if (process.argv.includes(PEER_FLAG)) runPeer()
