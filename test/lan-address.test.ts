import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { isLanIp, isLanMultiaddr } from '../src/network/lan-address.js'

describe('LAN address classification', () => {
  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.10',
    '127.0.0.1',
    '169.254.10.20',
    '::1',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:192.168.1.1',
  ])('%s is on the LAN', (ip) => {
    expect(isLanIp(ip)).toBe(true)
  })

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.64.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', 'nonsense'])(
    '%s is not on the LAN',
    (ip) => {
      expect(isLanIp(ip)).toBe(false)
    },
  )

  it('judges multiaddrs by where a packet would go', () => {
    expect(isLanMultiaddr(multiaddr('/ip4/192.168.1.2/tcp/4001'))).toBe(true)
    expect(isLanMultiaddr(multiaddr('/ip6/fe80::1/tcp/4001'))).toBe(true)
    expect(isLanMultiaddr(multiaddr('/ip4/147.75.83.83/tcp/4001'))).toBe(false)
    // a DNS name can resolve anywhere
    expect(isLanMultiaddr(multiaddr('/dns4/printer.local/tcp/4001'))).toBe(false)
    expect(isLanMultiaddr(multiaddr('/dnsaddr/bootstrap.libp2p.io'))).toBe(false)
    // never dial or announce the unspecified address
    expect(isLanMultiaddr(multiaddr('/ip4/0.0.0.0/tcp/4001'))).toBe(false)
    expect(isLanMultiaddr(multiaddr('/memory/test'))).toBe(true)
  })
})
