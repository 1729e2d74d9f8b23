import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { requireBuiltCli } from './cli-process.js'
import { createNatTopology, type HomeHost, type NatOptions, type NatTopology } from './nat.js'
import { startHomePeer, type HomePeer, type Relay } from './reach.js'

/**
 * A test's NAT topology, data folder and processes: `setUp` builds them,
 * `relay` and `home` start processes in them, and everything is stopped and
 * removed after each test (register it inside a `describe`).
 */
export function natFixture(): {
  readonly setUp: (tag: string, options?: NatOptions) => Promise<NatTopology>
  readonly dataRoot: () => string
  readonly relay: (start: Promise<Relay>) => Promise<Relay>
  readonly home: (
    host: HomeHost,
    name: string,
    bootstrap: readonly string[],
    announce?: readonly string[],
  ) => Promise<HomePeer>
  readonly onCleanup: (stop: () => Promise<void>) => void
} {
  let net: NatTopology | undefined
  let root = ''
  const stops: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined)
    await net?.destroy()
    net = undefined
    if (root !== '') await rm(root, { recursive: true, force: true })
    root = ''
  })
  return {
    setUp: async (tag, options = {}) => {
      requireBuiltCli()
      net = await createNatTopology(tag, options)
      root = await mkdtemp(join(tmpdir(), `parley-${tag}-`))
      return net
    },
    dataRoot: () => root,
    relay: async (start) => {
      const started = await start
      stops.push(() => started.stop())
      return started
    },
    home: async (host, name, bootstrap, announce = []) => {
      const peer = await startHomePeer(host, root, name, bootstrap, announce)
      stops.push(() => peer.peer.stop())
      return peer
    },
    onCleanup: (stop) => stops.push(stop),
  }
}
