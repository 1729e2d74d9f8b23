import { afterEach, describe, expect, it } from 'vitest'
import { isSingleEmoji } from '../src/api/index.js'
import { dmConversationId } from '../src/messages/ids.js'
import { value } from './helpers/app.js'
import { waitForEvent } from './helpers/events.js'
import { befriend, person } from './helpers/people.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const FAMILY = '👨🏻‍👩🏻‍👧🏻‍👦🏻'

describe('reactions: any one emoji', () => {
  it('takes one emoji of any kind and refuses text, two emoji and controls', () => {
    for (const emoji of ['👍', '❤️', '🫠', FAMILY, '🇪🇸', '#️⃣', '1️⃣', '🏳️‍🌈', '👋🏾']) {
      expect(isSingleEmoji(emoji), emoji).toBe(true)
    }
    for (const text of ['', 'a', 'ok', '1', '#', '👍👍', '👍 ', ' 👍', 'hi👍', '\u0007', '❤️'.repeat(20)]) {
      expect(isSingleEmoji(text), JSON.stringify(text)).toBe(false)
    }
  })

  it('a reaction picked from all the emoji, skin tones and families included, shows on the other side', async () => {
    const alice = await person(cleanups, 'alice')
    const bob = await person(cleanups, 'bob')
    await befriend(alice, bob)
    const conversationId = dmConversationId(alice.peerId, bob.peerId)
    const got = waitForEvent(bob.client, 'messagesChanged', (e) => e.messages.some((m) => m.text === 'a photo of us'))
    const sent = await value(alice.client.invoke('sendMessage', { conversationId, text: 'a photo of us' }))
    await got
    const reacted = waitForEvent(bob.client, 'messagesChanged', (e) =>
      e.messages.some((m) => m.id === sent.id && m.reactions.theirs === FAMILY),
    )
    await value(alice.client.invoke('reactToMessage', { conversationId, messageId: sent.id, reaction: FAMILY }))
    await reacted
    expect(
      await alice.client.invoke('reactToMessage', { conversationId, messageId: sent.id, reaction: 'lol' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENTS' } })
  })
})
