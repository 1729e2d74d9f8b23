import { afterEach, describe, expect, it } from 'vitest'
import type { ApiEvent } from '../src/api/index.js'
import { createManualClock } from '../src/core/manual-clock.js'
import { dmConversationId } from '../src/messages/ids.js'
import { PASSWORD } from './helpers/accounts.js'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { befriend, person, type Person } from './helpers/people.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const MINUTE = 60_000

async function send(from: Person, to: Person, text: string): Promise<void> {
  const got = waitForEvent(to.client, 'messagesChanged', (e) => e.messages.some((m) => m.text === text))
  await value(from.client.invoke('sendMessage', { conversationId: dmConversationId(from.peerId, to.peerId), text }))
  await got
}

describe('muting a conversation for a while', () => {
  it('no notifications while muted; the mute ends by itself, is announced, and notifications come back', async () => {
    const clock = createManualClock(Date.now())
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob', { clock })
    await befriend(alice, bob)
    const conversationId = dmConversationId(bob.peerId, alice.peerId)
    const notified: string[] = []
    bob.client.subscribe((event: ApiEvent) => {
      if (event.name === 'messageNotified') notified.push(event.payload.preview)
    })

    const muted = await value(
      bob.client.invoke('setConversationMuted', { conversationId, muted: true, forMinutes: 60 }),
    )
    expect(muted).toMatchObject({ muted: true, mutedUntil: clock.now() + 60 * MINUTE })
    await send(alice, bob, 'while muted')

    clock.advance(59 * MINUTE)
    expect((await value(bob.client.invoke('listConversations', {})))[0]).toMatchObject({ muted: true })
    const ended = waitForEvent(
      bob.client,
      'conversationChanged',
      (c) => c.conversationId === conversationId && !c.muted,
    )
    clock.advance(MINUTE)
    expect(await ended).toMatchObject({ muted: false, mutedUntil: null })

    const notice = waitForEvent(bob.client, 'messageNotified', (n) => n.preview === 'after the mute')
    await send(alice, bob, 'after the mute')
    await notice
    expect(notified).toEqual(['after the mute'])
  })

  it('"until I unmute" has no end; a mute over a year is refused; a mute outlives a lock', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    await send(alice, bob, 'hello')
    const conversationId = dmConversationId(bob.peerId, alice.peerId)
    expect(
      await bob.client.invoke('setConversationMuted', { conversationId, muted: true, forMinutes: 60 * 24 * 367 }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
    const always = await value(bob.client.invoke('setConversationMuted', { conversationId, muted: true }))
    expect(always).toMatchObject({ muted: true, mutedUntil: null })
    const week = await value(
      bob.client.invoke('setConversationMuted', { conversationId, muted: true, forMinutes: 7 * 24 * 60 }),
    )
    const accountId = (await value(bob.client.invoke('getSession', {}))).account?.accountId ?? ''
    await value(bob.client.invoke('lockAccount', {}))
    await value(bob.client.invoke('unlockAccount', { accountId, password: PASSWORD }))
    expect((await value(bob.client.invoke('listConversations', {})))[0]).toMatchObject({
      muted: true,
      mutedUntil: week.mutedUntil,
    })
    const unmuted = await value(bob.client.invoke('setConversationMuted', { conversationId, muted: false }))
    expect(unmuted).toMatchObject({ muted: false, mutedUntil: null })
  })
})

describe('what a notification shows', () => {
  it('with the text hidden, no message text leaves the core for a notification; other settings stay', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    const before = await value(bob.client.invoke('getMessagingSettings', {}))
    expect(before).toEqual({ readReceipts: true, typingIndicators: true, notificationContent: 'senderAndText' })
    const full = waitForEvent(bob.client, 'messageNotified', (n) => n.preview === 'shown in full')
    await send(alice, bob, 'shown in full')
    await full

    // only the field named changes
    expect(await value(bob.client.invoke('setMessagingSettings', { notificationContent: 'senderOnly' }))).toEqual({
      ...before,
      notificationContent: 'senderOnly',
    })
    const hidden = waitForEvent(bob.client, 'messageNotified', (n) => n.peerId === alice.peerId && n.preview === '')
    await send(alice, bob, 'a secret line')
    await hidden
    expect(
      await bob.client.invoke('setMessagingSettings', { notificationContent: 'everything' as never }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENTS' },
    })
    const accountId = (await value(bob.client.invoke('getSession', {}))).account?.accountId ?? ''
    await value(bob.client.invoke('lockAccount', {}))
    await value(bob.client.invoke('unlockAccount', { accountId, password: PASSWORD }))
    expect(await value(bob.client.invoke('getMessagingSettings', {}))).toMatchObject({
      notificationContent: 'senderOnly',
    })
  })
})
