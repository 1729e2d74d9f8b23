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
