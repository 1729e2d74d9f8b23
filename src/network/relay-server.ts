import { circuitRelayServer, type CircuitRelayService } from '@libp2p/circuit-relay-v2'
import type { NodeComponents, NodeService } from '../core/node-services.js'
import { DEFAULT_RELAY_LIMITS, type RelayServerLimits } from './relay-limits.js'

/** Where the relay server sits in `node.services`. */
export const RELAY_SERVER_SERVICE = 'relayServer'

/** A running relay server, as status and tests see it. */
export interface RelayServerStatus {
  readonly limits: RelayServerLimits
  /** Peers holding a reservation now. */
  readonly reservations: number
}

/**
 * A circuit relay v2 server ("hop"): peers that dial it may reserve a slot and
 * be reached through it at `<relay address>/p2p-circuit/p2p/<their ID>`. It
 * needs no account and reaches out to nobody (it serves only peers that dial
 * it), so it may run in any mode, lan-only included, where the connection
 * gate keeps those peers on the LAN.
 */
export function relayServer(
  limits: Partial<RelayServerLimits> = {},
): NodeService<Pick<NodeComponents, 'node' | 'logger'>, { relay: RelayServerStatus }> {
  const applied: RelayServerLimits = { ...DEFAULT_RELAY_LIMITS, ...limits }
  return {
    name: 'relay',
    needs: ['node', 'logger'],
    provides: ['relay'],
    libp2pServices: () => ({
      [RELAY_SERVER_SERVICE]: circuitRelayServer({
        reservations: {
          maxReservations: applied.maxReservations,
          defaultDataLimit: BigInt(applied.maxDataBytes),
          defaultDurationLimit: applied.maxDurationMs,
        },
      }),
    }),
    start: ({ node, logger }) => {
      const server = node.services[RELAY_SERVER_SERVICE] as CircuitRelayService | undefined
      if (server === undefined) {
        return Promise.reject(new Error('the node was built without the circuit relay server'))
      }
      logger.child('relay').info('relay serving', {
        ...applied,
        addresses: node.getMultiaddrs().map((ma) => `${ma.toString()}/p2p-circuit`),
      })
      return Promise.resolve({
        relay: {
          limits: applied,
          get reservations() {
            return server.reservations.size
          },
        },
      })
    },
    // libp2p stops the hop handler with the node; nothing of ours to release
    stop: () => Promise.resolve(),
  }
}
