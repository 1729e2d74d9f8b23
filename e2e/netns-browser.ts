/**
 * A small "public Internet" for end-to-end tests, built from Linux network
 * namespaces: one namespace holds a bridge, and each host is a namespace of
 * its own joined to it by a veth pair, with an address in 11.22.33.0/24.
 *
 * ```
 *   pa (.30)   pb (.31)   pc (.32)
 *     |          |          |
 *   ============ br0 ============   (namespace `net`)
 * ```
 *
 * libp2p and Parley count 11.22.33.0/24 as public (not RFC 1918, not a
 * documentation range: see test/support/nat.ts), so a connection between two
 * of these hosts is "direct", not "on the LAN". No host has a default route:
 * nothing leaves the subnet, and the machine's own namespace never sees it.
 * IPv6 is off everywhere.
 *
 * The netns commands come from test/support/netns.ts (nat.ts uses libp2p
 * packages, which the e2e project may not import).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from '@playwright/test'
import { inNs, ip, netnsUnavailableReason } from '../test/support/netns.js'

const CLI = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url))
const SUBNET = '11.22.33'

export { netnsUnavailableReason }

export interface PublicHost {
  readonly ns: string
  readonly ip: string
}

export interface PublicSubnet {
  /** Hosts for two peers and a browser. */
  readonly pa: PublicHost
  readonly pb: PublicHost
  readonly pc: PublicHost
  /** Deletes every namespace. Stop the processes inside first. */
  destroy(): Promise<void>
}

export async function createPublicSubnet(tag: string): Promise<PublicSubnet> {
  const prefix = `parley-${tag}-${process.pid}`
  const created: string[] = []
  const destroy = async (): Promise<void> => {
    for (const ns of created.splice(0).reverse()) await ip('netns', 'del', ns).catch(() => undefined)
  }
  const addNs = async (role: string): Promise<string> => {
    const ns = `${prefix}-${role}`
    await ip('netns', 'add', ns)
    created.push(ns)
    await inNs(ns, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1')
    await inNs(ns, 'ip', 'link', 'set', 'lo', 'up')
    return ns
  }
  try {
    const net = await addNs('net')
    await inNs(net, 'ip', 'link', 'add', 'br0', 'type', 'bridge')
    await inNs(net, 'ip', 'link', 'set', 'br0', 'up')
    const host = async (role: string, address: string): Promise<PublicHost> => {
      const ns = await addNs(role)
      await ip('link', 'add', 'eth0', 'netns', ns, 'type', 'veth', 'peer', 'name', role, 'netns', net)
      await inNs(ns, 'ip', 'link', 'set', 'eth0', 'up')
      await inNs(net, 'ip', 'link', 'set', role, 'master', 'br0')
      await inNs(net, 'ip', 'link', 'set', role, 'up')
      await inNs(ns, 'ip', 'addr', 'add', `${address}/24`, 'dev', 'eth0')
      return { ns, ip: address }
    }
    const pa = await host('pa', `${SUBNET}.30`)
    const pb = await host('pb', `${SUBNET}.31`)
    const pc = await host('pc', `${SUBNET}.32`)
    return { pa, pb, pc, destroy }
  } catch (err) {
    await destroy()
    throw err
  }
}

/** A `parley web` in a namespace, serving on its host's address. */
export interface NsWebPeer {
  /** The one-time link it printed (`http://<ip>:8080/#link=…`). */
  readonly url: string
  /** Its libp2p TCP address, as it announces it. */
  readonly address: string
  stop(): Promise<void>
}

const WEB_PORT = 8080
const P2P_PORT = 4001

/**
 * Starts `parley web` in internet mode inside `host`: libp2p listens on
 * 4001 and announces `/ip4/<ip>/tcp/4001`, the app is served on `<ip>:8080`
 * (`--allow-remote`: not loopback). No mDNS and no bootstrap peers.
 */
export async function startNsWebPeer(host: PublicHost): Promise<NsWebPeer> {
  if (!existsSync(CLI)) throw new Error('dist/src/cli/main.js is missing: run "npm run build" first (npm test does it)')
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-e2e-ns-'))
  const address = `/ip4/${host.ip}/tcp/${P2P_PORT}`
  const args = [
    ...['netns', 'exec', host.ns, process.execPath, CLI, 'web', '--data-dir', dataDir],
    ...['--mode', 'internet', '--no-mdns', '--no-bootstrap'],
    ...['--listen', `/ip4/0.0.0.0/tcp/${P2P_PORT}`, '--announce', address],
    ...['--host', host.ip, '--allow-remote', '--port', String(WEB_PORT)],
  ]
  // `ip netns exec` execs the command: the child's pid is the peer's own
  const child: ChildProcess = spawn('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
    await rm(dataDir, { recursive: true, force: true })
  }
  const { stdout: out, stderr: err } = child
  if (out === null || err === null) throw new Error('no pipes')
  const stderr: string[] = []
  createInterface({ input: err }).on('line', (line) => stderr.push(line))
  const link = new RegExp(`^\\s+(http://${host.ip.replaceAll('.', '\\.')}:${WEB_PORT}/#link=\\S+)$`)
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`parley web in ${host.ns} printed no URL in 20 s:\n${stderr.join('\n')}`))
      }, 20_000)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`parley web in ${host.ns} exited (${code}):\n${stderr.join('\n')}`))
      })
      createInterface({ input: out }).on('line', (line) => {
        const match = link.exec(line)
        if (match?.[1] !== undefined) {
          clearTimeout(timer)
          resolve(match[1])
        }
      })
    })
    return { url, address, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

/** The system's Chromium, as playwright.config.ts finds it. */
function systemChromium(): string {
  const candidates = [
    process.env.PARLEY_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ]
  const found = candidates.find((path): path is string => path !== undefined && path !== '' && existsSync(path))
  if (found === undefined) throw new Error('no Chromium found (set PARLEY_CHROMIUM)')
  return found
}

/**
 * Launches Chromium inside `host`'s namespace. Playwright talks to Chromium
 * over a pipe (inherited file descriptors), so a wrapper that execs
 * `ip netns exec <ns> chromium "$@"` moves the browser into the namespace and
 * Playwright still drives it. Closing the browser ends it; `close` also
 * removes the wrapper.
 */
export async function launchBrowserIn(host: PublicHost): Promise<{ browser: Browser; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-e2e-chromium-'))
  const wrapper = join(dir, 'chromium-in-netns')
  await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec '${host.ns}' '${systemChromium()}' "$@"\n`)
  await chmod(wrapper, 0o755)
  try {
    const browser = await chromium.launch({
      executablePath: wrapper,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    })
    return {
      browser,
      async close() {
        await browser.close()
        await rm(dir, { recursive: true, force: true })
      },
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    throw err
  }
}
