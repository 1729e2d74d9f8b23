import type { ApiEvent, ChatMessage, ConversationSummary } from '../api/index.js'
import type { EventHub } from '../core/events.js'
import { toSummary, type ConversationRecord } from './records.js'

type Notification = Extract<ApiEvent, { name: 'messageNotified' }>['payload']

/**
 * What the UI is told about conversations. Messages changed in one run of
 * microtasks (a group commit settles hundreds of sends at once) go out as one
 * `messagesChanged` per conversation, and a notification only for the newest
 * message; both before any other event. Summaries go out at most once per
 * `scheduleSummaries` tick (a turn of the event loop by default; the service
 * waits a frame, so a burst of changes — sending, then delivered, then the
 * next message — costs one summary, off the path of the next write). The
 * last shown version of each message is kept where it saves a read: a
 * conversation's newest, and ours waiting for their acknowledgement.
 */
export interface Announcer {
  /** Messages to show (new ones, or new versions). */
  changed(peerId: string, messages: readonly ChatMessage[]): void
  /** A message to notify about; of several in one run, the newest per conversation. */
  notify(notification: Notification): void
  /** Any other event, after the changes announced before it. */
  readonly emit: (event: ApiEvent) => void
  /** The conversation's summary as it is now. */
  readonly summary: (peerId: string) => Promise<ConversationSummary>
  /** Our message as last shown while it waits for its acknowledgement, now forgotten. */
  takeAwaiting(messageId: string): ChatMessage | undefined
}

export interface AnnouncerOptions {
  readonly events: EventHub
  readonly conversation: (peerId: string) => ConversationRecord
  /** The time now (a mute for a while is over once it passes). */
  readonly now: () => number
  /** The newest message of a conversation, read from the history. */
  readonly lastMessage: (peerId: string, conv: ConversationRecord) => Promise<ChatMessage | null>
  readonly inBackground: (work: () => Promise<unknown>) => void
  /** When the summaries due are made and sent; default: the next turn of the event loop. */
  readonly scheduleSummaries?: (run: () => void) => void
}

export function createAnnouncer(options: AnnouncerOptions): Announcer {
  const { events, conversation } = options
  const lastShown = new Map<string, ChatMessage>()
  const awaitingAck = new Map<string, ChatMessage>()
  const changesDue = new Map<string, Map<string, ChatMessage>>()
  const notificationsDue = new Map<string, Notification>()
  const summariesDue = new Set<string>()

  const flush = (): void => {
    for (const [peerId, due] of changesDue) {
      events.emit({
        name: 'messagesChanged',
        payload: { conversationId: conversation(peerId).id, peerId, messages: [...due.values()] },
      })
    }
    changesDue.clear()
    for (const payload of notificationsDue.values()) events.emit({ name: 'messageNotified', payload })
    notificationsDue.clear()
  }
  const flushSoon = (): void => {
    if (changesDue.size === 0 && notificationsDue.size === 0) queueMicrotask(flush)
  }
  const emit = (event: ApiEvent): void => {
    flush()
    events.emit(event)
  }

  const summary = async (peerId: string): Promise<ConversationSummary> => {
    const conv = conversation(peerId)
    let last = lastShown.get(peerId)
    if (last?.order !== conv.lastOrder) {
      last = (await options.lastMessage(peerId, conv)) ?? undefined
      // remembered only if nothing newer came meanwhile
      if (conversation(peerId).lastOrder === conv.lastOrder) {
        if (last === undefined) lastShown.delete(peerId)
        else lastShown.set(peerId, last)
      }
    }
    return toSummary(conv, last ?? null, options.now())
  }
  /** Per conversation, the turn of the newest summary sent: one that took longer to read is not sent after it. */
  const summarySent = new Map<string, number>()
  let summaryTurn = 0
  const schedule = options.scheduleSummaries ?? ((run: () => void): void => void setImmediate(run))
  const summaryDue = (peerId: string): void => {
    if (summariesDue.size === 0) {
      schedule(() => {
        const due = [...summariesDue]
        summariesDue.clear()
        const turn = ++summaryTurn
        options.inBackground(async () => {
          for (const p of due) {
            const payload = await summary(p)
            if ((summarySent.get(p) ?? 0) > turn) continue
            summarySent.set(p, turn)
            emit({ name: 'conversationChanged', payload })
          }
        })
      })
    }
    summariesDue.add(peerId)
  }

  return {
    changed(peerId, messages) {
      for (const message of messages) {
        if (message.fromMe && message.state === 'sending') awaitingAck.set(message.id, message)
        else if (awaitingAck.has(message.id)) awaitingAck.set(message.id, message)
      }
      const last = lastShown.get(peerId)
      const lastOrder = conversation(peerId).lastOrder
      for (const message of messages) {
        if (message.order === lastOrder || message.id === last?.id) lastShown.set(peerId, message)
      }
      if (messages.length > 0) {
        flushSoon()
        let due = changesDue.get(peerId)
        if (due === undefined) {
          due = new Map()
          changesDue.set(peerId, due)
        }
        for (const message of messages) {
          due.delete(message.id) // the latest version, last
          due.set(message.id, message)
        }
      }
      summaryDue(peerId)
    },
    notify(notification) {
      flushSoon()
      notificationsDue.set(notification.peerId, notification)
    },
    emit,
    summary,
    takeAwaiting(messageId) {
      const shown = awaitingAck.get(messageId)
      awaitingAck.delete(messageId)
      return shown
    },
  }
}
