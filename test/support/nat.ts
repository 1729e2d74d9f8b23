import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { promisify } from 'node:util'
import { isPrivateIp } from '@libp2p/utils'
import { inNs, ip, netnsUnavailableReason } from './netns.js'

const run = promisify(execFile)

/**
 * A small Internet with two homes behind NAT routers, built from Linux network
 * namespaces and iptables:
 *
 * ```
 *   pub  pub2  flood  nat-a(wan0)  nat-b(wan0)      "public" 11.22.33.0/24, one bridge
 *    |    |     |       |            |               in its own namespace (`net`)
 *   ======== br0 ==========================
 *                       nat-a(lan0)  nat-b(lan0)    MASQUERADE out of wan0
 *                         |            |
 *                       home-a       home-b          10.81.1.0/24, 10.81.2.0/24
 * ```
 *
 * The public subnet is not a documentation range: libp2p's `isPrivateIp`
 * counts TEST-NET-1/2/3 (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) as
 * private, so DCUtR, AutoNAT, identify and kad-dht would treat those hosts as
 * private. The range only exists inside these namespaces: none has a route out
 * of the machine, and the machine's own namespace never sees it.
 *
 * Homes route everything through their router; routers forward home → public
 * and only replies back (stateful firewall, no port forwarding unless asked);
 * public hosts know only their own subnet, so they cannot reach a home except
 * through a NAT mapping. IPv6 is off everywhere.
 */
export interface NatHost {
  /** Short role name: `pub`, `pub2`, `flood`, `home-a`, `home-b`, `nat-a`, `nat-b`. */
  readonly name: string
  readonly ns: string
  /** Its address on its own network (for a router: the public WAN address). */
  readonly ip: string
  /** Starts a command in this namespace (the child's pid is the command's own); `env` defaults to this process's. */
  spawn(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): ChildProcess
  /** Runs a command in this namespace and returns its stdout. */
  exec(command: string, ...args: string[]): Promise<string>
  /**
   * Starts counting the packets this host sends (iptables OUTPUT) to
   * `destination`, an address or CIDR; the returned function reads the count.
   * Counts from now on, not retroactively.
   */
  countPacketsTo(destination: string): Promise<() => Promise<number>>
}

export interface HomeHost extends NatHost {
  /** The router this home sits behind. */
  readonly router: NatRouter
  /** Packets this host has sent towards the public subnet since the topology was built. */
  packetsToPublic(): Promise<number>
}

export interface NatRouter extends NatHost {
  /** Its address on the home LAN (the home's default gateway). */
  readonly lanIp: string
  /** Forwards TCP `port` on the WAN address to the same port of the home (a manual "UPnP" mapping). */
  forwardPort(port: number): Promise<void>
}

export interface NatTopology {
  /** The public subnet in CIDR form. */
  readonly publicSubnet: string
  /** Public host for the relay / DHT bootstrap node. */
  readonly pub: NatHost
  /** A second public host (e.g. a second relay). */
  readonly pub2: NatHost
  /** A public stranger (e.g. to flood the relay). */
  readonly flood: NatHost
  readonly homeA: HomeHost
  readonly homeB: HomeHost
  readonly routerA: NatRouter
  readonly routerB: NatRouter
  /**
   * Cuts a host off its network (`up` false: its uplink goes down, so nothing
   * passes either way) or joins it again (`up` true, restoring a home's
   * default route, which the kernel dropped with the link). For a router this
   * is the WAN side: its home loses the Internet but keeps the router.
   */
  setLink(host: NatHost, up: boolean): Promise<void>
  /** Deletes every namespace (and with them every interface and rule). Stop the processes inside first. */
  destroy(): Promise<void>
}

export interface NatOptions {
  /**
   * MASQUERADE with `--random-fully`: every new flow gets a random external
   * port, a NAT no hole punching gets through. Default: plain MASQUERADE,
   * which keeps the source port when it can.
   */
  randomFully?: boolean
  /** Both homes use the same private subnet (10.81.1.0/24, both hosts .2), as two real homes often do. */
  sameHomeSubnet?: boolean
}

const PUBLIC = '11.22.33'
const PUBLIC_SUBNET = `${PUBLIC}.0/24`
const ADDRESSES = {
  pub: `${PUBLIC}.10`,
  pub2: `${PUBLIC}.11`,
  flood: `${PUBLIC}.12`,
  natA: `${PUBLIC}.21`,
  natB: `${PUBLIC}.22`,
}
const HOME_COUNTER = 'parley-to-public'

/** Why this topology cannot be built here (no namespaces, no iptables, no NAT in the kernel), or undefined. */
export async function natUnavailableReason(): Promise<string | undefined> {
  const netns = await netnsUnavailableReason()
  if (netns !== undefined) return netns
  try {
    await run('iptables', ['--version'])
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'iptables is not installed'
    return `"iptables --version" failed: ${firstLine(err)}`
  }
  const probe = `parley-natprobe-${process.pid}`
  try {
    await ip('netns', 'add', probe)
    await inNs(probe, 'iptables', '-t', 'nat', '-A', 'POSTROUTING', '-o', 'lo', '-j', 'MASQUERADE', '--random-fully')
    return undefined
  } catch (err) {
    return `iptables NAT does not work here: ${firstLine(err)}`
  } finally {
    await ip('netns', 'del', probe).catch(() => undefined)
  }
}

function firstLine(err: unknown): string {
  return err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)
}

let counters = 0

async function readCounter(ns: string, comment: string): Promise<number> {
  const table = await inNs(ns, 'iptables', '-L', 'OUTPUT', '-n', '-v', '-x')
  const line = table.split('\n').find((l) => l.includes(`/* ${comment} */`))
  if (line === undefined) throw new Error(`no counter ${comment} in ${ns}`)
  return Number(line.trim().split(/\s+/)[0])
}

function natHost(name: string, ns: string, address: string): NatHost {
  return {
    name,
    ns,
    ip: address,
    spawn(command, args, env) {
      return spawn('ip', ['netns', 'exec', ns, command, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env })
    },
    exec(command, ...args) {
      return inNs(ns, command, ...args)
    },
    async countPacketsTo(destination) {
      const comment = `parley-count-${++counters}`
      await inNs(ns, 'iptables', '-A', 'OUTPUT', '-d', destination, '-m', 'comment', '--comment', comment)
      return () => readCounter(ns, comment)
    },
  }
}

export async function createNatTopology(tag: string, options: NatOptions = {}): Promise<NatTopology> {
  for (const address of Object.values(ADDRESSES)) {
    // a libp2p upgrade that adds this range to its private list would quietly turn every test here into a LAN test
    if (isPrivateIp(address) === true) throw new Error(`libp2p now counts ${address} as private: pick another range`)
  }
  const prefix = `parley-${tag}-${process.pid}`
  const nsName = (role: string): string => `${prefix}-${role}`
  const created: string[] = []
  const destroy = async (): Promise<void> => {
    for (const ns of created.splice(0).reverse()) {
      await ip('netns', 'del', ns).catch(() => undefined)
    }
  }
  const addNs = async (role: string): Promise<string> => {
    const ns = nsName(role)
    await ip('netns', 'add', ns)
    created.push(ns)
    await inNs(ns, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1')
    await inNs(ns, 'ip', 'link', 'set', 'lo', 'up')
    return ns
  }
  /** A veth pair `a@nsA` — `b@nsB`, both up and without IPv6. */
  const link = async (nsA: string, a: string, nsB: string, b: string): Promise<void> => {
    await ip('link', 'add', a, 'netns', nsA, 'type', 'veth', 'peer', 'name', b, 'netns', nsB)
    for (const [ns, dev] of [
      [nsA, a],
      [nsB, b],
    ] as const) {
      await inNs(ns, 'sysctl', '-q', '-w', `net.ipv6.conf.${dev}.disable_ipv6=1`)
      await inNs(ns, 'ip', 'link', 'set', dev, 'up')
    }
  }

  try {
    const net = await addNs('net')
    await inNs(net, 'ip', 'link', 'add', 'br0', 'type', 'bridge')
    await inNs(net, 'sysctl', '-q', '-w', 'net.ipv6.conf.br0.disable_ipv6=1')
    await inNs(net, 'ip', 'link', 'set', 'br0', 'up')
    /** Joins `dev@ns` to the public bridge with `address`; `port` names its end on the bridge. */
    const joinPublic = async (ns: string, dev: string, port: string, address: string): Promise<void> => {
      await link(ns, dev, net, port)
      await inNs(net, 'ip', 'link', 'set', port, 'master', 'br0')
      await inNs(ns, 'ip', 'addr', 'add', `${address}/24`, 'dev', dev)
    }

    const publicHost = async (role: string, address: string): Promise<NatHost> => {
      const ns = await addNs(role)
      await joinPublic(ns, 'eth0', role, address)
      return natHost(role, ns, address)
    }
    const pub = await publicHost('pub', ADDRESSES.pub)
    const pub2 = await publicHost('pub2', ADDRESSES.pub2)
    const flood = await publicHost('flood', ADDRESSES.flood)

    const home = async (side: 'a' | 'b', wanIp: string, lan: string): Promise<HomeHost> => {
      const routerNs = await addNs(`nat-${side}`)
      const homeNs = await addNs(`home-${side}`)
      const lanIp = `${lan}.1`
      const homeIp = `${lan}.2`
      await joinPublic(routerNs, 'wan0', `nat${side}`, wanIp)
      await link(routerNs, 'lan0', homeNs, 'eth0')
      await inNs(routerNs, 'ip', 'addr', 'add', `${lanIp}/24`, 'dev', 'lan0')
      await inNs(routerNs, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1')
      const ipt = (...args: string[]): Promise<string> => inNs(routerNs, 'iptables', ...args)
      await ipt(
        ...['-t', 'nat', '-A', 'POSTROUTING', '-o', 'wan0', '-j', 'MASQUERADE'],
        ...(options.randomFully === true ? ['--random-fully'] : []),
      )
      await ipt('-P', 'FORWARD', 'DROP')
      await ipt('-A', 'FORWARD', '-i', 'lan0', '-o', 'wan0', '-j', 'ACCEPT')
      await ipt(
        ...['-A', 'FORWARD', '-i', 'wan0', '-o', 'lan0'],
        ...['-m', 'conntrack', '--ctstate', 'ESTABLISHED,RELATED', '-j', 'ACCEPT'],
      )
      const router: NatRouter = {
        ...natHost(`nat-${side}`, routerNs, wanIp),
        lanIp,
        async forwardPort(port) {
          const p = String(port)
          await ipt(
            ...['-t', 'nat', '-A', 'PREROUTING', '-i', 'wan0', '-p', 'tcp', '--dport', p],
            ...['-j', 'DNAT', '--to-destination', `${homeIp}:${p}`],
          )
          await ipt(
            '-A',
            'FORWARD',
            '-i',
            'wan0',
            '-o',
            'lan0',
            '-p',
            'tcp',
            '-d',
            homeIp,
            '--dport',
            p,
            '-j',
            'ACCEPT',
          )
        },
      }

      await inNs(homeNs, 'ip', 'addr', 'add', `${homeIp}/24`, 'dev', 'eth0')
      await inNs(homeNs, 'ip', 'route', 'add', 'default', 'via', lanIp)
      await inNs(homeNs, 'iptables', '-A', 'OUTPUT', '-d', PUBLIC_SUBNET, '-m', 'comment', '--comment', HOME_COUNTER)
      return {
        ...natHost(`home-${side}`, homeNs, homeIp),
        router,
        packetsToPublic: () => readCounter(homeNs, HOME_COUNTER),
      }
    }
    const homeA = await home('a', ADDRESSES.natA, '10.81.1')
    const homeB = await home('b', ADDRESSES.natB, options.sameHomeSubnet === true ? '10.81.1' : '10.81.2')

    const routerA = homeA.router
    const routerB = homeB.router
    const setLink = async (host: NatHost, up: boolean): Promise<void> => {
      const home = [homeA, homeB].find((h) => h.ns === host.ns)
      const dev = [routerA, routerB].some((r) => r.ns === host.ns) ? 'wan0' : 'eth0'
      await inNs(host.ns, 'ip', 'link', 'set', dev, up ? 'up' : 'down')
      if (up && home !== undefined) await inNs(home.ns, 'ip', 'route', 'replace', 'default', 'via', home.router.lanIp)
    }
    return { publicSubnet: PUBLIC_SUBNET, pub, pub2, flood, homeA, homeB, routerA, routerB, setLink, destroy }
  } catch (err) {
    await destroy()
    throw err
  }
}
