import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { value } from './helpers/app.js'
import {
  ConversationWatch,
  createAccount,
  expectExactly,
  logIn,
  makeContacts,
  readConversation,
  type Party,
} from './support/conversation.js'
import { burstText, DmPeer, type SentLine } from './support/dm-peer.js'

/**
 * Two cores in child processes on 127.0.0.1 (mDNS off), real LevelDB on disk.
 * One of them is killed with SIGKILL while a burst of messages is under way,
 * then started again on the same data directory.
 */
const TOTAL = 1000
/** The receiver has this many when the kill lands. */
const KILL_AFTER = 100
/** sendMessage calls under way at once in a burst: group commits, and a kill finds many in the outbox. */
const WINDOW = 32
const TEXTS = Array.from({ length: TOTAL }, (_, i) => burstText(i + 1))
const LONG = 120_000

let root: string
const processes: DmPeer[] = []

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'parley-crash-'))
})

afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.stop()))
  await rm(root, { recursive: true, force: true })
})

async function launch(name: string): Promise<DmPeer> {
  const peer = await DmPeer.start({ dataDir: join(root, name), listen: ['/ip4/127.0.0.1/tcp/0'], mdns: false })
  processes.push(peer)
  return peer
}

async function contacts(): Promise<{ sender: DmPeer; receiver: DmPeer; s: Party; r: Party }> {
  const [sender, receiver] = await Promise.all([launch('sender'), launch('receiver')])
  const [s, r] = await Promise.all([createAccount(sender, 'sender'), createAccount(receiver, 'receiver')])
  await makeContacts(r, s)
  return { sender, receiver, s, r }
}

const progress = (watch: ConversationWatch): string => `the receiver has ${watch.receivedCount} of ${TOTAL}`

/** Every text arrived under one message ID only. */
function expectNoDuplicates(watch: ConversationWatch): void {
  const duplicated = [...watch.received].filter(([, ids]) => ids.size > 1).map(([text]) => text)
  expect(duplicated).toEqual([])
}

/** Burst messages `from`..`to` were each accepted once, message i numbered i. */
function expectAccepted(lines: readonly SentLine[], from: number, to: number): void {
  const got = [...lines].sort((x, y) => x.index - y.index).map((line) => [line.index, line.seq])
  expect(got).toEqual(Array.from({ length: to - from + 1 }, (_, i) => [from + i, from + i]))
}

describe('a core killed with SIGKILL in the middle of a burst of messages', () => {
  it(
    'sender killed: it resumes from its outbox; the receiver gets all 1,000 exactly once, in order',
    async () => {
      const { sender, receiver, s, r } = await contacts()
      const atReceiver = new ConversationWatch(s.peerId).follow(receiver)
      const burst = sender.burst(r.peerId, 1, TOTAL, WINDOW)
      burst.catch(() => undefined) // the kill ends it

      await atReceiver.until(
        () => atReceiver.receivedCount >= KILL_AFTER,
        () => progress(atReceiver),
        LONG,
      )
      await sender.kill()
      const acceptedBeforeKill = sender.sent.map((line) => line.index)
      // the kill landed in the middle: some were accepted, not all; the receiver has some, not all
      expect(sender.sendFailures).toEqual([])
      expect(acceptedBeforeKill.length).toBeGreaterThan(0)
      expect(acceptedBeforeKill.length).toBeLessThan(TOTAL)
      expect(atReceiver.receivedCount).toBeGreaterThanOrEqual(KILL_AFTER)
      expect(atReceiver.receivedCount).toBeLessThan(TOTAL)

      // started again on the same directory, with the password
      const restarted = await launch('sender')
      const atSender = new ConversationWatch(r.peerId).follow(restarted)
      expect((await logIn(restarted)).peerId).toBe(s.peerId)
      const written = await readConversation(restarted, r.peerId)
      // whatever sendMessage accepted survived the kill, and what is on disk is the start of the burst
      expect(Math.max(...acceptedBeforeKill)).toBeLessThanOrEqual(written.length)
      expectExactly(written, TEXTS.slice(0, written.length), true)
      atSender.seed(written)

      // the rest was never accepted: the person sends it again
      await value(restarted.burst(r.peerId, written.length + 1, TOTAL, WINDOW))
      expectAccepted(restarted.sent, written.length + 1, TOTAL)

      await atReceiver.until(
        () => atReceiver.receivedCount === TOTAL,
        () => progress(atReceiver),
        LONG,
      )
      expectNoDuplicates(atReceiver)
      expectExactly(await readConversation(receiver, s.peerId), TEXTS, false)

      // every message ends delivered at the sender: the ones acknowledged before the kill are on disk as such
      const ids = [...written.map((m) => m.id), ...restarted.sent.map((line) => line.id)]
      await atSender.until(
        () => atSender.deliveredAmong(ids) === TOTAL,
        () => `${atSender.deliveredAmong(ids)} of ${TOTAL} delivered at the sender (${atSender.describeOthers(ids)})`,
        LONG,
      )
      // a gap the receiver saw while the old and the new stream overlapped may have brought a few
      // back for another round (shown as sending again until that is acknowledged too): wait for it
      const deliveredNow = new Set<string>()
      const stopWatching = restarted.subscribe((event) => {
        if (event.name !== 'messagesChanged') return
        for (const m of event.payload.messages) if (m.state === 'delivered') deliveredNow.add(m.id)
      })
      let atEnd = await readConversation(restarted, r.peerId)
      const again = atEnd.filter((m) => m.state !== 'delivered').map((m) => m.id)
      if (again.length > 0) {
        await restarted.until(
          () => again.every((id) => deliveredNow.has(id)),
          `${String(again.length)} acknowledged again`,
          LONG,
        )
        atEnd = await readConversation(restarted, r.peerId)
      }
      stopWatching()
      expectExactly(atEnd, TEXTS, true)
      expect(atEnd.filter((m) => m.state !== 'delivered')).toEqual([])
    },
    LONG + 30_000,
  )

  it(
    'receiver killed: after its restart all 1,000 arrive exactly once, in order, and all are delivered',
    async () => {
      const { sender, receiver, s, r } = await contacts()
      const atReceiver = new ConversationWatch(s.peerId).follow(receiver)
      const atSender = new ConversationWatch(r.peerId).follow(sender)
      const burst = sender.burst(r.peerId, 1, TOTAL, WINDOW)

      await atReceiver.until(
        () => atReceiver.receivedCount >= KILL_AFTER,
        () => progress(atReceiver),
        LONG,
      )
      await receiver.kill()
      expect(atReceiver.receivedCount).toBeLessThan(TOTAL)

      const restarted = await launch('receiver')
      atReceiver.follow(restarted)
      expect((await logIn(restarted)).peerId).toBe(r.peerId)

      // the sender never stopped: every send was accepted
      await value(burst)
      expectAccepted(sender.sent, 1, TOTAL)
      const ids = sender.sent.map((line) => line.id)
      await atSender.until(
        () => atSender.deliveredAmong(ids) === TOTAL,
        () => `${atSender.deliveredAmong(ids)} of ${TOTAL} delivered; ${progress(atReceiver)}`,
        LONG,
      )

      // what arrived before the kill and after it: each text once
      expectNoDuplicates(atReceiver)
      expectExactly(await readConversation(restarted, s.peerId), TEXTS, false)
      const atEnd = await readConversation(sender, r.peerId)
      expectExactly(atEnd, TEXTS, true)
      expect(atEnd.filter((m) => m.state !== 'delivered')).toEqual([])
    },
    LONG + 30_000,
  )
})
