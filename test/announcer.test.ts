import { describe, expect, it } from 'vitest'
import type { ApiEvent, ChatMessage, ConversationSummary } from '../src/api/index.js'
import { createEventHub } from '../src/core/events.js'
import { createAnnouncer, type Announcer } from '../src/messages/announcer.js'
import { newConversation, type ConversationRecord } from '../src/messages/records.js'

/**
 * What the UI is told (src/messages/announcer.ts): on the real event hub, with
 * conversations, the history's newest message and the background work played
 * by the test. Nothing waits in real time: microtasks are awaited, and the
 * summaries' turn of the event loop by the background work it starts.
 */

type Notification = Extract<ApiEvent, { name: 'messageNotified' }>['payload']

const ALICE = 'alice-peer'
const BOB = 'bob-peer'
const CONV_ID: Record<string, string> = { [ALICE]: 'a'.repeat(32), [BOB]: 'b'.repeat(32) }

function message(peerId: string, id: string, order: string, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    conversationId: CONV_ID[peerId] ?? '0'.repeat(32),
    peerId,
    fromMe: false,
    seq: 1,
    sentAt: 1_000,
    receivedAt: 1_000,
    text: `text of ${id}`,
    replyTo: null,
    editedAt: null,
    deleted: false,
    reactions: { mine: null, theirs: null },
    state: null,
    order,
    ...overrides,
  }
}

const notification = (peerId: string, messageId: string): Notification => ({
  conversationId: CONV_ID[peerId] ?? '0'.repeat(32),
  peerId,
  messageId,
  preview: `preview of ${messageId}`,
})

interface Setup {
  readonly announcer: Announcer
  readonly events: ApiEvent[]
  readonly conversations: Map<string, ConversationRecord>
  /** Sets a conversation's record (e.g. its newest message's order). */
  readonly setConversation: (peerId: string, changes: Partial<ConversationRecord>) => void
  /** Answers the announcer's history reads; `reads` counts them per conversation. */
  history: (peerId: string) => Promise<ChatMessage | null>
  readonly reads: string[]
  /** Resolves when the announcer starts background work, with that work's promise (wrapped, not adopted). */
  readonly nextBackground: () => Promise<{ readonly done: Promise<unknown> }>
  readonly backgroundStarted: () => number
}

function setup(scheduleSummaries?: (run: () => void) => void): Setup {
  const events: ApiEvent[] = []
  const listenerErrors: unknown[] = []
  const hub = createEventHub((err) => listenerErrors.push(err))
  hub.subscribe((event) => events.push(event))
  const conversations = new Map<string, ConversationRecord>()
  for (const peerId of [ALICE, BOB]) conversations.set(peerId, newConversation(CONV_ID[peerId] ?? '', peerId))
  const reads: string[] = []
  const started: Promise<unknown>[] = []
  const waiting: ((work: { readonly done: Promise<unknown> }) => void)[] = []
  const s: Setup = {
    announcer: createAnnouncer({
      events: hub,
      conversation: (peerId) => {
        const conv = conversations.get(peerId)
        if (conv === undefined) throw new Error(`no conversation with ${peerId}`)
        return conv
      },
      now: () => 0,
      lastMessage: (peerId) => {
        reads.push(peerId)
        return s.history(peerId)
      },
      inBackground: (work) => {
        const running = work()
        started.push(running)
        const waiter = waiting.shift()
        if (waiter !== undefined) waiter({ done: running })
      },
      ...(scheduleSummaries === undefined ? {} : { scheduleSummaries }),
    }),
    events,
    conversations,
    setConversation(peerId, changes) {
      const conv = conversations.get(peerId)
      if (conv === undefined) throw new Error(`no conversation with ${peerId}`)
      conversations.set(peerId, { ...conv, ...changes })
    },
    history: () => Promise.resolve(null),
    reads,
    nextBackground: () => new Promise((resolve) => waiting.push(resolve)),
    backgroundStarted: () => started.length,
  }
  return s
}

/** Lets every pending microtask (and the ones they queue) run. */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve()
}

/** Events as `name peer [message IDs]`, summaries and other events by name and peer. */
function names(events: readonly ApiEvent[]): string[] {
  return events.map((event) => {
    if (event.name === 'messagesChanged') {
      return `messagesChanged ${event.payload.peerId} [${event.payload.messages.map((m) => m.id).join(',')}]`
    }
    if (event.name === 'messageNotified') return `messageNotified ${event.payload.peerId} ${event.payload.messageId}`
    if (event.name === 'conversationChanged') {
      return `conversationChanged ${event.payload.peerId} ${event.payload.lastMessage?.id ?? 'none'}`
    }
    return event.name
  })
}

const summaries = (events: readonly ApiEvent[]): ConversationSummary[] =>
  events.flatMap((event) => (event.name === 'conversationChanged' ? [event.payload] : []))

describe('the announcer', () => {
  it('sends the messages changed in one microtask run as one messagesChanged per conversation, after that run', async () => {
    const { announcer, events } = setup()
    announcer.changed(ALICE, [message(ALICE, 'a1', 'o1')])
    announcer.changed(BOB, [message(BOB, 'b1', 'o1')])
    announcer.changed(ALICE, [message(ALICE, 'a2', 'o2'), message(ALICE, 'a3', 'o3')])
    expect(events).toEqual([])
    await settle()
    expect(names(events)).toEqual(['messagesChanged alice-peer [a1,a2,a3]', 'messagesChanged bob-peer [b1]'])
    const first = events[0]
    expect(first?.name === 'messagesChanged' && first.payload.conversationId).toBe(CONV_ID[ALICE])
  })

  it('sends a message changed twice in one run once, as its latest version, after the others', async () => {
    const { announcer, events } = setup()
    announcer.changed(ALICE, [message(ALICE, 'a1', 'o1'), message(ALICE, 'a2', 'o2')])
    announcer.changed(ALICE, [message(ALICE, 'a1', 'o1', { text: 'edited', editedAt: 2_000 })])
    await settle()
    expect(names(events)).toEqual(['messagesChanged alice-peer [a2,a1]'])
    const only = events[0]
    expect(only?.name === 'messagesChanged' && only.payload.messages.map((m) => m.text)).toEqual([
      'text of a2',
      'edited',
    ])
  })

  it('sends the changes of a later microtask run in a messagesChanged of their own', async () => {
    const { announcer, events } = setup()
    announcer.changed(ALICE, [message(ALICE, 'a1', 'o1')])
    await settle()
    announcer.changed(ALICE, [message(ALICE, 'a2', 'o2')])
    await settle()
    expect(names(events)).toEqual(['messagesChanged alice-peer [a1]', 'messagesChanged alice-peer [a2]'])
  })

  it('sends nothing for a change with no messages (only its summary later)', async () => {
    const { announcer, events } = setup()
    announcer.changed(ALICE, [])
    await settle()
    expect(events).toEqual([])
  })

  it('notifies once per conversation per run, about the newest, after the messagesChanged', async () => {
    const { announcer, events } = setup()
    announcer.notify(notification(ALICE, 'a1'))
    announcer.changed(ALICE, [message(ALICE, 'a1', 'o1'), message(ALICE, 'a2', 'o2')])
    announcer.notify(notification(BOB, 'b1'))
    announcer.notify(notification(ALICE, 'a2'))
    expect(events).toEqual([])
    await settle()
    expect(names(events)).toEqual([
      'messagesChanged alice-peer [a1,a2]',
      'messageNotified alice-peer a2',
      'messageNotified bob-peer b1',
    ])
    const notified = events[1]
    expect(notified?.name === 'messageNotified' && notified.payload).toEqual(notification(ALICE, 'a2'))
  })

  it('a notification alone goes out after its run too', async () => {
    const { announcer, events } = setup()
    announcer.notify(notification(BOB, 'b1'))
    expect(events).toEqual([])
    await settle()
    expect(names(events)).toEqual(['messageNotified bob-peer b1'])
  })

  it('emits any other event at once, after the changes and notifications announced before it, and only once', async () => {
    const { announcer, events } = setup()
    announcer.changed(ALICE, [message(ALICE, 'a1', 'o1')])
    announcer.notify(notification(ALICE, 'a1'))
    announcer.emit({
      name: 'typingChanged',
      payload: { conversationId: CONV_ID[ALICE] ?? '', peerId: ALICE, typing: true },
    })
    // at once, not after the run
    expect(names(events)).toEqual(['messagesChanged alice-peer [a1]', 'messageNotified alice-peer a1', 'typingChanged'])
    // and what it sent first is not sent again when the run ends
    await settle()
    expect(events).toHaveLength(3)
    // changes after it go out after it
    announcer.changed(ALICE, [message(ALICE, 'a2', 'o2')])
    await settle()
    expect(names(events).at(-1)).toBe('messagesChanged alice-peer [a2]')
    expect(events).toHaveLength(4)
  })

  it('sends the summaries of a turn once per conversation, after its messages, in the background', async () => {
    const s = setup()
    const { announcer, events } = s
    s.setConversation(ALICE, { lastOrder: 'o2', total: 2 })
    s.setConversation(BOB, { lastOrder: 'o1', total: 1 })
    const background = s.nextBackground()
    announcer.changed(ALICE, [message(ALICE, 'a1', 'o1')])
    announcer.changed(BOB, [message(BOB, 'b1', 'o1')])
    announcer.changed(ALICE, [message(ALICE, 'a2', 'o2')])
    await settle()
    announcer.changed(ALICE, [message(ALICE, 'a2', 'o2', { text: 'edited' })]) // a later microtask, the same turn
    await (
      await background
    ).done
    expect(s.backgroundStarted()).toBe(1)
    expect(names(events)).toEqual([
      'messagesChanged alice-peer [a1,a2]',
      'messagesChanged bob-peer [b1]',
      'messagesChanged alice-peer [a2]',
      'conversationChanged alice-peer a2',
      'conversationChanged bob-peer b1',
    ])
    // the newest message as last shown, with the conversation's counts; no history read was needed
    expect(summaries(events)[0]).toMatchObject({ conversationId: CONV_ID[ALICE], total: 2 })
    expect(summaries(events)[0]?.lastMessage?.text).toBe('edited')
    expect(s.reads).toEqual([])

    // a later turn: summaries again
    const again = s.nextBackground()
    announcer.changed(BOB, [])
    await (
      await again
    ).done
    expect(s.backgroundStarted()).toBe(2)
    expect(names(events).at(-1)).toBe('conversationChanged bob-peer b1')
    expect(summaries(events)).toHaveLength(3)
  })

  it('reads the newest message from the history only when the last shown one is not it', async () => {
    const s = setup()
    const { announcer } = s
    s.setConversation(ALICE, { lastOrder: 'o5', total: 5, unread: 2 })
    const stored = message(ALICE, 'a5', 'o5')
    s.history = () => Promise.resolve(stored)
    // nothing shown yet: read, then kept
    expect(await announcer.summary(ALICE)).toMatchObject({ lastMessage: stored, unread: 2, total: 5 })
    expect(await announcer.summary(ALICE)).toMatchObject({ lastMessage: stored })
    expect(s.reads).toEqual([ALICE])
    // a new version of it shown: the summary has that one, still without reading
    announcer.changed(ALICE, [message(ALICE, 'a5', 'o5', { reactions: { mine: '👍', theirs: null } })])
    expect((await announcer.summary(ALICE)).lastMessage?.reactions.mine).toBe('👍')
    expect(s.reads).toEqual([ALICE])
    // a newer message in the history that was never shown (e.g. the newest one removed): read again
    const newer = message(ALICE, 'a6', 'o6')
    s.setConversation(ALICE, { lastOrder: 'o6' })
    s.history = () => Promise.resolve(newer)
    expect((await announcer.summary(ALICE)).lastMessage).toEqual(newer)
    expect(s.reads).toEqual([ALICE, ALICE])
  })

  it('summarises an empty conversation with no last message', async () => {
    const s = setup()
    expect(await s.announcer.summary(BOB)).toMatchObject({
      conversationId: CONV_ID[BOB],
      peerId: BOB,
      lastMessage: null,
      total: 0,
    })
  })

  it('keeps our messages waiting for their acknowledgement, as last shown, until taken', () => {
    const { announcer } = setup()
    const mine = message(ALICE, 'm1', 'o1', { fromMe: true, state: 'sending' })
    announcer.changed(ALICE, [mine])
    const edited = { ...mine, text: 'edited while sending', editedAt: 2_000 }
    announcer.changed(ALICE, [edited])
    expect(announcer.takeAwaiting('m1')).toEqual(edited)
    // taken: forgotten
    expect(announcer.takeAwaiting('m1')).toBeUndefined()
  })

  it('keeps the last shown version of an awaited message even once it is no longer sending', () => {
    const { announcer } = setup()
    announcer.changed(ALICE, [message(ALICE, 'm1', 'o1', { fromMe: true, state: 'sending' })])
    const failed = message(ALICE, 'm1', 'o1', { fromMe: true, state: 'failed' })
    announcer.changed(ALICE, [failed])
    expect(announcer.takeAwaiting('m1')).toEqual(failed)
  })

  it('keeps nothing for theirs, or for ours that were never shown as sending', () => {
    const { announcer } = setup()
    announcer.changed(ALICE, [
      message(ALICE, 't1', 'o1'),
      message(ALICE, 'm1', 'o2', { fromMe: true, state: 'delivered' }),
      message(ALICE, 'm2', 'o3', { fromMe: true, state: 'read' }),
    ])
    expect(announcer.takeAwaiting('t1')).toBeUndefined()
    expect(announcer.takeAwaiting('m1')).toBeUndefined()
    expect(announcer.takeAwaiting('m2')).toBeUndefined()
    expect(announcer.takeAwaiting('never-seen')).toBeUndefined()
  })

  // Summaries of successive turns run as concurrent background work. One that has to read the history (nothing
  // shown yet, or the shown one is not the newest) can finish after the summary of a later turn that did not:
  // it must not be sent after it, nor put the older message back as the last shown.
  it('the last summary sent is the newest, even when an earlier one read the history for longer', async () => {
    const s = setup()
    const { announcer, events } = s
    s.setConversation(ALICE, { lastOrder: 'o1', total: 1 })
    let answer: (last: ChatMessage) => void = () => undefined
    s.history = () => new Promise((resolve) => (answer = resolve))
    // turn 1: an older message changes; none shown since unlocking is the newest: its summary reads the history
    const first = s.nextBackground()
    announcer.changed(ALICE, [message(ALICE, 'a0', 'o0')])
    const firstWork = (await first).done
    // turn 2: a new message, announced (so shown as the newest) while that read is still out
    s.setConversation(ALICE, { lastOrder: 'o2', total: 2 })
    const second = s.nextBackground()
    announcer.changed(ALICE, [message(ALICE, 'a2', 'o2')])
    await (
      await second
    ).done
    // the read answers with what was the newest when it started
    answer(message(ALICE, 'a1', 'o1'))
    await firstWork
    const last = summaries(events).at(-1)
    expect(last?.lastMessage?.id).toBe('a2')
    expect(last?.total).toBe(2)
  })

  it('makes one summary for every change before its tick (sent, delivered, the next one), from memory', async () => {
    const ticks: (() => void)[] = []
    const { announcer, events, reads, setConversation, nextBackground } = setup((run) => ticks.push(run))
    const sending = (id: string, order: string): ChatMessage =>
      message(ALICE, id, order, { fromMe: true, state: 'sending' })
    setConversation(ALICE, { lastOrder: 'o1' })
    announcer.changed(ALICE, [sending('m1', 'o1')])
    await settle()
    announcer.changed(ALICE, [{ ...sending('m1', 'o1'), state: 'delivered' }])
    await settle()
    setConversation(ALICE, { lastOrder: 'o2' })
    announcer.changed(ALICE, [sending('m2', 'o2')])
    await settle()
    expect(ticks).toHaveLength(1)
    expect(summaries(events)).toEqual([])
    const work = nextBackground()
    ticks[0]?.()
    await (
      await work
    ).done
    expect(summaries(events).map((s) => s.lastMessage?.id)).toEqual(['m2'])
    expect(reads).toEqual([])
  })
})
