import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { identify } from '@libp2p/identify'
import type { Stream } from '@libp2p/interface'
import { noise } from '@libp2p/noise'
import { tcp } from '@libp2p/tcp'
import { yamux } from '@libp2p/yamux'
import { lpStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { createLibp2p, type Libp2p } from 'libp2p'

/**
 * The physical floor of the reach benchmark: two plain js-libp2p nodes (TCP,
 * Noise, yamux, identify, the circuit relay transport; none of Parley's
 * code, no DCUtR or AutoNAT) in the same namespaces as the cores.
 *
 *   node reach-bare.js serve '{"listen":[…],"relay":"/ip4/…/p2p/…"}'   prints {"peerId","addresses"} once reserved
 *   node reach-bare.js dial '{"target":"/ip4/…","rounds":500,…}'       prints one BareResult line and exits
 */
export const REACH_BARE_SCRIPT = fileURLToPath(import.meta.url)

const ECHO_PROTOCOL = '/parley-bench/echo/1.0.0'
const FLOOD_PROTOCOL = '/parley-bench/flood/1.0.0'

export interface ServeConfig {
  readonly listen: readonly string[]
  /** A relay to hold a reservation on; its circuit address is printed. */
  readonly relay?: string
}

export interface DialConfig {
  readonly target: string
  /** Echo rounds measured (a quarter more go first as a warm-up). */
  readonly rounds: number
  readonly bytes: number
  /** One-way messages of `messageBytes`, an ack frame each, at most `window` unacknowledged (after as many as a warm-up). */
  readonly messages: number
  readonly messageBytes: number
  readonly window: number
}

export interface BareResult {
  readonly rttMs: readonly number[]
  readonly msgsPerS: number
  /** The connection the streams ran on, as the dialer saw it. */
  readonly remoteAddr: string
  readonly limited: boolean
}

const write = (line: unknown): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

function node(listen: readonly string[]): Promise<Libp2p> {
  return createLibp2p({
    addresses: { listen: [...listen] },
    transports: [tcp(), circuitRelayTransport()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() },
  })
}

async function serve(config: ServeConfig): Promise<void> {
  const listen = [...config.listen, ...(config.relay === undefined ? [] : [`${config.relay}/p2p-circuit`])]
  const server = await node(listen)
  const answer = (reply: (frame: Uint8Array) => Uint8Array) => async (stream: Stream) => {
    const lp = lpStream(stream)
    try {
      for (;;) await lp.write(reply((await lp.read()).subarray()))
    } catch {
      // closed
    }
  }
  await server.handle(
    ECHO_PROTOCOL,
    answer((frame) => frame),
    { runOnLimitedConnection: true },
  )
  // an ack per message: its first 16 bytes (the size of an envelope ID)
  await server.handle(
    FLOOD_PROTOCOL,
    answer((frame) => frame.subarray(0, 16)),
    { runOnLimitedConnection: true },
  )
  const circuit = (): boolean => server.getMultiaddrs().some((ma) => ma.toString().includes('/p2p-circuit'))
  if (config.relay !== undefined && !circuit()) {
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (!circuit()) return
        server.removeEventListener('self:peer:update', check)
        resolve()
      }
      server.addEventListener('self:peer:update', check)
    })
  }
  write({ peerId: server.peerId.toString(), addresses: server.getMultiaddrs().map((ma) => ma.toString()) })
  const stop = (): void => {
    void Promise.resolve(server.stop()).then(() => process.exit(0))
  }
  createInterface({ input: process.stdin }).on('close', stop)
  process.on('SIGTERM', stop)
}

async function dial(config: DialConfig): Promise<void> {
  const client = await node([])
  const connection = await client.dial(multiaddr(config.target))
  const options = { runOnLimitedConnection: true }
  const echo = lpStream(await connection.newStream(ECHO_PROTOCOL, options))
  const payload = randomBytes(config.bytes)
  const roundTrip = async (): Promise<number> => {
    const t0 = performance.now()
    await echo.write(payload)
    await echo.read()
    return performance.now() - t0
  }
  for (let i = 0; i < config.rounds / 4; i++) await roundTrip()
  const rttMs: number[] = []
  for (let i = 0; i < config.rounds; i++) rttMs.push(await roundTrip())

  const flood = lpStream(await connection.newStream(FLOOD_PROTOCOL, options))
  const message = randomBytes(config.messageBytes)
  /** `config.messages` one way, at most `config.window` unacknowledged; returns messages per second. */
  const burst = async (): Promise<number> => {
    let inFlight = 0
    let room: (() => void) | undefined
    const acks = (async () => {
      for (let acked = 0; acked < config.messages; acked++) {
        await flood.read()
        inFlight--
        const wake = room
        room = undefined
        wake?.()
      }
    })()
    const t0 = performance.now()
    for (let i = 0; i < config.messages; i++) {
      while (inFlight >= config.window) await new Promise<void>((resolve) => (room = resolve))
      inFlight++
      await flood.write(message)
    }
    await acks
    return config.messages / ((performance.now() - t0) / 1000)
  }
  await burst() // a warm-up, as the echo had
  const msgsPerS = await burst()

  const result: BareResult = {
    rttMs,
    msgsPerS,
    remoteAddr: connection.remoteAddr.toString(),
    limited: connection.limits !== undefined,
  }
  write(result)
  await client.stop()
  process.exit(0)
}

if (process.argv[1] === REACH_BARE_SCRIPT) {
  const [mode, json] = process.argv.slice(2)
  const config: unknown = JSON.parse(json ?? '{}')
  if (mode === 'serve') await serve(config as ServeConfig)
  else if (mode === 'dial') await dial(config as DialConfig)
  else throw new Error(`usage: reach-bare.js serve|dial '<json>'`)
}
