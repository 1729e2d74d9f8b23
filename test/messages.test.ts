import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../src/api/index.js'
import { PASSWORD } from './helpers/accounts.js'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { befriend, person, type Person } from './helpers/people.js'
import { dmConversationId } from '../src/messages/ids.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function pair(): Promise<[Person, Person]> {
  const alice = await person(cleanups, 'alice')
  const bob = await person(cleanups, 'bob')
  await befriend(alice, bob)
  return [alice, bob]
}

function arrived(p: Person, from: string, text: string): Promise<unknown> {
  return waitForEvent(p.client, 'messagesChanged', (e) => e.peerId === from && e.messages.some((m) => m.text === text))
}

function stateIs(p: Person, id: string, state: ChatMessage['state']): Promise<unknown> {
  return waitForEvent(p.client, 'messagesChanged', (e) => e.messages.some((m) => m.id === id && m.state === state))
}

describe('direct messages', () => {
  it('chat both ways: end-to-end, acknowledged, in the same order on both sides', async () => {
    const [alice, bob] = await pair()
    const atBob = arrived(bob, alice.peerId, 'Hello Bob')
    const sent = await value(
      alice.client.invoke('sendMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        text: 'Hello Bob',
      }),
    )
    expect(sent).toMatchObject({ fromMe: true, seq: 1, text: 'Hello Bob' })
    const delivered = stateIs(alice, sent.id, 'delivered')
    await atBob
    await delivered
    const atAlice = arrived(alice, bob.peerId, 'Hi Alice')
    await value(
      bob.client.invoke('sendMessage', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        text: 'Hi Alice',
        replyTo: sent.id,
      }),
    )
    await atAlice
    const pageA = await value(
      alice.client.invoke('getMessages', { conversationId: dmConversationId(alice.peerId, bob.peerId) }),
    )
    const pageB = await value(
      bob.client.invoke('getMessages', { conversationId: dmConversationId(bob.peerId, alice.peerId) }),
    )
    expect(pageA.messages.map((m) => [m.id, m.text, m.order])).toEqual(
      pageB.messages.map((m) => [m.id, m.text, m.order]),
    )
    expect(pageA.messages[1]?.replyTo).toMatchObject({ id: sent.id, fromMe: true, text: 'Hello Bob' })
    const [convB] = await value(bob.client.invoke('listConversations', {}))
    expect(convB).toMatchObject({ peerId: alice.peerId, unread: 1, total: 2 })
  })
})

async function relock(p: Person): Promise<void> {
  const session = await value(p.client.invoke('getSession', {}))
  const accountId = session.account?.accountId ?? ''
  await value(p.client.invoke('lockAccount', {}))
  await value(p.client.invoke('unlockAccount', { accountId, password: PASSWORD }))
}

async function texts(p: Person, peerId: string): Promise<string[]> {
  const page = await value(
    p.client.invoke('getMessages', { conversationId: dmConversationId(p.peerId, peerId), limit: 200 }),
  )
  return page.messages.map((m) => m.text)
}

describe('chat features', () => {
  it('edit, delete for everyone, reactions and read receipts reach the other side', async () => {
    const [alice, bob] = await pair()
    const atBob = arrived(bob, alice.peerId, 'typo hree')
    const first = await value(
      alice.client.invoke('sendMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        text: 'typo hree',
      }),
    )
    await atBob

    const edited = waitForEvent(bob.client, 'messagesChanged', (e) =>
      e.messages.some((m) => m.id === first.id && m.text === 'typo here' && m.editedAt !== null),
    )
    await value(
      alice.client.invoke('editMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        messageId: first.id,
        text: 'typo here',
      }),
    )
    await edited

    const reacted = waitForEvent(alice.client, 'messagesChanged', (e) =>
      e.messages.some((m) => m.id === first.id && m.reactions.theirs === '👍'),
    )
    const mine = await value(
      bob.client.invoke('reactToMessage', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        messageId: first.id,
        reaction: '👍',
      }),
    )
    expect(mine.reactions).toEqual({ mine: '👍', theirs: null })
    await reacted

    // Bob cannot edit or delete Alice's message for everyone
    const refused = await bob.client.invoke('editMessage', {
      conversationId: dmConversationId(bob.peerId, alice.peerId),
      messageId: first.id,
      text: 'x',
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'REFUSED' } })

    const read = stateIs(alice, first.id, 'read')
    const summary = await value(
      bob.client.invoke('markConversationRead', { conversationId: dmConversationId(bob.peerId, alice.peerId) }),
    )
    expect(summary.unread).toBe(0)
    await read

    const deleted = waitForEvent(bob.client, 'messagesChanged', (e) =>
      e.messages.some((m) => m.id === first.id && m.deleted && m.text === ''),
    )
    await value(
      alice.client.invoke('deleteMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        messageId: first.id,
        forEveryone: true,
      }),
    )
    await deleted
    expect(await texts(bob, alice.peerId)).toEqual([''])
  })

  it('edits and reactions sent right behind their messages are applied, not lost', async () => {
    const [alice, bob] = await pair()
    const n = 10
    const done = waitForEvent(bob.client, 'messagesChanged', (e) =>
      e.messages.some((m) => m.text === `take ${String(n - 1)} edited` && m.reactions.theirs === '🙏'),
    )
    for (let i = 0; i < n; i++) {
      const sent = await value(
        alice.client.invoke('sendMessage', {
          conversationId: dmConversationId(alice.peerId, bob.peerId),
          text: `take ${String(i)}`,
        }),
      )
      const text = `take ${String(i)} edited`
      await value(
        alice.client.invoke('editMessage', {
          conversationId: dmConversationId(alice.peerId, bob.peerId),
          messageId: sent.id,
          text,
        }),
      )
      await value(
        alice.client.invoke('reactToMessage', {
          conversationId: dmConversationId(alice.peerId, bob.peerId),
          messageId: sent.id,
          reaction: '🙏',
        }),
      )
    }
    await done
    const page = await value(
      bob.client.invoke('getMessages', { conversationId: dmConversationId(bob.peerId, alice.peerId) }),
    )
    expect(page.messages.map((m) => [m.text, m.reactions.theirs])).toEqual(
      Array.from({ length: n }, (_, i) => [`take ${String(i)} edited`, '🙏']),
    )
  })

  it('a burst is announced in a few events, with one notification for its newest message', async () => {
    const [alice, bob] = await pair()
    const n = 200
    const sentEvents: number[] = []
    const received = new Set<string>()
    const notified: string[] = []
    let allIn = (): void => undefined
    const all = new Promise<void>((resolve) => (allIn = resolve))
    const offAlice = alice.client.subscribe((e) => {
      if (e.name === 'messagesChanged' && e.payload.messages.some((m) => m.state === 'sending')) {
        sentEvents.push(e.payload.messages.length)
      }
    })
    const offBob = bob.client.subscribe((e) => {
      if (e.name === 'messagesChanged' && e.payload.peerId === alice.peerId) {
        for (const m of e.payload.messages) received.add(m.text)
        if (received.size === n) allIn()
      }
      if (e.name === 'messageNotified') notified.push(e.payload.preview)
    })
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        value(
          alice.client.invoke('sendMessage', {
            conversationId: dmConversationId(alice.peerId, bob.peerId),
            text: `burst ${String(i)}`,
          }),
        ),
      ),
    )
    await all
    offAlice()
    offBob()
    // each message is announced once, within far fewer events than messages
    expect(sentEvents.reduce((a, b) => a + b, 0)).toBe(n)
    expect(sentEvents.length).toBeLessThan(n / 4)
    // no notification per message; the last one names the newest
    expect(notified.length).toBeGreaterThan(0)
    expect(notified.length).toBeLessThanOrEqual(n / 2)
    expect(notified.at(-1)).toBe(`burst ${String(n - 1)}`)
  })

  it('typing indicators travel, and stop when switched off', async () => {
    const [alice, bob] = await pair()
    // a first message opens the session and the stream
    const atBob = arrived(bob, alice.peerId, 'hi')
    await value(
      alice.client.invoke('sendMessage', { conversationId: dmConversationId(alice.peerId, bob.peerId), text: 'hi' }),
    )
    await atBob
    const typing = waitForEvent(bob.client, 'typingChanged', (e) => e.peerId === alice.peerId && e.typing)
    await value(
      alice.client.invoke('setTyping', { conversationId: dmConversationId(alice.peerId, bob.peerId), typing: true }),
    )
    await typing
    const stopped = waitForEvent(bob.client, 'typingChanged', (e) => e.peerId === alice.peerId && !e.typing)
    await value(
      alice.client.invoke('setTyping', { conversationId: dmConversationId(alice.peerId, bob.peerId), typing: false }),
    )
    await stopped

    await value(bob.client.invoke('setMessagingSettings', { readReceipts: false, typingIndicators: false }))
    const events: string[] = []
    const unsubscribe = bob.client.subscribe((e) => events.push(e.name))
    await value(
      alice.client.invoke('setTyping', { conversationId: dmConversationId(alice.peerId, bob.peerId), typing: true }),
    )
    // a message sent after the typing frame on the same stream arrives after it
    const later = arrived(bob, alice.peerId, 'after typing')
    await value(
      alice.client.invoke('sendMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        text: 'after typing',
      }),
    )
    await later
    unsubscribe()
    expect(events).not.toContain('typingChanged')
  })

  it('read receipts switched off: none sent, none shown', async () => {
    const [alice, bob] = await pair()
    await value(bob.client.invoke('setMessagingSettings', { readReceipts: false, typingIndicators: true }))
    const atBob = arrived(bob, alice.peerId, 'one')
    const one = await value(
      alice.client.invoke('sendMessage', { conversationId: dmConversationId(alice.peerId, bob.peerId), text: 'one' }),
    )
    await atBob
    await value(
      bob.client.invoke('markConversationRead', { conversationId: dmConversationId(bob.peerId, alice.peerId) }),
    )
    // Bob's next message is ordered after any receipt he would have sent
    const reply = arrived(alice, bob.peerId, 'two')
    await value(
      bob.client.invoke('sendMessage', { conversationId: dmConversationId(bob.peerId, alice.peerId), text: 'two' }),
    )
    await reply
    const page = await value(
      alice.client.invoke('getMessages', { conversationId: dmConversationId(alice.peerId, bob.peerId) }),
    )
    expect(page.messages.find((m) => m.id === one.id)?.state).toBe('delivered')
  })

  it('unread counts, drafts, mute and delete-for-me persist across a lock', async () => {
    const [alice, bob] = await pair()
    for (const text of ['a', 'b', 'c']) {
      const got = arrived(bob, alice.peerId, text)
      await value(
        alice.client.invoke('sendMessage', { conversationId: dmConversationId(alice.peerId, bob.peerId), text }),
      )
      await got
    }
    await value(
      bob.client.invoke('setDraft', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        draft: 'half a thought',
      }),
    )
    await value(
      bob.client.invoke('setConversationMuted', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        muted: true,
      }),
    )
    const page = await value(
      bob.client.invoke('getMessages', { conversationId: dmConversationId(bob.peerId, alice.peerId) }),
    )
    const b = page.messages.find((m) => m.text === 'b')
    const removed = waitForEvent(bob.client, 'messagesRemoved', (e) => e.messageIds.includes(b?.id ?? ''))
    await value(
      bob.client.invoke('deleteMessage', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        messageId: b?.id ?? '',
        forEveryone: false,
      }),
    )
    await removed
    await relock(bob)
    const [conv] = await value(bob.client.invoke('listConversations', {}))
    expect(conv).toMatchObject({ peerId: alice.peerId, unread: 3, total: 2, muted: true, draft: 'half a thought' })
    expect(await texts(bob, alice.peerId)).toEqual(['a', 'c'])
    // Alice still has all three: delete-for-me is local
    expect(await texts(alice, bob.peerId)).toEqual(['a', 'b', 'c'])
  })

  it('search finds an old message and a context page centres on it', async () => {
    const [alice, bob] = await pair()
    const words = Array.from({ length: 120 }, (_, i) => (i === 7 ? 'the aardvark arrives at noon' : `filler ${i}`))
    const last = arrived(bob, alice.peerId, 'filler 119')
    for (const text of words)
      await value(
        alice.client.invoke('sendMessage', { conversationId: dmConversationId(alice.peerId, bob.peerId), text }),
      )
    await last
    const hits = await value(bob.client.invoke('searchMessages', { query: 'aardvark' }))
    expect(hits.map((h) => h.message.text)).toEqual(['the aardvark arrives at noon'])
    const hit = hits[0]?.message
    const context = await value(
      bob.client.invoke('getMessageContext', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        messageId: hit?.id ?? '',
        limit: 11,
      }),
    )
    expect(context.messages.map((m) => m.text)).toEqual(words.slice(2, 13))
    expect(context).toMatchObject({ hasBefore: true, hasAfter: true })
    // paging back from the newest
    const newest = await value(
      bob.client.invoke('getMessages', { conversationId: dmConversationId(bob.peerId, alice.peerId), limit: 50 }),
    )
    expect(newest.messages.map((m) => m.text)).toEqual(words.slice(70))
    const older = await value(
      bob.client.invoke('getMessages', {
        conversationId: dmConversationId(bob.peerId, alice.peerId),
        limit: 50,
        before: newest.messages[0]?.order ?? '',
      }),
    )
    expect(older.messages.map((m) => m.text)).toEqual(words.slice(20, 70))
    expect(older.hasBefore).toBe(true)
    // a new message is searchable at once; a deleted one no longer
    const got = arrived(bob, alice.peerId, 'aardvark again')
    const again = await value(
      alice.client.invoke('sendMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        text: 'aardvark again',
      }),
    )
    await got
    expect((await value(bob.client.invoke('searchMessages', { query: 'aardvark' }))).length).toBe(2)
    const gone = waitForEvent(bob.client, 'messagesChanged', (e) =>
      e.messages.some((m) => m.id === again.id && m.deleted),
    )
    await value(
      alice.client.invoke('deleteMessage', {
        conversationId: dmConversationId(alice.peerId, bob.peerId),
        messageId: again.id,
        forEveryone: true,
      }),
    )
    await gone
    expect((await value(bob.client.invoke('searchMessages', { query: 'aardvark' }))).length).toBe(1)
  })
})
