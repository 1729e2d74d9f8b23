import process from 'node:process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { dispatchCommand, fail, ok, type Result } from '../src/api/index.js'
import { createLogger, jsonLineSink, type LogLevel } from '../src/core/logger.js'
import { createMessenger } from '../src/core/messenger.js'
import { dmConversationId } from '../src/messages/ids.js'

/**
 * A Parley core in a child process for the reach benchmark: the line protocol
 * of test/support/dm-peer.mjs (so `DmPeer` drives it), plus `announce`, which
 * that script cannot pass: a home behind a port forward announces its
 * router's public address. Internet mode, mDNS off, the test KDF cost.
 *
 *   node reach-peer.js '{"dataDir":"…","listen":[…],"bootstrap":[…],"announce":[…]}'
 */
export const REACH_PEER_SCRIPT = fileURLToPath(import.meta.url)

export interface ReachPeerConfig {
  readonly dataDir: string
  readonly listen: readonly string[]
  readonly bootstrap: readonly string[]
  readonly announce?: readonly string[]
}

interface Call {
  readonly id: number
  readonly command: string
  readonly args: Readonly<Record<string, unknown>>
}

const write = (line: unknown): void => {
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

async function run(config: ReachPeerConfig): Promise<void> {
  const messenger = createMessenger({
    dataDir: config.dataDir,
    host: 'in-process',
    mode: 'internet',
    mdns: false,
    listen: config.listen,
    bootstrap: config.bootstrap,
    ...(config.announce === undefined ? {} : { announce: config.announce }),
    kdfCost: { logN: 10, r: 8, p: 1 },
    logger: createLogger({
      sink: jsonLineSink((line) => process.stderr.write(line)),
      level: (process.env.PARLEY_LOG_LEVEL ?? 'warn') as LogLevel,
    }),
  })
  messenger.subscribe((event) => {
    write({ event })
  })
  await messenger.start()
  write({ ready: true })

  /** Messages `from`..`to` (m0001 …) to `peerId`, `window` sendMessage calls at a time, as dm-peer.mjs. */
  const burst = async (args: Call['args']): Promise<Result<null>> => {
    const { peerId, from, to, window } = args as { peerId: string; from: number; to: number; window?: number }
    const self = messenger.account()?.identity.peerId ?? ''
    const conversationId = dmConversationId(self, peerId)
    const inFlight = new Set<Promise<void>>()
    const refused: number[] = []
    for (let index = from; index <= to && refused.length === 0; index++) {
      const text = `m${String(index).padStart(4, '0')}`
      const call: Promise<void> = dispatchCommand(messenger.handlers, 'sendMessage', { conversationId, text }).then(
        (result) => {
          inFlight.delete(call)
          if (!result.ok) {
            refused.push(index)
            write({ sendFailed: { index, error: `${result.error.code}: ${result.error.message}` } })
            return
          }
          const { id, seq } = result.value as { id: string; seq: number }
          write({ sent: { index, id, seq } })
        },
      )
      inFlight.add(call)
      if (inFlight.size >= (window ?? 1)) await Promise.race(inFlight)
    }
    await Promise.all(inFlight)
    return refused.length > 0 ? fail('INTERNAL', 'a send failed') : ok(null)
  }

  const stop = (): void => {
    void messenger.stop().then(() => process.exit(0))
  }
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      const call = JSON.parse(line) as Call
      const answer =
        call.command === 'burst' ? burst(call.args) : dispatchCommand(messenger.handlers, call.command, call.args)
      void answer.then((result) => {
        write({ id: call.id, result })
      })
    })
    .on('close', stop) // the benchmark that drove it is gone
  process.on('SIGTERM', stop)
}

if (process.argv[1] === REACH_PEER_SCRIPT) await run(JSON.parse(process.argv[2] ?? '{}') as ReachPeerConfig)
