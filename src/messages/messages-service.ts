import { ApiFailure, type ApiEvent, type ChatMessage, type ConversationSummary } from '../api/index.js'
import type { UnlockedAccount } from '../accounts/account-manager.js'
import type { ContactsService } from '../contacts/contacts-service.js'
import { utf8 } from '../crypto/bytes.js'
import { createBackgroundWork } from '../core/background.js'
import type { Clock } from '../core/clock.js'
import type { EventHub } from '../core/events.js'
import type { Logger } from '../core/logger.js'
import { createPeerLink, type InboundLimits } from '../delivery/peer-link.js'
import type { OutEntry, Outbox } from '../delivery/types.js'
import type { Sessions } from '../sessions/sessions.js'
import type { CommitOp } from '../store/committer.js'
import { MAX_RESEND_RANGE, applyReceived } from './apply-content.js'
import { createAnnouncer } from './announcer.js'
import { loadConversations } from './conversations.js'
import { DM_CHANNEL, createDmDelivery, dmMetaOf } from './dm-delivery.js'
import { createGapRepair } from './gap-repair.js'
import { contentAgain } from './resend.js'
import {
  findMessage,
  type HistoryReader,
  lastMessage,
  msgPrefix,
  parseMessage,
  present,
  readContext,
  readPage,
} from './history.js'
import { ORDER_KEY_PATTERN } from './ids.js'
import { TypingIndicators } from './typing.js'
import { createMuteTimers } from './mute-timers.js'
import { stateOf, type MessageRecord } from './records.js'
import { loadMessagingSettings } from './messaging-settings.js'
import { createMessageSearch } from './message-search.js'
import { ownMessages } from './own-messages.js'
import type { MessagesService } from './service-types.js'
import { Content } from '../generated/dm.js'

export type { InboundLimits } from '../delivery/peer-link.js'
export { DEFAULT_INBOUND_LIMITS } from '../delivery/peer-link.js'

export interface MessagesServiceOptions {
  readonly account: UnlockedAccount
  readonly contacts: ContactsService
  /** The account's one outbox (shared with contact messages). */
  readonly outbox: Outbox
  readonly sessions: Sessions
  readonly events: EventHub
  readonly clock: Clock
  readonly logger: Logger
  /** Inbound limits per contact; tests lower them. */
  readonly limits?: Partial<InboundLimits>
}

const TYPING_TIMEOUT_MS = 6_000
/** A gap in their numbers is asked for only if it is still there after this long. */
const GAP_GRACE_MS = 2_000
/** Conversation summaries wait this long (a frame) for more changes, and go out once for all of them. */
const SUMMARY_COALESCE_MS = 16

const json = (value: unknown): Uint8Array => utf8(JSON.stringify(value))

/**
 * Direct messages of one unlocked account (docs/PROTOCOL.md §7): the commands,
 * and what a received content does. Sealing, sending, receiving and
 * acknowledging are in dm-delivery.ts; streams in the peer link.
 */
export async function createMessagesService(options: MessagesServiceOptions): Promise<MessagesService> {
  const { account, contacts, events, clock, outbox } = options
  const store = account.store
  const log = options.logger
  const self = account.identity.peerId
  const convs = await loadConversations(store, self, log)
  for (const contact of contacts.list()) convs.blind(contact.peerId)
  const typingShown = new TypingIndicators(events, clock, TYPING_TIMEOUT_MS, (peerId) => convs.get(peerId).id)
  /** A gap in their numbers: ask them once to send the missing ones again. */
  const gaps = createGapRepair({
    clock,
    graceMs: GAP_GRACE_MS,
    maxRange: MAX_RESEND_RANGE,
    position: (peerId) => {
      const conv = convs.get(peerId)
      return { applied: conv.recvSeq, firstAhead: conv.ahead[0] }
    },
    ask: (peerId, from, upTo) => {
      log.info('asking a contact to resend missing messages', { count: upTo - from + 1 })
      inBackground(() => enqueue(peerId, { kind: Content.Kind.RESEND, sequenced: false, from, upTo }))
    },
  })
  const prefs = await loadMessagingSettings(store)
  let stopped = false
  const background = createBackgroundWork(log, 'message')
  const inBackground = (work: () => Promise<unknown>): void => {
    if (!stopped) background.run(work)
  }

  const reader: HistoryReader = {
    store,
    view: convs.view,
    showRead: () => prefs.current().readReceipts,
    isSending: (peerId, id) => outbox.isPending(DM_CHANNEL, peerId, id),
  }
  const announcer = createAnnouncer({
    events,
    conversation: (peerId) => convs.get(peerId),
    now: () => clock.now(),
    lastMessage: (peerId, conv) => lastMessage(reader, convs.blind(peerId), conv),
    inBackground,
    scheduleSummaries: (run) => {
      clock.setTimeout(run, SUMMARY_COALESCE_MS)
    },
  })
  const { emit, summary } = announcer
  const muteEnds = createMuteTimers(clock, (peerId) => {
    inBackground(async () => {
      emit({ name: 'conversationChanged', payload: await summary(peerId) })
    })
  })
  const announce = (peerId: string, messages: readonly ChatMessage[]): void => {
    announcer.changed(peerId, messages)
  }

  const requireContact = (peerId: string): void => {
    if (contacts.sessionKeys(peerId) === undefined) {
      throw new ApiFailure('NOT_FOUND', 'messages go only to contacts (and not blocked ones)')
    }
  }

  /** Ours acknowledged, or refused for good: shown as delivered (or failed), from what was last shown where possible. */
  const settled = async (peerId: string, entries: readonly OutEntry[], failed: boolean): Promise<void> => {
    const c = convs.blind(peerId)
    const ops: CommitOp[] = []
    const changed: { order: string; record: MessageRecord }[] = []
    const conv = convs.get(peerId)
    const shownNow: ChatMessage[] = []
    const found = await Promise.all(
      entries.map(async (entry) => {
        if (entry.tag === null) return undefined
        // as last shown (no read needed), unless it is refused or shown from disk after a restart
        const shown = announcer.takeAwaiting(entry.tag)
        if (shown !== undefined && !failed) {
          if (!outbox.isPending(DM_CHANNEL, peerId, shown.id)) {
            const own = { fromMe: shown.fromMe, failed: false, seq: shown.seq }
            shownNow.push({ ...shown, state: stateOf(own, conv, prefs.current().readReceipts, false) })
          }
          return undefined
        }
        const { order } = dmMetaOf(entry)
        if (order === null) return findMessage(convs.view, c, entry.tag)
        const bytes = await convs.view.get(msgPrefix(c) + order)
        return bytes === undefined ? undefined : { order, record: parseMessage(bytes) }
      }),
    )
    for (const message of found) {
      if (message === undefined) continue
      // delivered = no longer in the outbox: only a refusal changes the record
      const record = failed ? { ...message.record, failed: true } : message.record
      if (failed) ops.push({ type: 'put', key: msgPrefix(c) + message.order, value: json(record) })
      changed.push({ order: message.order, record })
    }
    if (ops.length > 0) await convs.tracked(ops, () => convs.committer.commit(ops))
    announce(peerId, [
      ...shownNow,
      ...(await Promise.all(changed.map((m) => present(reader, c, conv, m.order, m.record)))),
    ])
  }

  /** What one decrypted content does to the conversation, and what follows once it is on disk. */
  const applyContent = async (
    peerId: string,
    plaintext: Uint8Array,
  ): Promise<{ ops: CommitOp[]; after: () => void; acked: readonly string[] | null }> => {
    const c = convs.blind(peerId)
    const applied = await applyReceived(
      {
        store,
        view: convs.view,
        self,
        peerId,
        conv: c,
        conversation: convs.get(peerId),
        now: clock.now(),
        showRead: prefs.current().readReceipts,
      },
      plaintext,
    )
    if (applied === undefined) return { ops: [], after: () => undefined, acked: null }
    const { conversation: conv, changed, notify, resend: wanted, acked } = applied
    if (acked !== null) return { ops: [], after: () => undefined, acked }
    convs.set(peerId, conv)
    return {
      ops: applied.ops,
      acked: null,
      after: () => {
        for (const m of changed) search.index(peerId, m.record)
        const notification =
          notify === null
            ? null
            : {
                conversationId: conv.id,
                peerId,
                messageId: changed[0]?.record.id ?? '',
                // the text leaves the core only for a notification that shows it
                preview: prefs.current().notificationContent === 'senderAndText' ? notify : '',
              }
        if (changed.length > 0 || applied.ops.length > 0) {
          // the message and its notification go out together, in one flush (the message first)
          inBackground(async () => {
            announce(peerId, await Promise.all(changed.map((m) => present(reader, c, conv, m.order, m.record))))
            if (notification !== null) announcer.notify(notification)
          })
        } else if (notification !== null) {
          announcer.notify(notification)
        }
        if (changed.some((m) => !m.record.fromMe)) typingShown.stop(peerId)
        if (wanted !== null) inBackground(() => resend(peerId, wanted.from, wanted.to))
        gaps.noticed(peerId)
      },
    }
  }

  /** They miss some of our numbers: encrypt those contents again (same IDs) and send them. */
  const resend = async (peerId: string, from: number, to: number): Promise<void> => {
    const input = {
      store,
      view: convs.view,
      self,
      peerId,
      conv: convs.blind(peerId),
      sendSeq: convs.get(peerId).sendSeq,
    }
    for (let seq = from; seq <= to; seq++) {
      const plaintext = await contentAgain({ ...input, now: clock.now() }, seq)
      if (plaintext === undefined) continue
      await enqueue(peerId, { kind: Content.Kind.TEXT, sequenced: true, replay: { plaintext, seq } })
    }
  }

  const link = createPeerLink({
    clock,
    logger: log,
    outbox,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    accepts: (peerId) => !stopped && contacts.sessionKeys(peerId) !== undefined,
    onEnvelope: (peerId, envelope, frame) => delivery.receive(peerId, envelope, frame),
    onAck: (peerId, ack) => {
      void delivery.onAck(peerId, ack)
    },
    onTyping: (peerId, typing) => {
      if (prefs.current().typingIndicators) typingShown.set(peerId, typing)
    },
  })
  const delivery = createDmDelivery({
    conversations: convs,
    sessions: options.sessions,
    outbox,
    link: () => link,
    clock,
    logger: log,
    keysOf: (peerId) => contacts.sessionKeys(peerId),
    forgetOneTimePrekey: (peerId) => contacts.forgetOneTimePrekey(peerId),
    applyContent,
    settled,
    resend: (peerId, seq) => resend(peerId, seq, seq),
    inBackground,
  })
  const enqueue = delivery.enqueue.bind(delivery)
  outbox.register(delivery.channel)
  await outbox.load(DM_CHANNEL, (c) => convs.peerOfBlind(c))

  const search = createMessageSearch(convs, reader, () => stopped, {
    marks: convs.searchMarks,
    clock,
    logger: log,
    inBackground,
  })
  const own = ownMessages({
    convs,
    clock,
    reader,
    search,
    enqueue,
    announce,
    forgetShown: (id) => {
      announcer.takeAwaiting(id)
    },
    emit,
  })

  const service: MessagesService = {
    ...own,
    async attach(next) {
      await link.attach(next)
      if (next === undefined || stopped) return
      inBackground(async () => {
        await delivery.processInbox()
        outbox.kick()
      })
    },

    async listConversations() {
      const out: ConversationSummary[] = []
      for (const peerId of convs.peers()) {
        const s = await summary(peerId)
        if (s.total > 0 || s.draft !== '' || s.lastMessage !== null) out.push(s)
      }
      return out.sort((a, b) => b.updatedAt - a.updatedAt)
    },

    async getMessages(peerId, page) {
      for (const bound of [page.before, page.after]) {
        if (bound !== undefined && !ORDER_KEY_PATTERN.test(bound)) {
          throw new ApiFailure('INVALID_ARGUMENTS', 'not a message order key')
        }
      }
      return readPage(reader, convs.blind(peerId), convs.get(peerId), { ...page, limit: page.limit ?? 50 })
    },

    async getMessageContext(peerId, id, limit) {
      const found = await findMessage(convs.view, convs.blind(peerId), id)
      if (found === undefined) throw new ApiFailure('NOT_FOUND', 'no such message')
      return readContext(reader, convs.blind(peerId), convs.get(peerId), found, limit)
    },

    search: (query, peerId) => search.search(query, peerId),

    async markRead(peerId) {
      const { upTo, changed } = await convs.serially(peerId, async () => {
        const conv = convs.get(peerId)
        const upTo = Math.max(conv.recvSeq, conv.ahead.at(-1) ?? 0)
        if (conv.unread === 0 && upTo <= conv.readUpTo) return { upTo, changed: false }
        const next = { ...conv, unread: 0, readUpTo: Math.max(conv.readUpTo, upTo) }
        convs.set(peerId, next)
        await convs.committer.commit([convs.put(peerId)])
        return { upTo, changed: upTo > conv.readUpTo }
      })
      if (changed && prefs.current().readReceipts && contacts.sessionKeys(peerId) !== undefined) {
        inBackground(() => enqueue(peerId, { kind: Content.Kind.READ, sequenced: false, upTo }))
      }
      const s = await summary(peerId)
      emit({ name: 'conversationChanged', payload: s })
      return s
    },

    async setTyping(peerId, typing) {
      requireContact(peerId)
      if (prefs.current().typingIndicators) link.typing(peerId, typing)
      return Promise.resolve()
    },

    async setDraft(peerId, draft) {
      requireContact(peerId)
      await convs.serially(peerId, async () => {
        const next = { ...convs.get(peerId), draft, draftAt: clock.now() }
        convs.set(peerId, next)
        await convs.committer.commit([convs.put(peerId)])
      })
      emit({ name: 'conversationChanged', payload: await summary(peerId) })
    },

    async setMuted(peerId, muted, forMinutes) {
      requireContact(peerId)
      const mutedUntil = muted && forMinutes !== undefined ? clock.now() + forMinutes * 60_000 : null
      await convs.serially(peerId, async () => {
        const next = { ...convs.get(peerId), muted, mutedUntil }
        convs.set(peerId, next)
        await convs.committer.commit([convs.put(peerId)])
      })
      muteEnds.set(peerId, mutedUntil)
      const s = await summary(peerId)
      emit({ name: 'conversationChanged', payload: s })
      return s
    },

    settings: () => prefs.current(),
    setSettings: (next) => prefs.change(next),

    onNetworkEvent(event: ApiEvent) {
      if (event.name === 'peerConnected') outbox.connected(event.payload.peerId)
      if (event.name === 'peerDisconnected') typingShown.stop(event.payload.peerId)
      // someone unblocked or added again: what waited for them may go now
      if (event.name === 'contactsChanged') outbox.kick()
    },

    async stop() {
      // what was stored is acknowledged before the streams go
      await delivery.settle()
      stopped = true
      typingShown.clear()
      gaps.stop()
      muteEnds.stop()
      await link.stop()
      await background.stop()
      await convs.idle()
      await convs.keeper.idle()
      await convs.committer.idle()
    },
  }
  return service
}
