import type { Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { occupyPort } from './helpers/ports.js'
import { startApp, value, type TestApp } from './helpers/app.js'
import { makeTempDir } from './helpers/temp-dir.js'
import { dmConversationId } from '../src/messages/ids.js'
import {
  ConversationWatch,
  createAccount,
  expectExactly,
  logIn,
  makeContacts,
  readConversation,
  type Party,
} from './support/conversation.js'

/**
 * Two in-process cores on 127.0.0.1 (mDNS off), each on its own data
 * directory. B quits; A writes to B while it is away; B starts again and logs
 * in: everything arrives, with nothing else done on either side.
 */
const COUNT = 100
const TEXTS = Array.from({ length: COUNT }, (_, i) => `while you were away ${i + 1}`)
const WAIT = 30_000

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A and B as contacts, each on a data directory of its own that outlives the app. */
async function contacts(): Promise<{ a: Party; b: Party & { app: TestApp; dataDir: string } }> {
  const dirB = await makeTempDir()
  cleanups.push(dirB.cleanup)
  const appA = await startApp(cleanups)
  const appB = await startApp(cleanups, {}, dirB.path)
  const a = await createAccount(appA.client, 'alice')
  const b = { ...(await createAccount(appB.client, 'bob')), app: appB, dataDir: dirB.path }
  await makeContacts(a, b)
  return { a, b }
}

/** The TCP port a core listens on (127.0.0.1). */
async function tcpPort(client: TestApp['client']): Promise<number> {
  const status = await value(client.invoke('getNetworkStatus', {}))
  const match = status.listenAddresses.map((a) => /^\/ip4\/127\.0\.0\.1\/tcp\/(\d+)/.exec(a)).find((m) => m !== null)
  if (match?.[1] === undefined) throw new Error(`no TCP address in ${status.listenAddresses.join(' ')}`)
  return Number(match[1])
}

const occupy = (port: number): Promise<Server> => occupyPort(cleanups, port, 'drop')

/**
 * B quits; A sends COUNT messages (accepted, 'sending'); `restartB` brings B
 * back on its directory and B logs in. Then all arrive at B exactly once, in
 * order, and become 'delivered' at A.
 */
async function sendWhileAway(
  a: Party,
  b: Party & { app: TestApp },
  restartB: () => Promise<TestApp>,
): Promise<TestApp> {
  await b.app.messenger.stop()
  const atA = new ConversationWatch(b.peerId).follow(a.client)
  const ids: string[] = []
  for (const text of TEXTS) {
    const sent = await value(
      a.client.invoke('sendMessage', { conversationId: dmConversationId(a.peerId, b.peerId), text }),
    )
    expect(sent.state).toBe('sending')
    ids.push(sent.id)
  }
  expect(atA.deliveredAmong(ids)).toBe(0)

  const appB = await restartB()
  const atB = new ConversationWatch(a.peerId).follow(appB.client)
  expect((await logIn(appB.client)).peerId).toBe(b.peerId)
  await atB.until(
    () => atB.receivedCount === COUNT,
    () => `B has ${atB.receivedCount} of ${COUNT}`,
    WAIT,
  )
  await atA.until(
    () => atA.deliveredAmong(ids) === COUNT,
    () => `${atA.deliveredAmong(ids)} of ${COUNT} delivered at A`,
    WAIT,
  )
  expect([...atB.received.values()].every((messageIds) => messageIds.size === 1)).toBe(true)
  expectExactly(await readConversation(appB.client, a.peerId), TEXTS, false)
  const atEnd = await readConversation(a.client, b.peerId)
  expectExactly(atEnd, TEXTS, true)
  expect(atEnd.filter((m) => m.state !== 'delivered')).toEqual([])
  const [summary] = await value(appB.client.invoke('listConversations', {}))
  expect(summary).toMatchObject({ peerId: a.peerId, total: COUNT, unread: COUNT })
  return appB
}

describe('messages to a contact who is offline', () => {
  it(
    'B is stopped; A sends 100; B starts again → all 100 arrive in order, with no action',
    async () => {
      const { a, b } = await contacts()
      const before = await tcpPort(b.app.client)
      const appB = await sendWhileAway(a, b, () => startApp(cleanups, {}, b.dataDir))
      // as a person's app does across restarts, B listens where A knew it
      expect(await tcpPort(appB.client)).toBe(before)
    },
    WAIT * 3,
  )

  it(
    'B comes back on another port (its usual one is taken) → all 100 still arrive',
    async () => {
      const { a, b } = await contacts()
      const before = await tcpPort(b.app.client)
      const appB = await sendWhileAway(a, b, async () => {
        await occupy(before)
        return startApp(cleanups, {}, b.dataDir)
      })
      // A could not have found B where it was: B came to A
      expect(await tcpPort(appB.client)).not.toBe(before)
    },
    WAIT * 3,
  )
})
