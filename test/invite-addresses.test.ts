import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { MAX_CARRIED_ADDRESSES, carriedAddresses } from '../src/contacts/invite-addresses.js'

const SELF = '12D3KooWFX7iSN6ZHtXoqxxmuhVrPZU2xBMCRnJ3g4tzUD1ENcVM'
const RELAY = '12D3KooWJWoaqZhDaoEFshF7Rh1bpY9ohihFhzcW6d69Lr2NASuq'

function carried(addresses: readonly string[]): string[] {
  return carriedAddresses(addresses.map((a) => multiaddr(a))).map((bytes) => multiaddr(bytes).toString())
}

describe('the addresses an invite carries', () => {
  it('puts LAN TCP first, then public, relays and other transports; drops loopback when there is more; no /p2p of ours', () => {
    expect(
      carried([
        `/ip4/127.0.0.1/tcp/4001/p2p/${SELF}`,
        `/ip6/::1/tcp/4001/p2p/${SELF}`,
        `/ip4/192.168.1.23/tcp/4002/ws/p2p/${SELF}`,
        `/ip6/fd12:3456:789a::1/tcp/4001/p2p/${SELF}`,
        `/ip4/203.0.113.5/tcp/4001/p2p/${SELF}`,
        `/ip4/192.168.1.23/tcp/4001/p2p/${SELF}`,
      ]),
    ).toEqual(['/ip4/192.168.1.23/tcp/4001', '/ip6/fd12:3456:789a::1/tcp/4001', '/ip4/203.0.113.5/tcp/4001'])
  })

  it('keeps a relay address whole (only our own /p2p is taken off) and within the byte budget', () => {
    const circuit = `/ip4/198.51.100.7/tcp/4001/p2p/${RELAY}/p2p-circuit`
    expect(carried([`${circuit}/p2p/${SELF}`, `/ip4/192.168.1.23/tcp/4002/ws/p2p/${SELF}`])).toEqual([
      circuit,
      '/ip4/192.168.1.23/tcp/4002/ws',
    ])
    const circuits = [1, 2, 3].map((n) => `/ip4/198.51.100.${n}/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${SELF}`)
    // each is 51 bytes: two fit in the budget of 120 bytes
    expect(carried(circuits)).toHaveLength(2)
  })

  it('carries loopback only when nothing else is there, never an unspecified address, at most three', () => {
    expect(carried(['/ip4/127.0.0.1/tcp/4001', '/ip4/0.0.0.0/tcp/4001', '/ip6/::/tcp/4001'])).toEqual([
      '/ip4/127.0.0.1/tcp/4001',
    ])
    expect(carried(['/ip4/0.0.0.0/tcp/4001'])).toEqual([])
    const many = [1, 2, 3, 4, 5].map((n) => `/ip4/10.0.0.${n}/tcp/4001`)
    expect(carried([...many, many[0] ?? ''])).toEqual(many.slice(0, MAX_CARRIED_ADDRESSES))
  })
})
