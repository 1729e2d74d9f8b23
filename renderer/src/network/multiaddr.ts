import { ADDRESS_MAX, EXTRA_BOOTSTRAP_MAX, peerIdSchema } from '../../../src/api/index.js'

/**
 * A listen address a friend can dial: the node's addresses come without the
 * peer ID, and a dialer needs it, so append `/p2p/<peerId>` unless it is there.
 */
export function dialableAddress(address: string, peerId: string): string {
  const suffix = `/p2p/${peerId}`
  if (address.endsWith(suffix) || peerId === '') {
    return address
  }
  return `${address.replace(/\/+$/, '')}${suffix}`
}

/** `/<protocol>/<value>…/p2p/<peer ID>`: what a node prints as its address, with no spaces. */
const NODE_ADDRESS = /^\/[a-z0-9-]+\/\S*\/p2p\/([^/\s]+)$/

export type AddressProblem = 'invalid' | 'duplicate' | 'full'

/**
 * Why `address` cannot join the bootstrap list, or undefined if it looks
 * right: a multiaddr that ends in /p2p/ and a peer ID (the core checks it
 * fully), not in the list yet, and room left.
 */
export function checkNodeAddress(address: string, list: readonly string[]): AddressProblem | undefined {
  const match = NODE_ADDRESS.exec(address)
  if (match === null || address.length > ADDRESS_MAX || !peerIdSchema.safeParse(match[1]).success) {
    return 'invalid'
  }
  if (list.includes(address)) {
    return 'duplicate'
  }
  return list.length >= EXTRA_BOOTSTRAP_MAX ? 'full' : undefined
}
