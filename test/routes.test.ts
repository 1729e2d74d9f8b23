import { multiaddr } from '@multiformats/multiaddr'
import { describe, expect, it } from 'vitest'
import { bestRoute, reachabilityOf, relayOf, reservedRelays, routeOfConnection } from '../src/network/routes.js'
import { internetListen, RELAY_RESERVATIONS } from '../src/network/create-node.js'

const RELAY = '12D3KooWGzBrd5QZ8wqUaz6MPhMqjnzhmpnkrWUxwyNtuj6Esmsi'
const TARGET = '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'

function connection(address: string, limited = false, status: 'open' | 'closed' = 'open') {
  return {
    remoteAddr: multiaddr(address),
    limits: limited ? { bytes: 1024n, seconds: 60 } : undefined,
    status,
  } as const
}

describe('routes', () => {
  it('names a connection lan, direct or relayed (with its relay)', () => {
    expect(routeOfConnection(connection('/ip4/192.168.1.4/tcp/4001'))).toEqual({ route: 'lan', relayPeerId: null })
    expect(routeOfConnection(connection('/ip4/127.0.0.1/tcp/4001'))).toEqual({ route: 'lan', relayPeerId: null })
    expect(routeOfConnection(connection('/ip4/198.51.100.7/tcp/4001'))).toEqual({
      route: 'direct',
      relayPeerId: null,
    })
    const relayed = `/ip4/198.51.100.1/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${TARGET}`
    expect(routeOfConnection(connection(relayed, true))).toEqual({ route: 'relayed', relayPeerId: RELAY })
    // a limited connection is relayed even when its address does not say so
    expect(routeOfConnection(connection('/ip4/198.51.100.7/tcp/4001', true)).route).toBe('relayed')
  })

  it('prefers the LAN, then direct, then relayed, among open connections only', () => {
    const relayed = connection(`/ip4/198.51.100.1/tcp/4001/p2p/${RELAY}/p2p-circuit`, true)
    const direct = connection('/ip4/198.51.100.7/tcp/4001')
    const lan = connection('/ip4/10.0.0.2/tcp/4001')
    expect(bestRoute([relayed, direct])?.route).toBe('direct')
    expect(bestRoute([relayed, direct, lan])?.route).toBe('lan')
    expect(bestRoute([relayed])?.relayPeerId).toBe(RELAY)
    expect(bestRoute([connection('/ip4/198.51.100.7/tcp/4001', false, 'closed'), relayed])?.route).toBe('relayed')
    expect(bestRoute([])).toBeUndefined()
  })

  it('reads our reachability and relays from our own addresses', () => {
    const circuit = multiaddr(`/ip4/198.51.100.1/tcp/4001/p2p/${RELAY}/p2p-circuit/p2p/${TARGET}`)
    const privateOnly = [multiaddr('/ip4/10.0.1.2/tcp/4001')]
    expect(reachabilityOf(privateOnly, false)).toBe('unknown')
    expect(reachabilityOf(privateOnly, true)).toBe('unknown')
    expect(reachabilityOf([...privateOnly, circuit], true)).toBe('private')
    expect(reachabilityOf([multiaddr('/ip4/198.51.100.9/tcp/4001'), circuit], true)).toBe('public')
    expect(reservedRelays([...privateOnly, circuit, circuit])).toEqual([RELAY])
    expect(relayOf(multiaddr('/ip4/10.0.1.2/tcp/4001'))).toBeNull()
  })

  it('an internet node asks for relay reservations unless its listen list names circuits itself', () => {
    const listen = internetListen(['/ip4/0.0.0.0/tcp/0'])
    expect(listen.filter((a) => a === '/p2p-circuit')).toHaveLength(RELAY_RESERVATIONS)
    const named = [`/ip4/198.51.100.1/tcp/4001/p2p/${RELAY}/p2p-circuit`]
    expect(internetListen(named)).toEqual(named)
  })
})
