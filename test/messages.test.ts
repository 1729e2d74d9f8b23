import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../src/api/index.js'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { befriend, person, type Person } from './helpers/people.js'

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
    const sent = await value(alice.client.invoke('sendMessage', { peerId: bob.peerId, text: 'Hello Bob' }))
    expect(sent).toMatchObject({ fromMe: true, seq: 1, text: 'Hello Bob' })
    const delivered = stateIs(alice, sent.id, 'delivered')
    await atBob
    await delivered
    const atAlice = arrived(alice, bob.peerId, 'Hi Alice')
    await value(bob.client.invoke('sendMessage', { peerId: alice.peerId, text: 'Hi Alice', replyTo: sent.id }))
    await atAlice
    const pageA = await value(alice.client.invoke('getMessages', { peerId: bob.peerId }))
    const pageB = await value(bob.client.invoke('getMessages', { peerId: alice.peerId }))
    expect(pageA.messages.map((m) => [m.id, m.text, m.order])).toEqual(
      pageB.messages.map((m) => [m.id, m.text, m.order]),
    )
    expect(pageA.messages[1]?.replyTo).toMatchObject({ id: sent.id, fromMe: true, text: 'Hello Bob' })
    const [convB] = await value(bob.client.invoke('listConversations', {}))
    expect(convB).toMatchObject({ peerId: alice.peerId, unread: 1, total: 2 })
  })
})
