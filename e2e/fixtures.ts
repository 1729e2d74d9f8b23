import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { test as base } from '@playwright/test'

const CLI = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url))
const LINK = /^\s+(http:\/\/127\.0\.0\.1:\d+\/#link=\S+)$/
const run = promisify(execFile)

/** A `parley web` process with its own fresh data directory. */
export interface WebPeer {
  /** The link it printed: it signs in one browser, once. */
  readonly url: string
  /** Another one-time link, as `parley web --new-link` prints it. */
  newLink(): Promise<string>
  readonly origin: string
  readonly dataDir: string
  stop(): Promise<void>
}

/**
 * How a web peer joins the network; each field left out keeps the default:
 * LAN only, a TCP listener on 127.0.0.1 (any free port), no bootstrap peers.
 */
export interface WebPeerNetwork {
  readonly mode?: 'lan-only' | 'internet'
  /** Replaces the 127.0.0.1 TCP listener (e.g. `['/p2p-circuit']`: reachable only through a relay). */
  readonly listen?: readonly string[]
  /** Bootstrap peers in internet mode (local ones only: never the public list); empty or absent: none. */
  readonly bootstrap?: readonly string[]
}

export async function startWebPeer(extraArgs: readonly string[] = [], network: WebPeerNetwork = {}): Promise<WebPeer> {
  if (!existsSync(CLI)) throw new Error('dist/src/cli/main.js is missing: run "npm run build" first (npm test does it)')
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-'))
  const { mode = 'lan-only', listen = ['/ip4/127.0.0.1/tcp/0'], bootstrap = [] } = network
  // mDNS off: outside a network namespace it would multicast on the machine's real interfaces.
  // No bootstrap peers unless given: a test that switches to internet mode must never dial the public list.
  const args = [
    CLI,
    'web',
    '--data-dir',
    dataDir,
    ...(mode === 'lan-only' ? ['--lan-only'] : ['--mode', mode]),
    '--no-mdns',
    ...(bootstrap.length === 0 ? ['--no-bootstrap'] : bootstrap.flatMap((address) => ['--bootstrap', address])),
    ...listen.flatMap((address) => ['--listen', address]),
    ...extraArgs,
  ]
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: string[] = []
  const { stdout: out, stderr: err } = child
  if (out === null || err === null) throw new Error('no pipes')
  createInterface({ input: err }).on('line', (line) => stderr.push(line))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`parley web printed no URL in 20 s:\n${stderr.join('\n')}`))
    }, 20_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`parley web exited (${code}):\n${stderr.join('\n')}`))
    })
    createInterface({ input: out }).on('line', (line) => {
      const match = LINK.exec(line)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
  })
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    async newLink() {
      const { stdout } = await run(process.execPath, [CLI, 'web', '--new-link', '--data-dir', dataDir])
      return stdout.trim()
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export const test = base.extend<{ peers: (count: number) => Promise<WebPeer[]> }>({
  // Playwright reads the fixture's dependencies from the destructuring pattern: none here
  // eslint-disable-next-line no-empty-pattern
  peers: async ({}, use) => {
    const started: WebPeer[] = []
    await use(async (count) => {
      for (let i = 0; i < count; i++) started.push(await startWebPeer())
      return started
    })
    await Promise.all(started.map((p) => p.stop()))
  },
})

export { expect } from '@playwright/test'
