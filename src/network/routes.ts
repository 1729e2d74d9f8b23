import type { Connection } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { Reachability, Route } from '../api/index.js'
import { isLanMultiaddr } from './lan-address.js'

/** A connection's route and, for a relayed one, the relay's peer ID. */
export interface ConnectionRoute {
  readonly route: Route
  readonly relayPeerId: string | null
}

const RANK: Record<Route, number> = { lan: 0, direct: 1, relayed: 2 }

/** The peer ID just before `/p2p-circuit` in a relayed address: the relay's. */
export function relayOf(address: Multiaddr): string | null {
  const components = address.getComponents()
  const circuit = components.findIndex((c) => c.name === 'p2p-circuit')
  if (circuit < 1) return null
  const relay = components[circuit - 1]
  return relay?.name === 'p2p' ? (relay.value ?? null) : null
}

export function isRelayed(address: Multiaddr): boolean {
  return address.getComponents().some((c) => c.name === 'p2p-circuit')
}

/** How one connection reaches its peer: through a relay (limited), over the LAN, or directly. */
export function routeOfConnection(conn: Pick<Connection, 'remoteAddr' | 'limits'>): ConnectionRoute {
  if (isRelayed(conn.remoteAddr) || conn.limits !== undefined) {
    return { route: 'relayed', relayPeerId: relayOf(conn.remoteAddr) }
  }
  return { route: isLanMultiaddr(conn.remoteAddr) ? 'lan' : 'direct', relayPeerId: null }
}

/** The best route among open connections (LAN, then direct, then relayed); undefined when there are none. */
export function bestRoute(
  connections: readonly Pick<Connection, 'remoteAddr' | 'limits' | 'status'>[],
): ConnectionRoute | undefined {
  let best: ConnectionRoute | undefined
  for (const conn of connections) {
    if (conn.status !== 'open') continue
    const route = routeOfConnection(conn)
    if (best === undefined || RANK[route.route] < RANK[best.route]) best = route
  }
  return best
}

/** The relays holding a reservation for us: the relay part of each of our `/p2p-circuit` addresses. */
export function reservedRelays(own: readonly Multiaddr[]): string[] {
  const relays = new Set<string>()
  for (const address of own) {
    const relay = relayOf(address)
    if (relay !== null) relays.add(relay)
  }
  return [...relays].sort()
}

/**
 * What our own addresses say of our reachability: an announced address that
 * is neither private nor relayed means others can dial us (AutoNAT confirms
 * observed addresses before libp2p announces them); relay addresses with only
 * private direct ones mean we sit behind a NAT; nothing yet is unknown.
 */
export function reachabilityOf(own: readonly Multiaddr[], internet: boolean): Reachability {
  if (!internet) return 'unknown'
  const direct = own.filter((a) => !isRelayed(a))
  if (direct.some((a) => !isLanMultiaddr(a))) return 'public'
  return direct.length < own.length ? 'private' : 'unknown'
}
