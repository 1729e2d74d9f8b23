import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { requireBuiltCli } from './support/cli-process.js'
import {
  ConversationWatch,
  createAccount,
  expectExactly,
  makeContacts,
  readConversation,
  type Party,
} from './support/conversation.js'
import { DmPeer } from './support/dm-peer.js'
import { createLan, netnsUnavailableReason, setLanLink, type Lan, type LanHost } from './support/netns.js'
import { dmConversationId } from '../src/messages/ids.js'

const unavailable = await netnsUnavailableReason()
if (unavailable !== undefined) process.stdout.write(`[lan-messages] skipped: ${unavailable}\n`)

const FIRST = 'before the cut'
const TEXTS = Array.from({ length: 20 }, (_, i) => `during the cut ${i + 1}`)
/** libp2p pings each connection every 10 s: a dead one is given up within a few pings. */
const NOTICE_MS = 60_000
/** After the link is back: mDNS (every 10 s) or A's next retry brings the peers together again. */
const HEAL_MS = 60_000

describe.skipIf(unavailable !== undefined)(
  `Messages across a LAN partition${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let lan: Lan
    let dataRoot: string
    const peers: DmPeer[] = []

    beforeAll(async () => {
      requireBuiltCli()
      lan = await createLan('dm')
      dataRoot = await mkdtemp(join(tmpdir(), 'parley-lan-dm-'))
    })

    afterAll(async () => {
      await Promise.all(peers.map((p) => p.stop()))
      await lan.destroy()
      await rm(dataRoot, { recursive: true, force: true })
    })

    /** A core with an account in the namespace, mDNS on (as on a real LAN). */
    async function start(host: LanHost, name: string): Promise<Party & { peer: DmPeer }> {
      const peer = await DmPeer.start(
        { dataDir: join(dataRoot, name), listen: ['/ip4/0.0.0.0/tcp/4001'], mdns: true },
        (command, args) => host.spawn(command, args),
      )
      peers.push(peer)
      return { ...(await createAccount(peer, name)), peer }
    }

    it(
      'partition between two namespaces heals → queued messages flow, in order, with no action',
      async () => {
        const [a, b] = await Promise.all([start(lan.a, 'alice'), start(lan.b, 'bob')])
        await makeContacts(b, a)
        const atA = new ConversationWatch(b.peerId).follow(a.client)
        const atB = new ConversationWatch(a.peerId).follow(b.client)

        // a first message: the message stream between them is open when the link goes
        const first = await value(
          a.client.invoke('sendMessage', { conversationId: dmConversationId(a.peerId, b.peerId), text: FIRST }),
        )
        await atA.until(
          () => atA.deliveredAmong([first.id]) === 1,
          () => 'the first message delivered',
          15_000,
        )

        const lostAtA = waitForEvent(a.client, 'peerDisconnected', (p) => p.peerId === b.peerId, NOTICE_MS)
        const lostAtB = waitForEvent(b.client, 'peerDisconnected', (p) => p.peerId === a.peerId, NOTICE_MS)
        await setLanLink(lan.a, false)
        const ids: string[] = []
        for (const text of TEXTS) {
          const sent = await value(
            a.client.invoke('sendMessage', { conversationId: dmConversationId(a.peerId, b.peerId), text }),
          )
          expect(sent.state).toBe('sending')
          ids.push(sent.id)
        }
        // both sides give the connection up: nothing went through meanwhile
        await Promise.all([lostAtA, lostAtB])
        expect(atB.receivedCount).toBe(1)
        expect(atA.deliveredAmong(ids)).toBe(0)
        const waiting = await readConversation(a.client, b.peerId)
        expect(waiting.filter((m) => m.state === 'sending').map((m) => m.text)).toEqual(TEXTS)

        // the link comes back; nobody does anything
        await setLanLink(lan.a, true)
        await atB.until(
          () => atB.receivedCount === TEXTS.length + 1,
          () => `B has ${atB.receivedCount - 1} of ${TEXTS.length}`,
          HEAL_MS,
        )
        await atA.until(
          () => atA.deliveredAmong(ids) === TEXTS.length,
          () => `${atA.deliveredAmong(ids)} of ${TEXTS.length} delivered at A`,
          HEAL_MS,
        )
        expect([...atB.received.values()].every((messageIds) => messageIds.size === 1)).toBe(true)
        expectExactly(await readConversation(b.client, a.peerId), [FIRST, ...TEXTS], false)
        const atEnd = await readConversation(a.client, b.peerId)
        expectExactly(atEnd, [FIRST, ...TEXTS], true)
        expect(atEnd.filter((m) => m.state !== 'delivered')).toEqual([])
      },
      NOTICE_MS + HEAL_MS + 30_000,
    )
  },
)
