// A flood of circuit relay reservation requests: `count` fresh identities, one
// after another (`perSecond` a second), each a plain libp2p node that asks the
// relay for a slot. Those that get one keep it (their node stays up) until
// stdin closes. Only upstream packages. Usage:
//   node reservation-flood.mjs '{"relay":"/ip4/…/tcp/4001/p2p/…","count":60,"perSecond":20}'
// Prints one JSON line when done: {"attempted":n,"reserved":n,"refused":n,"reasons":{…}}.
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { identify } from '@libp2p/identify'
import { noise } from '@libp2p/noise'
import { tcp } from '@libp2p/tcp'
import { yamux } from '@libp2p/yamux'
import { createLibp2p } from 'libp2p'
import process from 'node:process'
import { setTimeout as wait } from 'node:timers/promises'

const { relay, count = 60, perSecond = 20 } = JSON.parse(process.argv[2] ?? '{}')
const holding = []
const reasons = {}
let reserved = 0

const attempt = async () => {
  const node = await createLibp2p({
    start: false,
    addresses: { listen: [`${relay}/p2p-circuit`] },
    transports: [tcp(), circuitRelayTransport({ reservationCompletionTimeout: 5_000 })],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: { denyDialMultiaddr: () => false },
    services: { identify: identify() },
  })
  try {
    // a named relay: the start fails unless the reservation is granted
    await node.start()
    reserved++
    holding.push(node)
  } catch (err) {
    const reason = err instanceof Error ? err.name : 'Error'
    reasons[reason] = (reasons[reason] ?? 0) + 1
    await node.stop().catch(() => undefined)
  }
}

const pending = []
for (let i = 0; i < count; i++) {
  pending.push(attempt())
  await wait(1000 / perSecond) // pacing the flood, not waiting for a result
}
await Promise.all(pending)
process.stdout.write(`${JSON.stringify({ attempted: count, reserved, refused: count - reserved, reasons })}\n`)

process.stdin.resume()
process.stdin.on('end', () => {
  void Promise.all(holding.map((node) => node.stop())).then(() => process.exit(0))
})
process.on('SIGTERM', () => process.exit(0))
