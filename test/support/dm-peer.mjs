// A Parley core with accounts in a child process, for message tests that kill
// and restart it. Like stdio-peer.mjs (one JSON line per call, answer or event),
// plus a "burst" command that sends many messages from inside the process, so a
// SIGKILL can land in the middle of it. Built code only: run "npm run build".
//
//   node dm-peer.mjs '{"dataDir":"…","listen":["/ip4/127.0.0.1/tcp/0"],"mdns":false}'
// Optional: "mode" ("lan-only" by default, or "internet"), "bootstrap" (a list of
// multiaddrs; [] for none), "dhtPrivateAddresses" (true on one machine), "announce"
// (addresses to announce besides the listening ones, e.g. a port forwarded by a NAT).
//
// Lines written to stdout:
//   {"ready":true}                               the core is started (locked)
//   {"id":1,"result":{…}}                        the answer to call 1
//   {"event":{…}}                                an API event
//   {"sent":{"index":7,"id":"…","seq":7}}         burst message 7 was accepted (on disk)
//   {"sendFailed":{"index":8,"error":"…"}}       burst message 8 was refused; the burst stops
// Logs (JSON lines, level from PARLEY_LOG_LEVEL, default "warn") go to stderr.
import process from 'node:process'
import { createInterface } from 'node:readline'
import { dispatchCommand } from '../../dist/src/api/index.js'
import { createLogger, jsonLineSink } from '../../dist/src/core/logger.js'
import { createMessenger } from '../../dist/src/core/messenger.js'
import { dmConversationId } from '../../dist/src/messages/ids.js'

const config = JSON.parse(process.argv[2] ?? 'null')
if (config === null || typeof config.dataDir !== 'string') {
  process.stderr.write('usage: dm-peer.mjs \'{"dataDir":"…","listen":[…],"mdns":false}\'\n')
  process.exit(2)
}
const write = (value) => process.stdout.write(`${JSON.stringify(value)}\n`)
const messenger = createMessenger({
  dataDir: config.dataDir,
  host: 'in-process',
  mode: config.mode ?? 'lan-only',
  kdfCost: { logN: 10, r: 8, p: 1 },
  logger: createLogger({
    sink: jsonLineSink((line) => process.stderr.write(line)),
    level: process.env.PARLEY_LOG_LEVEL ?? 'warn',
  }),
  ...(Array.isArray(config.listen) ? { listen: config.listen } : {}),
  ...(config.mdns === false ? { mdns: false } : {}),
  ...(Array.isArray(config.bootstrap) ? { bootstrap: config.bootstrap } : {}),
  ...(config.dhtPrivateAddresses === true ? { dhtPrivateAddresses: true } : {}),
  ...(Array.isArray(config.announce) ? { announce: config.announce } : {}),
})
messenger.subscribe((event) => write({ event }))
await messenger.start()
write({ ready: true })

/** The text of burst message `index`: m0001, m0002, … */
const burstText = (index) => `m${String(index).padStart(4, '0')}`

/**
 * Sends messages `from`..`to` to `peerId` in order, `window` calls at a time
 * (calls on one conversation are applied in call order, so the order holds).
 */
async function burst({ peerId, from, to, window = 1 }) {
  const inFlight = new Set()
  let failed = false
  const self = messenger.account()?.identity.peerId ?? ''
  const conversationId = dmConversationId(self, peerId)
  for (let index = from; index <= to && !failed; index++) {
    const call = dispatchCommand(messenger.handlers, 'sendMessage', { conversationId, text: burstText(index) }).then(
      (result) => {
        inFlight.delete(call)
        if (result.ok) write({ sent: { index, id: result.value.id, seq: result.value.seq } })
        else {
          failed = true
          write({ sendFailed: { index, error: `${result.error.code}: ${result.error.message}` } })
        }
      },
    )
    inFlight.add(call)
    if (inFlight.size >= window) await Promise.race(inFlight)
  }
  await Promise.all(inFlight)
  return { ok: !failed, ...(failed ? { error: { code: 'REFUSED', message: 'a send failed' } } : { value: null }) }
}

const stop = () => {
  void messenger.stop().then(() => process.exit(0))
}
createInterface({ input: process.stdin })
  .on('line', (line) => {
    const call = JSON.parse(line)
    const answer =
      call.command === 'burst' ? burst(call.args) : dispatchCommand(messenger.handlers, call.command, call.args)
    void answer.then((result) => write({ id: call.id, result }))
  })
  .on('close', stop) // the test that drove it is gone
process.on('SIGTERM', stop)
