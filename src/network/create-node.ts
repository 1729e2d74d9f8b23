import { autoNAT } from '@libp2p/autonat'
import { bootstrap } from '@libp2p/bootstrap'
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { dcutr } from '@libp2p/dcutr'
import { identify, identifyPush } from '@libp2p/identify'
import type { ComponentLogger, ConnectionGater, PeerDiscovery, PrivateKey, Transport } from '@libp2p/interface'
import { kadDHT, passthroughMapper, removePrivateAddressesMapper } from '@libp2p/kad-dht'
import { mdns } from '@libp2p/mdns'
import { noise } from '@libp2p/noise'
import { ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { webSockets } from '@libp2p/websockets'
import { yamux } from '@libp2p/yamux'
import { isMultiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { setTimeout as pause } from 'node:timers/promises'
import { createLibp2p, type Libp2p, type Libp2pOptions } from 'libp2p'
import { isLanMultiaddr } from './lan-address.js'

/** The public Amino DHT bootstrap peers (the kad-dht default protocol). */
export const DEFAULT_BOOTSTRAP: readonly string[] = [
  '/dnsaddr/bootstrap.libp2p.io/p2p/QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN',
  '/dnsaddr/bootstrap.libp2p.io/p2p/QmQCU2EcMqAqQPR2i9bChDtGNJchTbq5TbXJJ16u19uLTa',
  '/dnsaddr/bootstrap.libp2p.io/p2p/QmbLHAnMoJPWSCR5Zhtx6BHJX9KiKNN6tpvbUcqanj75Nb',
  '/dnsaddr/bootstrap.libp2p.io/p2p/QmcZf59bWwK5XFi76CZX8cbJ4BhTzzA3gU1ZjYZcYW3dwt',
]

/** Parley peers look for each other under their own mDNS service name, not every IPFS node's. */
export const MDNS_SERVICE_TAG = '_parley._udp.local'

export type OnlineMode = 'lan-only' | 'internet'

/** libp2p services to add to a node, by the name they get in `node.services`. */
export type Libp2pServiceFactories = Readonly<Record<string, (components: never) => unknown>>

export interface NodeTransportFactories {
  readonly transports: readonly ((components: never) => Transport)[]
}

export interface CreateNodeOptions {
  readonly mode: OnlineMode
  readonly privateKey: PrivateKey
  /** Listen multiaddrs; defaults to every IPv4/IPv6 interface on a random TCP port (and WebSockets on internet). */
  readonly listen?: readonly string[]
  /** mDNS discovery (on by default; tests outside a network namespace turn it off). */
  readonly mdns?: false | { readonly intervalMs?: number }
  /**
   * Told of each peer mDNS finds, before libp2p reports it as discovered
   * (`peer:discovery` does not say where a peer came from).
   */
  readonly onLanPeer?: (peerId: string) => void
  /** Bootstrap peers for the DHT (internet mode only). Empty: no bootstrap dialing. */
  readonly bootstrap?: readonly string[]
  /** Replace the TCP/WebSockets transports, e.g. with `@libp2p/memory` in tests. */
  readonly transports?: readonly ((components: never) => Transport)[]
  readonly logger?: ComponentLogger
  /** Peers refused at the connection gate (blocked people). */
  readonly isBlocked?: (peerId: string) => boolean
  /**
   * The TCP port to use where a listen address says port 0: the one this
   * account used last time, so contacts find it again at the address they know.
   */
  readonly tcpPort?: number
  /**
   * More libp2p services (node services' needs, e.g. a circuit relay server),
   * beside the ones of the mode; a name the mode already uses is refused.
   */
  readonly services?: Libp2pServiceFactories
  /**
   * Serve the DHT (answer others' queries, keep records) instead of only
   * asking it: `parley node` does, a desktop app that sleeps and moves does not.
   */
  readonly dhtServer?: boolean
  /**
   * Keep private addresses in what the DHT hands out (a private network, or
   * tests on one machine); the public DHT's addresses are public ones only.
   */
  readonly dhtPrivateAddresses?: boolean
  /**
   * Addresses to announce besides the listening ones: a server's public IP
   * or DNS name (libp2p announces a public address only once AutoNAT has
   * confirmed it, which a new node's first minutes, or a private network, never do).
   */
  readonly announce?: readonly string[]
}

/** Relay reservations a node behind a NAT keeps at once, on different relays. */
export const RELAY_RESERVATIONS = 2

/**
 * What an internet node listens on: the given addresses, plus one
 * `/p2p-circuit` per reservation to keep (a slot on a relay found through
 * the bootstrap peers or the DHT) unless the list asks for circuits itself.
 */
export function internetListen(listen: readonly string[]): string[] {
  if (listen.some((a) => a.endsWith('/p2p-circuit'))) return [...listen]
  return [...listen, ...Array.from({ length: RELAY_RESERVATIONS }, () => '/p2p-circuit')]
}

/** `/…/tcp/0` → `/…/tcp/<port>`; WebSockets and other addresses stay as they are. */
export function withTcpPort(addresses: readonly string[], port: number | undefined): string[] {
  if (port === undefined) return [...addresses]
  return addresses.map((a) => (a.endsWith('/tcp/0') ? `${a.slice(0, -'/tcp/0'.length)}/tcp/${port}` : a))
}

/**
 * Connection limits, set deliberately: a desktop peer talks to its contacts and
 * a handful of infrastructure peers, not to thousands. New inbound connections
 * per remote host are rate-limited (libp2p's threshold) and half-open
 * connections are bounded.
 */
export const CONNECTION_LIMITS = {
  'lan-only': { maxConnections: 128, maxIncomingPendingConnections: 16, inboundConnectionThreshold: 10 },
  internet: { maxConnections: 300, maxIncomingPendingConnections: 32, inboundConnectionThreshold: 5 },
} as const

function defaultListen(mode: OnlineMode): string[] {
  const tcpListen = ['/ip4/0.0.0.0/tcp/0', '/ip6/::/tcp/0']
  // internet: also WebSockets, and reservations on circuit relays for when we sit behind a NAT
  return mode === 'internet' ? [...tcpListen, '/ip4/0.0.0.0/tcp/0/ws'] : tcpListen
}

/**
 * AutoNAT v1 as upstream ships it, with one fix. Its server checks a peer's
 * address by `openConnection(address)` and closes what it gets; without
 * `force` that is the very connection the request came on whenever the peer
 * listens where we dialled it (a relay, a bootstrap node), so every such
 * check cut our link to it, and the relay reservation made on it. Here the
 * server's dial of one address always makes a new connection.
 */
function autoNATDialingAfresh(): (components: never) => unknown {
  const factory = autoNAT()
  return (components: Parameters<typeof factory>[0]) => {
    const manager = components.connectionManager
    const fresh = new Proxy(manager, {
      get(target, property) {
        if (property === 'openConnection') {
          return (
            peer: Parameters<typeof target.openConnection>[0],
            opts?: Parameters<typeof target.openConnection>[1],
          ) => target.openConnection(peer, isMultiaddr(peer) ? { ...opts, force: true } : opts)
        }
        const value: unknown = Reflect.get(target, property, target)
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
      },
    })
    return factory(
      new Proxy(components, {
        get: (target, property): unknown =>
          property === 'connectionManager' ? fresh : (Reflect.get(target, property, target) as unknown),
      }),
    )
  }
}

/** How long the relay transport waits after each peer a random walk gives it. */
export const RELAY_WALK_PAUSE_MS = 5_000

/**
 * The circuit relay transport, looking for relays more calmly. While it has
 * fewer reservations than it wants it walks the DHT for peers that relay,
 * taking each next peer at once; on a small DHT (a friend's node, one relay)
 * every walk ends at once and the next begins, and each device stayed at half
 * a CPU core for as long as the second relay did not exist. Here it takes
 * one peer every `RELAY_WALK_PAUSE_MS`, which the walk waits for.
 */
function relayTransportWithCalmWalks(): (components: never) => Transport {
  const factory = circuitRelayTransport()
  return (components: Parameters<typeof factory>[0]) => {
    const inner = components.randomWalk
    const calm: typeof inner = {
      async *walk(options) {
        for await (const peer of inner.walk(options)) {
          yield peer
          try {
            await pause(RELAY_WALK_PAUSE_MS, undefined, options?.signal === undefined ? {} : { signal: options.signal })
          } catch {
            return
          }
        }
      },
    }
    return factory(
      new Proxy(components, {
        get: (target, property): unknown =>
          property === 'randomWalk' ? calm : (Reflect.get(target, property, target) as unknown),
      }),
    )
  }
}

/** The gate that makes lan-only true: no dial to, and no connection from, anything but a LAN address. */
export function lanOnlyGater(isBlocked: (peerId: string) => boolean = () => false): ConnectionGater {
  return {
    ...blockGater(isBlocked),
    denyDialMultiaddr: (ma: Multiaddr) => !isLanMultiaddr(ma),
    denyInboundConnection: (conn) => !isLanMultiaddr(conn.remoteAddr),
  }
}

/** libp2p's default gater refuses private addresses; on the internet a LAN peer is still a peer. */
export function internetGater(isBlocked: (peerId: string) => boolean = () => false): ConnectionGater {
  return { ...blockGater(isBlocked), denyDialMultiaddr: () => false }
}

/** Blocked peers are refused once their identity is known: no dial to them, no connection from them. */
function blockGater(isBlocked: (peerId: string) => boolean): ConnectionGater {
  return {
    denyDialPeer: (peer) => isBlocked(peer.toString()),
    denyInboundEncryptedConnection: (peer) => isBlocked(peer.toString()),
    denyOutboundEncryptedConnection: (peer) => isBlocked(peer.toString()),
  }
}

export async function createNode(options: CreateNodeOptions): Promise<Libp2p> {
  const { mode } = options
  const lanOnly = mode === 'lan-only'
  const limits = CONNECTION_LIMITS[mode]

  const peerDiscovery: ((components: never) => PeerDiscovery)[] = []
  if (options.mdns !== false) {
    const lanDiscovery = mdns({ serviceTag: MDNS_SERVICE_TAG, interval: options.mdns?.intervalMs ?? 10_000 })
    const { onLanPeer } = options
    peerDiscovery.push(
      onLanPeer === undefined
        ? lanDiscovery
        : (components: Parameters<typeof lanDiscovery>[0]) => {
            const service = lanDiscovery(components)
            // added before libp2p's own listener, so it hears each peer first
            service.addEventListener('peer', (evt) => {
              onLanPeer(evt.detail.id.toString())
            })
            return service
          },
    )
  }
  const bootstrapList = options.bootstrap ?? DEFAULT_BOOTSTRAP
  if (!lanOnly && bootstrapList.length > 0) {
    // dialled 100 ms after start rather than libp2p's default second: the first relay reservation waits for it
    peerDiscovery.push(bootstrap({ list: [...bootstrapList], timeout: 100 }))
  }

  const baseTransports = options.transports ?? (lanOnly ? [tcp()] : [tcp(), webSockets()])
  const transports = lanOnly ? [...baseTransports] : [...baseTransports, relayTransportWithCalmWalks()]

  // identify tells each peer our listen addresses (with a signed peer record); push tells them again on each change
  const identifyServices = { identify: identify(), identifyPush: identifyPush() }
  const modeServices: Libp2pServiceFactories = lanOnly
    ? { ...identifyServices, ping: ping() }
    : {
        ...identifyServices,
        ping: ping(),
        dht: kadDHT({
          clientMode: options.dhtServer !== true,
          peerInfoMapper: options.dhtPrivateAddresses === true ? passthroughMapper : removePrivateAddressesMapper,
        }),
        autonat: autoNATDialingAfresh(),
        dcutr: dcutr(),
      }
  const extraServices = options.services ?? {}
  const clash = Object.keys(extraServices).find((name) => name in modeServices)
  if (clash !== undefined) throw new Error(`the libp2p service "${clash}" is already part of a ${mode} node`)

  const config: Libp2pOptions = {
    privateKey: options.privateKey,
    addresses: {
      listen: withTcpPort(
        lanOnly ? (options.listen ?? defaultListen(mode)) : internetListen(options.listen ?? defaultListen(mode)),
        options.tcpPort,
      ),
      ...(options.announce === undefined || lanOnly ? {} : { appendAnnounce: [...options.announce] }),
      // lan-only never tells anyone about an address beyond the LAN
      ...(lanOnly ? { announceFilter: (addrs: Multiaddr[]) => addrs.filter(isLanMultiaddr) } : {}),
    },
    transports: transports as Libp2pOptions['transports'],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery: peerDiscovery as Libp2pOptions['peerDiscovery'],
    connectionManager: { ...limits },
    connectionGater: lanOnly ? lanOnlyGater(options.isBlocked) : internetGater(options.isBlocked),
    // the DHT needs ping among its components, which the union type cannot see
    services: { ...modeServices, ...extraServices } as Libp2pOptions['services'],
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  }
  return createLibp2p(config)
}
