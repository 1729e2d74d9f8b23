import { afterEach, describe, expect, it } from 'vitest'
import type { Messenger } from '../src/core/messenger.js'
import { bootstrapList } from '../src/core/network-handlers.js'
import { relaysOf } from '../src/contacts/contact-reach.js'
import type { ContactRecord } from '../src/contacts/records.js'
import { DEFAULT_BOOTSTRAP } from '../src/network/create-node.js'
import { PASSWORD } from './helpers/accounts.js'
import { dialableAddress, register, startApp, startHeadlessNode, value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'

const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A headless node on 127.0.0.1 (what a friend runs), and its dialable address. */
async function friendNode(): Promise<{ messenger: Messenger; address: string; peerId: string }> {
  const messenger = await startHeadlessNode(cleanups)
  const address = await dialableAddress(messenger)
  return { messenger, address, peerId: (await messenger.handlers.getNetworkStatus({})).peerId }
}

describe('network settings', () => {
  it('the bootstrap list: the public peers (or the host flag instead), then the ones the person added', () => {
    const settings = { mode: 'internet', tcpPort: undefined, modeChosen: true } as const
    const friend = '/ip4/198.51.100.4/tcp/4001/p2p/12D3KooWGzBrd5QZ8wqUaz6MPhMqjnzhmpnkrWUxwyNtuj6Esmsi'
    expect(bootstrapList({ ...settings, usePublicBootstrap: true, extraBootstrap: [friend] }, undefined)).toEqual([
      ...DEFAULT_BOOTSTRAP,
      friend,
    ])
    expect(bootstrapList({ ...settings, usePublicBootstrap: false, extraBootstrap: [friend] }, undefined)).toEqual([
      friend,
    ])
    expect(bootstrapList({ ...settings, usePublicBootstrap: true, extraBootstrap: [friend] }, [])).toEqual([friend])
  })

  it('the relays contacts are reachable through become extra bootstrap peers, most recently seen first', () => {
    const relay = (n: number): string =>
      `/ip4/11.22.33.${n}/tcp/4001/p2p/12D3KooWGzBrd5QZ8wqUaz6MPhMqjnzhmpnkrWUxwyNtuj6Esm${n}`
    const contact = (lastSeen: number, addresses: string[]) =>
      ({ lastSeen, addresses, blocked: false }) as unknown as ContactRecord
    const relays = relaysOf([
      contact(1, [
        `${relay(10)}/p2p-circuit/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo`,
        '/ip4/10.0.0.2/tcp/1',
      ]),
      contact(5, [`${relay(11)}/p2p-circuit`, `${relay(10)}/p2p-circuit`]),
      contact(3, ['/p2p-circuit', '/ip4/198.51.100.1/tcp/4001']),
    ])
    expect(relays).toEqual([relay(11), relay(10)])
  })

  it('the first-run choice is remembered; an added node is dialled at once and after the next unlock', async () => {
    const friend = await friendNode()
    const app = await startApp(cleanups, { mode: 'internet', bootstrap: [] })
    await register(app.client)

    const fresh = await value(app.client.invoke('getNetworkSettings', {}))
    expect(fresh).toMatchObject({
      mode: 'internet',
      modeChosen: false,
      usePublicBootstrap: true,
      extraBootstrap: [],
      bootstrapOverridden: true,
    })
    expect(fresh.publicBootstrap).toEqual(DEFAULT_BOOTSTRAP)

    // a malformed or unauthenticated address is refused and nothing changes
    for (const bad of ['not an address', '/ip4/127.0.0.1/tcp/4001']) {
      const refused = await app.client.invoke('setNetworkSettings', { extraBootstrap: [bad] })
      expect(refused.ok ? 'accepted' : refused.error.code).toBe('INVALID_ARGUMENTS')
    }
    expect((await value(app.client.invoke('getNetworkSettings', {}))).extraBootstrap).toEqual([])

    const connected = waitForEvent(app.client, 'peerConnected', (p) => p.peerId === friend.peerId)
    const saved = await value(app.client.invoke('setNetworkSettings', { extraBootstrap: [friend.address] }))
    expect(saved.extraBootstrap).toEqual([friend.address])
    await connected

    await value(app.client.invoke('setNetworkMode', { mode: 'internet' }))
    expect((await value(app.client.invoke('getNetworkSettings', {}))).modeChosen).toBe(true)

    // locked and unlocked: the settings stay, and the node is dialled again
    await value(app.client.invoke('lockAccount', {}))
    const session = await value(app.client.invoke('getSession', {}))
    const again = waitForEvent(app.client, 'peerConnected', (p) => p.peerId === friend.peerId)
    const accountId = session.accounts[0]?.accountId ?? ''
    await value(app.client.invoke('unlockAccount', { accountId, password: PASSWORD }))
    await again
    expect(await value(app.client.invoke('getNetworkSettings', {}))).toMatchObject({
      modeChosen: true,
      extraBootstrap: [friend.address],
    })
  })

  it('LAN-only and internet status say what they know of reachability', async () => {
    const app = await startApp(cleanups)
    await register(app.client)
    const status = await value(app.client.invoke('getNetworkStatus', {}))
    expect(status.reachability).toBe('unknown')
    expect(status.relays).toEqual([])
  })
})
