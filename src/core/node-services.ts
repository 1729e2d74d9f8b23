import type { Libp2p } from 'libp2p'
import type { Libp2pServiceFactories, OnlineMode } from '../network/create-node.js'
import type { RelayServerStatus } from '../network/relay-server.js'
import type { Clock } from './clock.js'
import type { EventHub } from './events.js'
import type { Logger } from './logger.js'
import { ServiceWiringError, type ParleyService, type ServiceOf } from './services.js'

/** What a node service may ask for: the running node and the plumbing, never an account. */
export interface NodeComponents {
  readonly node: Libp2p
  readonly mode: OnlineMode
  readonly events: EventHub
  readonly clock: Clock
  readonly logger: Logger
  /** Provided by the relay service while it runs. */
  readonly relay: RelayServerStatus
}

/**
 * A service that needs only the libp2p node (relay, mailbox host, DHT
 * server): it runs whenever a node runs, in the app with an unlocked account
 * and in a headless `parley node` with none. It starts with each node (a mode
 * switch builds a new one) and stops before that node stops, so one instance
 * is started again after a stop.
 */
export interface NodeService<Needs extends object = object, Provides extends object = object>
  extends ParleyService<Needs, Provides>, NodeHooks {}

/** What a node service may do besides `start`/`stop`. */
export interface NodeHooks {
  /**
   * libp2p services it needs inside the node (they get libp2p's internal
   * components, which a running node does not hand out), added when each node
   * is built in `mode`; `start` then finds them in `node.services`.
   */
  libp2pServices?(mode: OnlineMode): Libp2pServiceFactories
}

/** Any node service, as the composer holds it. */
export type AnyNodeService = ServiceOf<NodeComponents, NodeHooks>

/** The libp2p services all of `services` need in a node built in `mode`; one name twice is a wiring error. */
export function libp2pServicesOf(services: readonly AnyNodeService[], mode: OnlineMode): Libp2pServiceFactories {
  const merged: Record<string, Libp2pServiceFactories[string]> = {}
  for (const service of services) {
    for (const [name, factory] of Object.entries(service.libp2pServices?.(mode) ?? {})) {
      if (name in merged) {
        throw new ServiceWiringError(`node service "${service.name}" adds the libp2p service "${name}" a second time`)
      }
      merged[name] = factory
    }
  }
  return merged
}
