import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * Two Linux network namespaces joined by a veth pair: a real LAN on one
 * machine. Each namespace also has a "sink": an interface that leads nowhere, holding the
 * default route, so a packet to any address beyond the LAN would leave through
 * it and be counted (and dropped) instead of failing with "no route".
 * Nothing here can reach the machine's own network.
 */
export interface LanHost {
  readonly ns: string
  readonly ip: string
  /** Packets sent through the sink, i.e. towards addresses beyond the LAN. */
  sinkTxPackets(): Promise<number>
  /** Runs a command in this namespace. */
  spawn(command: string, args: readonly string[]): ChildProcess
}

export interface Lan {
  readonly a: LanHost
  readonly b: LanHost
  destroy(): Promise<void>
}

const SUBNET = '10.77.0'

/** Runs `ip` with these arguments; resolves with its output. */
export async function ip(...args: string[]): Promise<string> {
  const { stdout } = await run('ip', args)
  return stdout
}

/** Runs a command inside namespace `ns`; resolves with its output. */
export async function inNs(ns: string, command: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('ip', ['netns', 'exec', ns, command, ...args])
  return stdout
}

/** Why namespaces cannot be used here, or undefined when they can. */
export async function netnsUnavailableReason(): Promise<string | undefined> {
  if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root'
  const probe = `parley-probe-${process.pid}`
  try {
    await ip('netns', 'add', probe)
    await ip('netns', 'del', probe)
    return undefined
  } catch (err) {
    return `"ip netns add" failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`
  }
}

function host(ns: string, address: string): LanHost {
  return {
    ns,
    ip: address,
    async sinkTxPackets() {
      const stats = await inNs(ns, 'cat', '/sys/class/net/sink/statistics/tx_packets')
      return Number(stats.trim())
    },
    spawn(command, args) {
      return spawn('ip', ['netns', 'exec', ns, command, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    },
  }
}

export async function createLan(tag: string): Promise<Lan> {
  const nsA = `parley-${tag}-${process.pid}-a`
  const nsB = `parley-${tag}-${process.pid}-b`
  const created: string[] = []
  const destroy = async (): Promise<void> => {
    for (const ns of created.splice(0)) {
      await ip('netns', 'del', ns).catch(() => undefined)
    }
  }
  try {
    for (const ns of [nsA, nsB]) {
      await ip('netns', 'add', ns)
      created.push(ns)
    }
    await ip('link', 'add', 'veth0', 'netns', nsA, 'type', 'veth', 'peer', 'name', 'veth0', 'netns', nsB)
    const hosts: [string, string][] = [
      [nsA, `${SUBNET}.1`],
      [nsB, `${SUBNET}.2`],
    ]
    for (const [ns, address] of hosts) {
      await inNs(ns, 'ip', 'link', 'set', 'lo', 'up')
      await inNs(ns, 'ip', 'addr', 'add', `${address}/24`, 'dev', 'veth0')
      await inNs(ns, 'ip', 'link', 'set', 'veth0', 'up')
      await addStubInterface(ns, 'sink')
      await inNs(ns, 'ip', 'route', 'add', 'default', 'dev', 'sink')
      await inNs(ns, 'ip', 'route', 'add', '224.0.0.0/4', 'dev', 'veth0')
    }
  } catch (err) {
    await destroy()
    throw err
  }
  return { a: host(nsA, `${SUBNET}.1`), b: host(nsB, `${SUBNET}.2`), destroy }
}

/** Adds an address from a documentation range (TEST-NET-3) that stands for "a public address" in a namespace. */
export async function addPublicLookingAddress(ns: string, address: string): Promise<void> {
  await addStubInterface(ns, 'pub0')
  await inNs(ns, 'ip', 'addr', 'add', `${address}/32`, 'dev', 'pub0')
}

/**
 * An interface that leads nowhere: one end of a veth pair whose other end
 * stays in the same namespace with no address (the kernel here may lack the
 * dummy driver). IPv6 is off on both so they send nothing by themselves.
 */
async function addStubInterface(ns: string, name: string): Promise<void> {
  const peer = `${name}x`
  await inNs(ns, 'ip', 'link', 'add', name, 'type', 'veth', 'peer', 'name', peer)
  for (const dev of [name, peer]) {
    await inNs(ns, 'sysctl', '-q', '-w', `net.ipv6.conf.${dev}.disable_ipv6=1`)
    await inNs(ns, 'ip', 'link', 'set', dev, 'up')
  }
}

/**
 * Cuts a host off the LAN (`up` false: its end of the veth goes down, so
 * nothing passes either way) or joins it again (`up` true, with the multicast
 * route mDNS needs, which the kernel dropped with the link).
 */
export async function setLanLink(host: LanHost, up: boolean): Promise<void> {
  await inNs(host.ns, 'ip', 'link', 'set', 'veth0', up ? 'up' : 'down')
  if (up) await inNs(host.ns, 'ip', 'route', 'replace', '224.0.0.0/4', 'dev', 'veth0')
}
