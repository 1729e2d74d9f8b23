import { afterEach, describe, expect, it } from 'vitest'
import { decodeSessionSet } from '../src/sessions/records.js'
import { PASSWORD } from './helpers/accounts.js'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { befriend, person, type Person } from './helpers/people.js'
import { dmConversationId } from '../src/messages/ids.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function storeOf(p: Person): NonNullable<ReturnType<Person['messenger']['account']>>['store'] {
  const account = p.messenger.account()
  if (account === undefined) throw new Error('locked')
  return account.store
}

async function activeSession(p: Person, peerId: string): Promise<string | null> {
  const store = storeOf(p)
  const stored = await store.get(`dm/session/${store.blind(peerId)}`)
  if (stored === undefined) throw new Error('no session record')
  return decodeSessionSet(stored).active
}

async function count(p: Person, prefix: string): Promise<number> {
  let n = 0
  for await (const entry of storeOf(p).entries(prefix)) if (entry[0].length > 0) n++
  return n
}

function arrived(p: Person, from: string, text: string): Promise<unknown> {
  return waitForEvent(p.client, 'messagesChanged', (e) => e.peerId === from && e.messages.some((m) => m.text === text))
}

async function say(from: Person, to: Person, text: string): Promise<void> {
  const got = arrived(to, from.peerId, text)
  await value(from.client.invoke('sendMessage', { conversationId: dmConversationId(from.peerId, to.peerId), text }))
  await got
}

async function texts(p: Person, peerId: string): Promise<string[]> {
  const page = await value(
    p.client.invoke('getMessages', { conversationId: dmConversationId(p.peerId, peerId), limit: 200 }),
  )
  return page.messages.map((m) => m.text)
}

async function lock(p: Person): Promise<string> {
  const session = await value(p.client.invoke('getSession', {}))
  await value(p.client.invoke('lockAccount', {}))
  return session.account?.accountId ?? ''
}

async function unlock(p: Person, accountId: string): Promise<void> {
  await value(p.client.invoke('unlockAccount', { accountId, password: PASSWORD }))
}

describe('end-to-end sessions', () => {
  it('the first message uses one of their one-time prekeys, which is then gone on both sides', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    expect(await count(bob, 'prekey/one-time/')).toBe(1)
    await say(alice, bob, 'first')
    expect(await count(bob, 'prekey/one-time/')).toBe(0)
    const store = storeOf(alice)
    const contact = (await store.getJson(`contact/${store.blind(bob.peerId)}`)) as {
      prekeys: { oneTimePrekey: unknown }
    }
    expect(contact.prekeys.oneTimePrekey).toBeNull()
    await say(bob, alice, 'second')
    expect(await activeSession(alice, bob.peerId)).toBe(await activeSession(bob, alice.peerId))
  })

  it('both write first at the same time: both messages arrive and both settle on one session', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    const both = Promise.all([arrived(bob, alice.peerId, 'from alice'), arrived(alice, bob.peerId, 'from bob')])
    await Promise.all([
      value(
        alice.client.invoke('sendMessage', {
          conversationId: dmConversationId(alice.peerId, bob.peerId),
          text: 'from alice',
        }),
      ),
      value(
        bob.client.invoke('sendMessage', {
          conversationId: dmConversationId(bob.peerId, alice.peerId),
          text: 'from bob',
        }),
      ),
    ])
    await both
    await say(alice, bob, 'alice again')
    await say(bob, alice, 'bob again')
    const [activeA, activeB] = [await activeSession(alice, bob.peerId), await activeSession(bob, alice.peerId)]
    expect(activeA).not.toBeNull()
    expect(activeA).toBe(activeB)
    expect(await texts(alice, bob.peerId)).toEqual(await texts(bob, alice.peerId))
  })

  it('ratchet state survives locking and unlocking on both sides', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    await say(alice, bob, 'one')
    await say(bob, alice, 'two')
    const [a, b] = [await lock(alice), await lock(bob)]
    await unlock(alice, a)
    await unlock(bob, b)
    await say(alice, bob, 'three')
    await say(bob, alice, 'four')
    expect(await texts(bob, alice.peerId)).toEqual(['one', 'two', 'three', 'four'])
  })

  /**
   * Bob (locked) misses m2–m4 from Alice, and m3 is lost from her outbox, as if
   * acknowledged by mistake: once Bob is back, m3 is a gap in her numbers.
   */
  async function gapAhead(): Promise<{ alice: Person; bob: Person; bobAccount: string; m3: string }> {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    await say(alice, bob, 'm1')
    const bobAccount = await lock(bob)
    const ids: string[] = []
    for (const text of ['m2', 'm3', 'm4']) {
      ids.push(
        (
          await value(
            alice.client.invoke('sendMessage', { conversationId: dmConversationId(alice.peerId, bob.peerId), text }),
          )
        ).id,
      )
    }
    const store = storeOf(alice)
    const outbox: string[] = []
    for await (const [key] of store.entries(`dm/out/${store.blind(bob.peerId)}/`)) outbox.push(key)
    expect(outbox).toHaveLength(3)
    await store.del(outbox[1] ?? '')
    const aliceAccount = await lock(alice)
    await unlock(alice, aliceAccount)
    return { alice, bob, bobAccount, m3: ids[1] ?? '' }
  }

  it('a gap in their numbers is noticed and the missing message is sent again', async () => {
    const { alice, bob, bobAccount } = await gapAhead()
    const filled = arrived(bob, alice.peerId, 'm3')
    await unlock(bob, bobAccount)
    await filled
    expect(await texts(bob, alice.peerId)).toEqual(['m1', 'm2', 'm3', 'm4'])
    const page = await value(
      bob.client.invoke('getMessages', { conversationId: dmConversationId(bob.peerId, alice.peerId) }),
    )
    expect(page.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4])
  })

  it('a missing message since deleted for everyone closes the gap without showing', async () => {
    const { alice, bob, bobAccount, m3 } = await gapAhead()
    // Alice deletes the lost m3 for everyone (the delete is number 5)
    await value(
      alice.client.invoke('deleteMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        messageId: m3,
        forEveryone: true,
      }),
    )

    await unlock(bob, bobAccount)
    const bobStore = storeOf(bob)
    const conv = async (): Promise<{ recvSeq: number; ahead: number[] }> =>
      (await bobStore.getJson(`dm/conv/${bobStore.blind(alice.peerId)}`)) as { recvSeq: number; ahead: number[] }
    // Bob asks for number 3 after the grace period; Alice answers with a delete in its place
    for (;;) {
      const next = waitForEvent(bob.client, 'conversationChanged', () => true, 20_000)
      if ((await conv()).recvSeq >= 5) {
        next.catch(() => undefined)
        break
      }
      await next
    }
    expect(await conv()).toMatchObject({ recvSeq: 5, ahead: [] })
    expect(await texts(bob, alice.peerId)).toEqual(['m1', 'm2', 'm4'])
  })

  it('a contact that lost the session (a restored backup) still gets the next messages: a new session starts', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    await say(alice, bob, 'before')
    const reply = waitForEvent(bob.client, 'messagesChanged', (e) =>
      e.messages.some((m) => m.text === 'reply before' && m.state === 'delivered'),
    )
    await say(bob, alice, 'reply before')
    // Alice's acknowledgement (the last message in the session) is in before Bob loses the session
    await reply
    // Bob's device forgets the session, as after restoring an older backup
    const store = storeOf(bob)
    await store.del(`dm/session/${store.blind(alice.peerId)}`)
    await unlock(bob, await lock(bob))
    const oldSession = await activeSession(alice, bob.peerId)

    const got = arrived(bob, alice.peerId, 'after the loss')
    const sent = await value(
      alice.client.invoke('sendMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        text: 'after the loss',
      }),
    )
    await got
    await waitForEvent(alice.client, 'messagesChanged', (e) =>
      e.messages.some((m) => m.id === sent.id && m.state === 'delivered'),
    )
    expect(await activeSession(alice, bob.peerId)).not.toBe(oldSession)
    await say(bob, alice, 'and back')
    expect(await texts(bob, alice.peerId)).toEqual(['before', 'reply before', 'after the loss', 'and back'])
    expect(await texts(alice, bob.peerId)).toEqual(['before', 'reply before', 'after the loss', 'and back'])
  })
})
