import { peerIdFromString } from '@libp2p/peer-id'
import type { Libp2p } from 'libp2p'
import type { Contact } from '../api/index.js'

/** Contacts dialled when the node starts. */
const GREET_AT_START = 200
const DIALS_AT_ONCE = 4
const DIAL_TIMEOUT_MS = 10_000

/**
 * Connects to contacts when the node starts, so messages waiting on either
 * side flow at once (each side retries a peer the moment it connects)
 * instead of after a backoff. The most recently seen first, a few at a time;
 * stops as soon as `current()` says this node is no longer the one in use.
 */
export async function greetContacts(node: Libp2p, contacts: readonly Contact[], current: () => boolean): Promise<void> {
  const targets = contacts
    .filter((c) => !c.blocked)
    .sort((a, b) => (b.lastSeen ?? 0) - (a.lastSeen ?? 0))
    .slice(0, GREET_AT_START)
  const next = targets.values()
  const worker = async (): Promise<void> => {
    for (let contact = next.next(); !contact.done; contact = next.next()) {
      if (!current()) return
      const peer = peerIdFromString(contact.value.peerId)
      if (node.getConnections(peer).length > 0) continue
      await node.dial(peer, { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) }).catch(() => undefined)
    }
  }
  await Promise.all(Array.from({ length: DIALS_AT_ONCE }, worker))
}
