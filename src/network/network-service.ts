import type { Connection, PeerId, PeerInfo, PrivateKey, Transport } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import type { Libp2p } from 'libp2p'
import { ApiFailure, type NetworkMode, type NetworkStatus, type PeerSummary } from '../api/index.js'
import type { Clock } from '../core/clock.js'
import type { EventHub } from '../core/events.js'
import type { Logger } from '../core/logger.js'
import { keepBootstrapConnections } from './bootstrap-keeper.js'
import {
  createNode,
  DEFAULT_BOOTSTRAP,
  type CreateNodeOptions,
  type Libp2pServiceFactories,
  type OnlineMode,
} from './create-node.js'
import { isLanMultiaddr } from './lan-address.js'
import { bestRoute, reachabilityOf, reservedRelays, type ConnectionRoute } from './routes.js'

const MAX_LAN_PEERS_REMEMBERED = 10_000

export interface NetworkServiceOptions {
  readonly privateKey: PrivateKey
  readonly mode: NetworkMode
  readonly listen?: readonly string[]
  readonly mdns?: CreateNodeOptions['mdns']
  /** The bootstrap list, asked for each time a node is built (it is a setting). */
  readonly bootstrap?: () => readonly string[]
  readonly transports?: readonly ((components: never) => Transport)[]
  /** Dial peers found by mDNS (on by default: on a LAN, discovery is the invitation to connect). */
  readonly dialDiscovered?: boolean
  readonly events: EventHub
  readonly logger: Logger
  readonly clock: Clock
  readonly isBlocked?: (peerId: string) => boolean
  /**
   * Called with each node after it starts (register protocols, start node
   * services there) and with undefined before it stops. If it throws, the
   * node is stopped and the start fails.
   */
  readonly onNode?: (node: Libp2p | undefined, mode?: OnlineMode) => Promise<void>
  /** libp2p services to build into each node, asked for again each time one is built (a mode switch). */
  readonly libp2pServices?: (mode: OnlineMode) => Libp2pServiceFactories
  /** The TCP port to listen on where the listen address says 0; if it is taken, any free port. */
  readonly tcpPort?: number
  readonly dhtServer?: boolean
  readonly announce?: readonly string[]
  readonly dhtPrivateAddresses?: boolean
}

export interface NetworkService {
  readonly peerId: PeerId
  start(): Promise<void>
  stop(): Promise<void>
  status(): NetworkStatus
  setMode(mode: NetworkMode): Promise<NetworkStatus>
  /** Builds the node again (a changed bootstrap list); nothing when offline or stopped. */
  rebuild(): Promise<void>
  dial(address: string, signal?: AbortSignal): Promise<{ peerId: string; remoteAddress: string }>
  hangUp(peerId: string): Promise<void>
  /** The running libp2p node, for protocol services; undefined when offline or stopped. */
  node(): Libp2p | undefined
}

interface TrackedPeer {
  state: PeerSummary['state']
  route: ConnectionRoute | undefined
  addresses: string[]
  source: PeerSummary['source']
  lastSeen: number
}

const MAX_TRACKED_PEERS = 1000
const DIAL_TIMEOUT_MS = 15_000

export function createNetworkService(options: NetworkServiceOptions): NetworkService {
  const log = options.logger
  const peerId = peerIdFromPrivateKey(options.privateKey)
  const peers = new Map<string, TrackedPeer>()
  let mode: NetworkMode = options.mode
  let node: Libp2p | undefined
  let started = false
  let transition: Promise<unknown> = Promise.resolve()

  const summary = (id: string, peer: TrackedPeer): PeerSummary => ({
    peerId: id,
    state: peer.state,
    addresses: [...peer.addresses],
    source: peer.source,
    lastSeen: peer.lastSeen,
    route: peer.state === 'connected' ? (peer.route?.route ?? null) : null,
    relayPeerId: peer.state === 'connected' ? (peer.route?.relayPeerId ?? null) : null,
  })

  const ownAddresses = (): Multiaddr[] => node?.getMultiaddrs() ?? []
  const reachability = (): Pick<NetworkStatus, 'reachability' | 'relays'> => {
    const own = ownAddresses()
    return { reachability: reachabilityOf(own, mode === 'internet'), relays: reservedRelays(own) }
  }
  let lastReachability = ''
  /** Keeps the bootstrap peers connected while an internet node runs. */
  let stopKeeper: () => void = () => undefined

  const listenAddresses = (): string[] => node?.getMultiaddrs().map((ma) => ma.toString()) ?? []

  const status = (): NetworkStatus => ({
    peerId: peerId.toString(),
    mode,
    running: node !== undefined,
    listenAddresses: listenAddresses(),
    ...reachability(),
    peers: [...peers.entries()]
      .map(([id, peer]) => summary(id, peer))
      .sort((a, b) => (a.state === b.state ? a.peerId.localeCompare(b.peerId) : a.state === 'connected' ? -1 : 1)),
  })

  const remember = (id: string, update: Partial<TrackedPeer> & Pick<TrackedPeer, 'state' | 'source'>): TrackedPeer => {
    const existing = peers.get(id)
    if (existing === undefined && peers.size >= MAX_TRACKED_PEERS) {
      // forget the oldest discovered-only peer rather than grow without bound
      const oldest = [...peers.entries()]
        .filter(([, p]) => p.state === 'discovered')
        .sort(([, a], [, b]) => a.lastSeen - b.lastSeen)[0]
      if (oldest !== undefined) {
        peers.delete(oldest[0])
      }
    }
    const next: TrackedPeer = {
      state: update.state,
      route: update.route ?? (update.state === 'connected' ? existing?.route : undefined),
      source: update.source,
      addresses: update.addresses ?? existing?.addresses ?? [],
      lastSeen: options.clock.now(),
    }
    peers.set(id, next)
    return next
  }

  /** Peers mDNS found (bounded: a LAN full of peers cannot grow it without end). */
  const lanPeers = new Set<string>()
  const onDiscovery = (evt: CustomEvent<PeerInfo>): void => {
    const info = evt.detail
    const id = info.id.toString()
    if (id === peerId.toString()) {
      return
    }
    const addrs = info.multiaddrs.filter((ma) => mode !== 'lan-only' || isLanMultiaddr(ma)).map((ma) => ma.toString())
    const existing = peers.get(id)
    if (existing?.state === 'connected') {
      existing.lastSeen = options.clock.now()
      return
    }
    const isNew = existing === undefined
    // mDNS tells us which peers it found; in internet mode the others come from the DHT (its
    // bootstrap list or its walks); anything else (addresses already known) is "other"
    const source = lanPeers.has(id) ? 'mdns' : mode === 'internet' ? 'dht' : 'other'
    const peer = remember(id, { state: 'discovered', source, addresses: addrs })
    if (isNew) {
      log.info('peer discovered', { peer: id, addresses: addrs })
      options.events.emit({ name: 'peerDiscovered', payload: summary(id, peer) })
    }
    if (options.dialDiscovered !== false && node !== undefined && addrs.length > 0) {
      const current = node
      current.dial(info.id, { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) }).catch((err: unknown) => {
        log.debug('dial to discovered peer failed', { peer: id, error: err })
      })
    }
  }

  const onConnectionOpen = (evt: CustomEvent<Connection>): void => {
    const conn = evt.detail
    const id = conn.remotePeer.toString()
    const wasConnected = peers.get(id)?.state === 'connected'
    // each address once: two relayed connections (one each way) share one
    const addresses = [
      ...new Set(
        node?.getConnections(conn.remotePeer).map((c) => c.remoteAddr.toString()) ?? [conn.remoteAddr.toString()],
      ),
    ]
    const before = peers.get(id)?.route
    const route = bestRoute(node?.getConnections(conn.remotePeer) ?? [conn]) ?? bestRoute([conn])
    const peer = remember(id, {
      state: 'connected',
      source: peers.get(id)?.source ?? (conn.direction === 'inbound' ? 'inbound' : 'dial'),
      addresses,
      ...(route === undefined ? {} : { route }),
    })
    if (!wasConnected) {
      log.info('peer connected', {
        peer: id,
        direction: conn.direction,
        remote: conn.remoteAddr.toString(),
        route: route?.route,
      })
      options.events.emit({ name: 'peerConnected', payload: summary(id, peer) })
    } else {
      announceRoute(id, peer, before)
    }
  }

  /** Tells of a connected peer whose best route changed (a relayed connection upgraded, or a direct one lost). */
  const announceRoute = (id: string, peer: TrackedPeer, before: ConnectionRoute | undefined): void => {
    const after = peer.route
    if (after?.route === before?.route && after?.relayPeerId === before?.relayPeerId) return
    log.info('peer route changed', { peer: id, from: before?.route, to: after?.route, relay: after?.relayPeerId })
    options.events.emit({ name: 'peerRouteChanged', payload: summary(id, peer) })
  }

  const onConnectionClose = (evt: CustomEvent<Connection>): void => {
    const conn = evt.detail
    const id = conn.remotePeer.toString()
    const remaining = (node?.getConnections(conn.remotePeer) ?? []).filter((c) => c.id !== conn.id)
    const peer = peers.get(id)
    if (remaining.length > 0) {
      if (peer?.state === 'connected') {
        const before = peer.route
        peer.route = bestRoute(remaining)
        announceRoute(id, peer, before)
      }
      return
    }
    if (peer?.state === 'connected') {
      peer.state = 'discovered'
      peer.lastSeen = options.clock.now()
      log.info('peer disconnected', { peer: id })
      options.events.emit({ name: 'peerDisconnected', payload: { peerId: id } })
    }
  }

  const onAddressesChanged = (): void => {
    options.events.emit({ name: 'listenAddressesChanged', payload: { listenAddresses: listenAddresses() } })
    const now = reachability()
    const key = `${now.reachability} ${now.relays.join(',')}`
    if (key === lastReachability) return
    lastReachability = key
    log.info('reachability', { ...now })
    options.events.emit({ name: 'reachabilityChanged', payload: now })
  }

  const startNode = async (): Promise<void> => {
    const online = mode
    if (online === 'offline') return
    if (options.tcpPort === undefined) {
      await startNodeOn(online, undefined)
      return
    }
    try {
      await startNodeOn(online, options.tcpPort)
    } catch (err) {
      log.info('the usual port is taken: listening on another', { port: options.tcpPort, error: err })
      await startNodeOn(online, undefined)
    }
  }

  const startNodeOn = async (online: Exclude<NetworkMode, 'offline'>, tcpPort: number | undefined): Promise<void> => {
    const bootstrap = online === 'internet' ? (options.bootstrap?.() ?? DEFAULT_BOOTSTRAP) : []
    const created = await createNode({
      ...(tcpPort === undefined ? {} : { tcpPort }),
      mode: online,
      privateKey: options.privateKey,
      ...(options.listen === undefined ? {} : { listen: options.listen }),
      ...(options.mdns === undefined ? {} : { mdns: options.mdns }),
      onLanPeer: (id) => {
        if (lanPeers.size >= MAX_LAN_PEERS_REMEMBERED) lanPeers.clear()
        lanPeers.add(id)
      },
      bootstrap,
      ...(options.transports === undefined ? {} : { transports: options.transports }),
      ...(options.isBlocked === undefined ? {} : { isBlocked: options.isBlocked }),
      ...(options.dhtServer === true ? { dhtServer: true } : {}),
      ...(options.announce === undefined ? {} : { announce: options.announce }),
      ...(options.dhtPrivateAddresses === true ? { dhtPrivateAddresses: true } : {}),
      ...(options.libp2pServices === undefined ? {} : { services: options.libp2pServices(online) }),
    })
    created.addEventListener('peer:discovery', onDiscovery)
    created.addEventListener('connection:open', onConnectionOpen)
    created.addEventListener('connection:close', onConnectionClose)
    created.addEventListener('self:peer:update', onAddressesChanged)
    node = created
    try {
      await created.start()
      await options.onNode?.(created, online)
    } catch (err) {
      node = undefined
      try {
        await created.stop()
      } catch {
        // the start error is the one worth reporting
      }
      throw err
    }
    log.info('node listening', { mode, addresses: listenAddresses() })
    if (online === 'internet') stopKeeper = keepBootstrapConnections(created, bootstrap, options.clock, log)
    onAddressesChanged()
  }

  const stopNode = async (): Promise<void> => {
    const current = node
    if (current === undefined) {
      return
    }
    await options.onNode?.(undefined)
    stopKeeper()
    stopKeeper = () => undefined
    node = undefined
    current.removeEventListener('peer:discovery', onDiscovery)
    current.removeEventListener('connection:open', onConnectionOpen)
    current.removeEventListener('connection:close', onConnectionClose)
    current.removeEventListener('self:peer:update', onAddressesChanged)
    await current.stop()
    for (const [id, peer] of peers) {
      if (peer.state === 'connected') {
        peer.state = 'discovered'
        options.events.emit({ name: 'peerDisconnected', payload: { peerId: id } })
      }
    }
    log.info('node stopped')
  }

  /** Lifecycle changes run one after another, never interleaved. */
  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = transition.then(step, step)
    transition = next.catch(() => undefined)
    return next
  }

  return {
    peerId,
    start: () =>
      serially(async () => {
        if (started) {
          return
        }
        started = true
        await startNode()
      }),
    stop: () =>
      serially(async () => {
        if (!started) {
          return
        }
        started = false
        await stopNode()
      }),
    status,
    setMode: (next) =>
      serially(async () => {
        if (next === mode) {
          return status()
        }
        log.info('switching network mode', { from: mode, to: next })
        if (started) {
          await stopNode()
        }
        peers.clear()
        mode = next
        if (started) {
          await startNode()
        }
        const now = status()
        options.events.emit({ name: 'networkModeChanged', payload: { mode, status: now } })
        return now
      }),
    rebuild: () =>
      serially(async () => {
        if (!started || mode === 'offline') return
        log.info('rebuilding the node', { mode })
        await stopNode()
        await startNode()
      }),
    async dial(address, signal) {
      const current = node
      if (current === undefined) {
        throw new ApiFailure('NOT_RUNNING', 'the network is offline: switch to LAN-only or Internet mode first')
      }
      let ma: Multiaddr
      try {
        ma = multiaddr(address)
      } catch (err) {
        throw new ApiFailure('INVALID_ARGUMENTS', `not a valid multiaddr: ${err instanceof Error ? err.message : ''}`)
      }
      if (ma.getComponents().find((c) => c.name === 'p2p') === undefined) {
        throw new ApiFailure(
          'INVALID_ARGUMENTS',
          'the address must end with /p2p/<peer ID> so the peer can be authenticated',
        )
      }
      if (mode === 'lan-only' && !isLanMultiaddr(ma)) {
        throw new ApiFailure('DIAL_FAILED', 'LAN-only mode dials only private, link-local or loopback addresses')
      }
      try {
        const conn = await current.dial(ma, { signal: signal ?? AbortSignal.timeout(DIAL_TIMEOUT_MS) })
        return { peerId: conn.remotePeer.toString(), remoteAddress: conn.remoteAddr.toString() }
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err)
        log.warn('dial failed', { address, error: reason })
        throw new ApiFailure('DIAL_FAILED', `could not connect to ${address}: ${reason}`)
      }
    },
    async hangUp(id) {
      const current = node
      if (current === undefined) {
        throw new ApiFailure('NOT_RUNNING', 'the network is offline')
      }
      const conn = current.getConnections().find((c) => c.remotePeer.toString() === id)
      if (conn === undefined) {
        return
      }
      await current.hangUp(conn.remotePeer)
    },
    node: () => node,
  }
}
