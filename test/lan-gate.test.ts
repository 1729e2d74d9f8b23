import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { internetGater, lanOnlyGater } from '../src/network/create-node.js'

describe('connection gates', () => {
  it('lan-only denies dialing public addresses and DNS names, allows LAN ones', async () => {
    const gate = lanOnlyGater()
    const deny = async (address: string): Promise<boolean> =>
      (await gate.denyDialMultiaddr?.(multiaddr(address))) ?? false
    expect(await deny('/ip4/147.75.83.83/tcp/4001')).toBe(true)
    expect(await deny('/ip6/2604:1380::1/tcp/4001')).toBe(true)
    expect(await deny('/dnsaddr/bootstrap.libp2p.io')).toBe(true)
    expect(await deny('/ip4/192.168.0.12/tcp/4001')).toBe(false)
    expect(await deny('/ip6/fe80::1/tcp/4001')).toBe(false)
  })

  it('internet mode lets LAN peers in as well', async () => {
    const gate = internetGater()
    expect(await gate.denyDialMultiaddr?.(multiaddr('/ip4/192.168.0.12/tcp/4001'))).toBe(false)
  })
})
