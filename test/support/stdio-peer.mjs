// A Parley core with accounts, driven over stdin/stdout: one JSON line per call
// ({"id":1,"command":"…","args":{…}}) and per answer ({"id":1,"result":{…}}) or
// event ({"event":{…}}). Used by tests that run a core inside a network
// namespace, where no browser can reach it. Built code only: run "npm run build".
import process from 'node:process'
import { createInterface } from 'node:readline'
import { dispatchCommand } from '../../dist/src/api/index.js'
import { createMessenger } from '../../dist/src/core/messenger.js'

const [dataDir, ...listen] = process.argv.slice(2)
if (dataDir === undefined) {
  process.stderr.write('usage: stdio-peer.mjs DATA_DIR [LISTEN_MULTIADDR…]\n')
  process.exit(2)
}
const write = (value) => process.stdout.write(`${JSON.stringify(value)}\n`)
const messenger = createMessenger({
  dataDir,
  host: 'in-process',
  mode: 'lan-only',
  kdfCost: { logN: 10, r: 8, p: 1 },
  ...(listen.length > 0 ? { listen } : {}),
})
messenger.subscribe((event) => write({ event }))
await messenger.start()
write({ ready: true })
createInterface({ input: process.stdin }).on('line', (line) => {
  const call = JSON.parse(line)
  void dispatchCommand(messenger.handlers, call.command, call.args).then((result) => write({ id: call.id, result }))
})
process.on('SIGTERM', () => {
  void messenger.stop().then(() => process.exit(0))
})
