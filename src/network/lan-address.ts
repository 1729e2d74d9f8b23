import { BlockList, isIP } from 'node:net'
import type { Multiaddr } from '@multiformats/multiaddr'

/**
 * What counts as "the LAN" in lan-only mode: RFC 1918 private IPv4, loopback,
 * link-local (IPv4 and IPv6) and IPv6 unique-local addresses. Carrier-grade NAT
 * (100.64/10), documentation ranges and every DNS name are not LAN: a name can
 * resolve anywhere, and lan-only must never send a packet beyond the LAN.
 */
const lan = new BlockList()
lan.addSubnet('10.0.0.0', 8, 'ipv4')
lan.addSubnet('172.16.0.0', 12, 'ipv4')
lan.addSubnet('192.168.0.0', 16, 'ipv4')
lan.addSubnet('127.0.0.0', 8, 'ipv4')
lan.addSubnet('169.254.0.0', 16, 'ipv4')
lan.addAddress('::1', 'ipv6')
lan.addSubnet('fe80::', 10, 'ipv6')
lan.addSubnet('fc00::', 7, 'ipv6')

/** Unspecified addresses (0.0.0.0, ::) are fine to listen on, never to dial or announce. */
const UNSPECIFIED = new Set(['0.0.0.0', '::'])

export function isLanIp(ip: string): boolean {
  const family = isIP(ip)
  if (family === 0) {
    return false
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)
  if (mapped?.[1] !== undefined) {
    return lan.check(mapped[1], 'ipv4')
  }
  return lan.check(ip, family === 4 ? 'ipv4' : 'ipv6')
}

/** The first component of a multiaddr decides where a packet would go. */
export function isLanMultiaddr(ma: Multiaddr): boolean {
  const [first] = ma.getComponents()
  if (first === undefined) {
    return false
  }
  switch (first.name) {
    case 'ip4':
    case 'ip6':
      return first.value !== undefined && !UNSPECIFIED.has(first.value) && isLanIp(first.value)
    case 'memory':
      // the in-process transport used by tests never leaves the process
      return true
    default:
      return false
  }
}
