import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createMessenger } from '../src/core/messenger.js'
import { CliPeer, requireBuiltCli } from '../test/support/cli-process.js'
import { createLan, netnsUnavailableReason } from '../test/support/netns.js'
import { median, printJson, printTable, round, type Row } from './report.js'

const START_ROUNDS = 15
const MDNS_ROUNDS = 5

/** Baseline: how long a bare Node TCP server takes to listen on loopback. */
async function rawListenMs(): Promise<number> {
  const t0 = performance.now()
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const elapsed = performance.now() - t0
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve()
    }),
  )
  return elapsed
}

/** Core start → listening, with the data directory (and node key) already there. */
async function startToListenMs(dataDir: string): Promise<number> {
  const messenger = createMessenger({
    dataDir,
    host: 'in-process',
    identity: 'node-key',
    mode: 'lan-only',
    mdns: false,
    listen: ['/ip4/127.0.0.1/tcp/0'],
  })
  const t0 = performance.now()
  await messenger.start()
  const elapsed = performance.now() - t0
  const status = await messenger.handlers.getNetworkStatus({})
  if (status.listenAddresses.length === 0) throw new Error('the core started without listening')
  await messenger.stop()
  return elapsed
}

/** Two peers in two namespaces: from the later one listening to the first discovery. */
async function mdnsDiscoveryMs(round: number): Promise<number> {
  const cli = requireBuiltCli()
  const lan = await createLan(`bench${round}`)
  const dataRoot = await mkdtemp(join(tmpdir(), 'parley-bench-'))
  const peers = [lan.a, lan.b].map(
    (host, i) =>
      new CliPeer(
        host.spawn(process.execPath, [
          cli,
          'node',
          '--data-dir',
          join(dataRoot, String(i)),
          '--lan-only',
          '--print-events',
          '--log-level',
          'warn',
        ]),
      ),
  )
  try {
    const ids = await Promise.all(peers.map((p) => p.peerId()))
    const listening = await Promise.all(peers.map((p) => p.waitForEvent((e) => e.name === 'listenAddressesChanged')))
    const found = await Promise.all(
      peers.map((p, i) => p.waitForEvent((e) => e.name === 'peerDiscovered' && e.payload.peerId === ids[1 - i])),
    )
    const bothListening = Math.max(...listening.map((l) => l.time))
    return Math.min(...found.map((f) => f.time)) - bothListening
  } finally {
    await Promise.all(peers.map((p) => p.stop()))
    await lan.destroy()
    await rm(dataRoot, { recursive: true, force: true })
  }
}

export async function benchStartup(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-bench-'))
  const coldT0 = performance.now()
  await startToListenMs(dataDir) // first start also creates the data directory and the node key
  const coldMs = performance.now() - coldT0
  const starts: number[] = []
  const raws: number[] = []
  for (let i = 0; i < START_ROUNDS; i++) {
    raws.push(await rawListenMs())
    starts.push(await startToListenMs(dataDir))
  }
  await rm(dataDir, { recursive: true, force: true })

  const rows: Row[] = [
    { name: 'core start → listening (median)', value: median(starts), unit: 'ms', note: `${START_ROUNDS} warm starts` },
    { name: 'core first start (creates key)', value: coldMs, unit: 'ms' },
    {
      name: 'baseline: raw TCP listen (median)',
      value: median(raws),
      unit: 'ms',
      note: 'net.createServer on 127.0.0.1',
    },
  ]

  let mdns: number | null = null
  const unavailable = await netnsUnavailableReason()
  if (unavailable === undefined) {
    const rounds: number[] = []
    for (let i = 0; i < MDNS_ROUNDS; i++) rounds.push(await mdnsDiscoveryMs(i))
    mdns = median(rounds)
    rows.push({
      name: 'LAN mDNS discovery (median)',
      value: mdns,
      unit: 'ms',
      note: `${MDNS_ROUNDS} rounds, two namespaces; min ${Math.min(...rounds)} max ${Math.max(...rounds)}`,
    })
  } else {
    process.stdout.write(`mDNS discovery not measured: ${unavailable}\n`)
  }

  printTable('startup (lan-only, TCP on 127.0.0.1, Noise + yamux)', rows)
  printJson({
    bench: 'startup',
    start_to_listen_ms: round(median(starts)),
    mdns_discovery_ms: mdns === null ? null : round(mdns),
    raw_listen_ms: round(median(raws), 3),
    first_start_ms: round(coldMs),
  })
}
