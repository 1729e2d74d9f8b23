import { benchDm } from './dm.js'
import { benchReach } from './reach.js'
import { benchStartup } from './startup.js'
import { benchUnlock } from './unlock.js'

const BENCHES: Readonly<Record<string, () => Promise<void>>> = {
  startup: benchStartup,
  unlock: benchUnlock,
  dm: benchDm,
  reach: benchReach,
}

const wanted = process.argv.slice(2)
const unknown = wanted.filter((name) => !(name in BENCHES))
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark: ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`)
  process.exit(2)
}
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  const bench = BENCHES[name]
  if (bench !== undefined) await bench()
}
process.exit(0)
