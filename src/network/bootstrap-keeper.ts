import { peerIdFromString } from '@libp2p/peer-id'
import type { PeerId } from '@libp2p/interface'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import type { Libp2p } from 'libp2p'
import type { Cancel, Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'

/** How often the bootstrap connections are checked, and how many are kept open. */
export const BOOTSTRAP_CHECK_MS = 30_000
export const BOOTSTRAP_KEPT = 4
const DIAL_TIMEOUT_MS = 10_000

interface BootstrapPeer {
  readonly id: PeerId
  readonly address: Multiaddr
}

/** The entries of a bootstrap list that name their peer; the rest are logged and skipped. */
export function bootstrapPeers(list: readonly string[], log: Logger): BootstrapPeer[] {
  return list.flatMap((text) => {
    try {
      const address = multiaddr(text)
      const id = address.getComponents().findLast((c) => c.name === 'p2p')?.value
      if (id === undefined) throw new Error('no /p2p/ peer ID')
      return [{ id: peerIdFromString(id), address }]
    } catch (err) {
      log.warn('a bootstrap address is not usable', { address: text, error: err })
      return []
    }
  })
}

/**
 * libp2p's bootstrap module dials its list once, at start. A node that lost
 * its bootstrap peers (they restarted, the network came back, a new one was
 * started) would stay cut off from the DHT and its relays; this keeps up to
 * `BOOTSTRAP_KEPT` of them connected, checking every `BOOTSTRAP_CHECK_MS` of
 * the injected clock. Returns the way to stop it.
 */
export function keepBootstrapConnections(node: Libp2p, list: readonly string[], clock: Clock, log: Logger): Cancel {
  const peers = bootstrapPeers(list, log)
  if (peers.length === 0) return () => undefined
  let stopped = false
  let checking = false
  const check = async (): Promise<void> => {
    if (checking || stopped) return
    checking = true
    try {
      const missing = peers.filter((p) => node.getConnections(p.id).length === 0)
      const connected = peers.length - missing.length
      const wanted = Math.max(0, Math.min(BOOTSTRAP_KEPT, peers.length) - connected)
      await Promise.all(
        missing.slice(0, wanted).map(async (peer) => {
          try {
            await node.peerStore.merge(peer.id, { multiaddrs: [peer.address] })
            await node.dial(peer.id, { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) })
            log.info('bootstrap peer connected again', { peer: peer.id.toString() })
          } catch (err) {
            log.debug('bootstrap peer not reachable', { peer: peer.id.toString(), error: err })
          }
        }),
      )
    } finally {
      checking = false
    }
  }
  const cancel = clock.setInterval(() => void check(), BOOTSTRAP_CHECK_MS)
  return () => {
    stopped = true
    cancel()
  }
}
