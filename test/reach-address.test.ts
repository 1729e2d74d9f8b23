import type { Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { LOOK_INTERVAL_MS } from '../src/contacts/contact-reach.js'
import { dmConversationId } from '../src/messages/ids.js'
import { tcpPortOf } from '../src/core/network-settings.js'
import { occupyPort } from './helpers/ports.js'
import { dialableAddress, startHeadlessNode, value } from './helpers/app.js'
import { makeTempDir } from './helpers/temp-dir.js'
import { requireBuiltCli } from './support/cli-process.js'
import { ConversationWatch, createAccount, logIn, makeContacts, type Party } from './support/conversation.js'
import { DmPeer, type DmPeerConfig } from './support/dm-peer.js'

const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

type Peer = Party & { peer: DmPeer }

async function startPeer(config: DmPeerConfig): Promise<DmPeer> {
  const peer = await DmPeer.start(config)
  cleanups.push(() => peer.stop())
  return peer
}

async function newPeer(name: string, extra: Partial<DmPeerConfig> = {}): Promise<Peer & { config: DmPeerConfig }> {
  const dir = await makeTempDir()
  cleanups.push(dir.cleanup)
  const config: DmPeerConfig = { dataDir: dir.path, listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false, ...extra }
  const peer = await startPeer(config)
  return { ...(await createAccount(peer, name)), peer, config }
}

async function lock(party: Party): Promise<void> {
  await value(party.client.invoke('lockAccount', {}))
}

const occupy = (port: number): Promise<Server> => occupyPort(cleanups, port, 'silent')

async function portOf(party: Party): Promise<number> {
  const port = tcpPortOf((await value(party.client.invoke('getNetworkStatus', {}))).listenAddresses)
  if (port === undefined) throw new Error('no TCP port')
  return port
}

/** Sends one message from `from` to `to` and waits until `to` has it and `from` sees it delivered. */
async function deliveredWithin(from: Peer, to: Peer, text: string, timeoutMs: number): Promise<number> {
  const atTo = new ConversationWatch(from.peerId).follow(to.client)
  const atFrom = new ConversationWatch(to.peerId).follow(from.client)
  const started = Date.now()
  const sent = await value(
    from.client.invoke('sendMessage', { conversationId: dmConversationId(from.peerId, to.peerId), text }),
  )
  await atTo.until(
    () => atTo.received.has(text),
    () => `"${text}" has not arrived`,
    timeoutMs,
  )
  await atFrom.until(
    () => atFrom.deliveredAmong([sent.id]) === 1,
    () => `"${text}" is not delivered`,
    timeoutMs,
  )
  return Date.now() - started
}

describe('a contact that moves is found again without anyone pasting an address', () => {
  it(
    'after a lock and unlock, A dials where B listens (its signed record), not the port B once dialled from',
    async () => {
      const a = await newPeer('ana')
      const b = await newPeer('ben')
      // B accepts A's invite: B's connection to A comes from an ephemeral port
      await makeContacts(a, b)
      await lock(a)
      await logIn(a.peer)
      const took = await deliveredWithin(a, b, 'after the unlock', LOOK_INTERVAL_MS)
      process.stdout.write(`[reach-address] delivered ${took} ms after the unlock\n`)
    },
    LOOK_INTERVAL_MS + 30_000,
  )

  it(
    'B restarts on a new port while A is locked: A finds it through the DHT within one look',
    async () => {
      requireBuiltCli()
      // a friend's node on this machine: DHT server (private addresses kept, all is on 127.0.0.1)
      const node = await startHeadlessNode(cleanups, {
        mode: 'internet',
        bootstrap: [],
        dhtPrivateAddresses: true,
      })
      const bootstrap = [await dialableAddress(node)]
      const internet = { mode: 'internet', bootstrap, dhtPrivateAddresses: true } as const

      const a = await newPeer('ana', internet)
      const b = await newPeer('ben', internet)
      await makeContacts(a, b)
      const oldPort = await portOf(b)

      await lock(a)
      await b.peer.stop()
      await occupy(oldPort)
      const restarted = await startPeer(b.config)
      const b2: Peer = { ...(await logIn(restarted)), peer: restarted }
      expect(await portOf(b2)).not.toBe(oldPort)

      await logIn(a.peer)
      const took = await deliveredWithin(a, b2, 'to the new port', LOOK_INTERVAL_MS)
      process.stdout.write(`[reach-address] found at the new port through the DHT in ${took} ms\n`)
    },
    LOOK_INTERVAL_MS + 60_000,
  )
})
