import type { Multiaddr } from '@multiformats/multiaddr'
import { isLanMultiaddr } from '../network/lan-address.js'

/**
 * Which of our addresses an invite carries. Each one lengthens the link and
 * thickens the QR code, and the answer to a request tells the peer the rest,
 * so an invite carries a few of the best, in this order: plain TCP on the
 * LAN, plain TCP elsewhere (public IPs, DNS names), circuit-relay addresses,
 * other transports (WebSockets, link-local IPv6); IPv4 before IPv6.
 * Loopback only when there is nothing else (two accounts on one machine
 * still reach each other over the LAN address). Never an unspecified one.
 */
export const MAX_CARRIED_ADDRESSES = 3
export const MAX_CARRIED_ADDRESS_BYTES = 120

const UNSPECIFIED = new Set(['0.0.0.0', '::'])
const LOOPBACK_RANK = 4

function rank(ma: Multiaddr): number | undefined {
  const components = ma.getComponents()
  const [first, second] = components
  if (first === undefined) return undefined
  const ip = first.name === 'ip4' || first.name === 'ip6' ? (first.value ?? '') : undefined
  if (ip !== undefined && UNSPECIFIED.has(ip)) return undefined
  if (components.some((c) => c.name === 'p2p-circuit')) return 2
  if (ip !== undefined && (ip.startsWith('127.') || ip === '::1')) return LOOPBACK_RANK
  if (first.name === 'memory') return 0
  const plainTcp = second?.name === 'tcp' && components.length === 2 && !ip?.toLowerCase().startsWith('fe80:')
  if (!plainTcp) return 3
  return isLanMultiaddr(ma) ? 0 : 1
}

/** The address without a trailing `/p2p/<our peer ID>` (the invite's key names us). */
function withoutOwnPeer(ma: Multiaddr): Multiaddr {
  return ma.getComponents().at(-1)?.name === 'p2p' ? ma.decapsulateCode(421) : ma
}

/** The binary multiaddrs an invite carries, best first. */
export function carriedAddresses(listening: readonly Multiaddr[]): Uint8Array[] {
  const ranked = listening.flatMap((listed) => {
    const ma = withoutOwnPeer(listed)
    const r = rank(ma)
    const ip6 = ma.getComponents()[0]?.name === 'ip6' ? 1 : 0
    return r === undefined ? [] : [{ ma, order: r * 2 + ip6, loopback: r === LOOPBACK_RANK }]
  })
  const onlyLoopback = ranked.every((a) => a.loopback)
  const chosen: Uint8Array[] = []
  const seen = new Set<string>()
  let bytes = 0
  for (const { ma } of ranked.filter((a) => onlyLoopback || !a.loopback).sort((a, b) => a.order - b.order)) {
    const raw = ma.bytes
    if (chosen.length === MAX_CARRIED_ADDRESSES) break
    if (seen.has(ma.toString()) || raw.length > 255 || bytes + raw.length > MAX_CARRIED_ADDRESS_BYTES) continue
    seen.add(ma.toString())
    chosen.push(raw)
    bytes += raw.length
  }
  return chosen
}
