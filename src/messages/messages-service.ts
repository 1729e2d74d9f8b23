import { peerIdFromString } from '@libp2p/peer-id'
import type { Stream } from '@libp2p/interface'
import type { Libp2p } from 'libp2p'
import {
  ApiFailure,
  MESSAGE_TEXT_MAX,
  SEARCH_RESULTS_MAX,
  type ApiEvent,
  type ChatMessage,
  type ConversationSummary,
  type MessagingSettings,
} from '../api/index.js'
import type { UnlockedAccount } from '../accounts/account-manager.js'
import type { ContactsService } from '../contacts/contacts-service.js'
import { oneTimePrekeyRecord, oneTimePrekeySecret, signedPrekeySecret } from '../contacts/prekeys.js'
import { fromBase64, owned, toBase64, toHex, utf8 } from '../crypto/bytes.js'
import { createBackgroundWork } from '../core/background.js'
import type { Clock } from '../core/clock.js'
import type { EventHub } from '../core/events.js'
import type { Logger } from '../core/logger.js'
import { DuplicateMessageError, type X3dhIdentity } from '../signal/index.js'
import type { StoreOp } from '../store/sealed-store.js'
import { MAX_RESEND_RANGE, applyReceived, encodeContent } from './apply-content.js'
import { createAnnouncer } from './announcer.js'
import { createCommitter, createUnsettled, type CommitOp } from './committer.js'
import { createGapRepair } from './gap-repair.js'
import { greetContacts } from './greet-contacts.js'
import { contentAgain, sentKey } from './resend.js'
import { DM_PROTOCOL, decodeFrame, serveDmStream, type EnvelopeOutcome } from './dm-protocol.js'
import {
  findMessage,
  idKey,
  type HistoryReader,
  lastMessage,
  msgPrefix,
  parseMessage,
  searchFieldsOf,
  present,
  readContext,
  readPage,
} from './history.js'
import { dmConversationId, messageId, orderKey, ORDER_KEY_PATTERN } from './ids.js'
import { RateLimiter, TypingIndicators } from './flow-control.js'
import { createLinks, type OutItem, type Refused } from './links.js'
import {
  conversationRecordSchema,
  newConversation,
  newMessageRecord,
  outboxRecordSchema,
  sessionSetSchema,
  settingsSchema,
  stateOf,
  type ConversationRecord,
  type MessageRecord,
  type SessionSet,
} from './records.js'
import { createSearchIndex, type SearchDocument, type SearchIndex } from './search-index.js'
import {
  EMPTY_SESSIONS,
  EnvelopeRefusedError,
  NoSessionError,
  checkEnvelope,
  decryptFrom,
  encryptFor,
  type OurPrekeys,
} from './sessions.js'
import type { MessagesService } from './service-types.js'
import { Content, Envelope, Refusal } from '../generated/dm.js'

export interface MessagesServiceOptions {
  readonly account: UnlockedAccount
  readonly contacts: ContactsService
  readonly events: EventHub
  readonly clock: Clock
  readonly logger: Logger
  /** Inbound limits per contact; tests lower them. */
  readonly limits?: Partial<InboundLimits>
}

export interface InboundLimits {
  /** Streams a contact may open at once, and how many more per second after. */
  readonly streamBurst: number
  readonly streamsPerSecond: number
  /** Envelopes a contact may send in a burst, and per second after. */
  readonly envelopeBurst: number
  readonly envelopesPerSecond: number
}

export const DEFAULT_INBOUND_LIMITS: InboundLimits = {
  streamBurst: 30,
  streamsPerSecond: 0.5,
  envelopeBurst: 20_000,
  envelopesPerSecond: 5_000,
}

const TYPING_TIMEOUT_MS = 6_000
/** A gap in their numbers is asked for only if it is still there after this long. */
const GAP_GRACE_MS = 2_000
/** Refusals that mean their device lost the session, not that the envelope is bad. */
const RECOVERABLE: ReadonlySet<Refusal.Code> = new Set([
  Refusal.Code.UNKNOWN_SESSION,
  Refusal.Code.AUTHENTICATION_FAILED,
])
const DEFAULT_SETTINGS: MessagingSettings = { readReceipts: true, typingIndicators: true }
const SETTINGS_RECORD = 'dm/settings'

const json = (value: unknown): Uint8Array => utf8(JSON.stringify(value))
const parseJson = (bytes: Uint8Array): unknown => JSON.parse(Buffer.from(bytes).toString('utf8'))
const seq12 = (n: number): string => String(n).padStart(12, '0')

export async function createMessagesService(options: MessagesServiceOptions): Promise<MessagesService> {
  const { account, contacts, events, clock } = options
  const store = account.store
  const log = options.logger
  const self = account.identity.peerId
  const identity: X3dhIdentity = {
    peerId: self,
    agreementSecret: account.identity.agreementSecret,
    agreementPublic: account.identity.agreementPublic,
  }
  const limits = { ...DEFAULT_INBOUND_LIMITS, ...options.limits }
  const committer = createCommitter(store)
  /** Raw envelopes as they arrive: grouped too, not synced (their result is, before any ack). */
  const keeper = createCommitter(store, { sync: false })
  const convs = new Map<string, ConversationRecord>()
  const sessionSets = new Map<string, SessionSet>()
  const locks = new Map<string, Promise<unknown>>()
  const streamLimit = new RateLimiter(limits.streamBurst, limits.streamsPerSecond)
  const envelopeLimit = new RateLimiter(limits.envelopeBurst, limits.envelopesPerSecond)
  const typingShown = new TypingIndicators(events, clock, TYPING_TIMEOUT_MS, (peerId) => dmConversationId(self, peerId))
  /** A gap in their numbers: ask them once to send the missing ones again. */
  const gaps = createGapRepair({
    clock,
    graceMs: GAP_GRACE_MS,
    maxRange: MAX_RESEND_RANGE,
    position: (peerId) => {
      const conv = conversation(peerId)
      return { applied: conv.recvSeq, firstAhead: conv.ahead[0] }
    },
    ask: (peerId, from, upTo) => {
      log.info('asking a contact to resend missing messages', { count: upTo - from + 1 })
      inBackground(() => enqueue(peerId, { kind: Content.Kind.RESEND, sequenced: false, from, upTo }))
    },
  })
  let settings: MessagingSettings = DEFAULT_SETTINGS
  let search: SearchIndex | undefined
  /** The search index being filled from the store (once per unlock, at the first search). */
  let searchFilled: Promise<void> | undefined
  let node: Libp2p | undefined
  let stopped = false
  const background = createBackgroundWork(log, 'message')
  const inbound = new Set<Stream>()
  const closeInbound = (): void => {
    for (const stream of inbound) stream.abort(new Error('closing'))
    inbound.clear()
  }

  const blinded = new Map<string, string>()
  const cv = (peerId: string): string => {
    let c = blinded.get(peerId)
    if (c === undefined) {
      c = store.blind(peerId)
      blinded.set(peerId, c)
    }
    return c
  }
  const convKey = (peerId: string): string => `dm/conv/${cv(peerId)}`
  const unsettled = createUnsettled(store, (key) => key.startsWith('dm/msg/') || key.startsWith('dm/id/'))
  const view = unsettled.view
  const tracked = (ops: readonly CommitOp[], issue: () => Promise<void>): Promise<void> => unsettled.tracked(ops, issue)
  const reader: HistoryReader = {
    store,
    view,
    showRead: () => settings.readReceipts,
    isSending: (peerId, messageId) => links.isPending(peerId, messageId),
  }

  const inBackground = (work: () => Promise<unknown>): void => {
    if (!stopped) background.run(work)
  }

  /** Work on one conversation runs one step at a time, in call order. */
  const withConv = <T>(peerId: string, step: () => Promise<T>): Promise<T> => {
    const previous = locks.get(peerId) ?? Promise.resolve()
    const next = previous.then(step, step)
    const tail = next.catch(() => undefined)
    locks.set(peerId, tail)
    void tail.then(() => {
      if (locks.get(peerId) === tail) locks.delete(peerId)
    })
    return next
  }

  // ── load what is stored ──
  const savedSettings = settingsSchema.safeParse(await store.getJson(SETTINGS_RECORD))
  if (savedSettings.success) settings = savedSettings.data
  for await (const [, value] of store.entries('dm/conv/')) {
    const parsed = conversationRecordSchema.safeParse(parseJson(value))
    if (parsed.success) {
      const { peerId } = parsed.data
      convs.set(peerId, { ...parsed.data, id: parsed.data.id ?? dmConversationId(self, peerId) })
    } else log.warn('skipping an unreadable conversation record')
  }
  const byBlind = new Map([...convs.keys()].map((peerId) => [cv(peerId), peerId]))

  const conversation = (peerId: string): ConversationRecord =>
    convs.get(peerId) ?? newConversation(dmConversationId(self, peerId), peerId)

  const sessionsOf = async (peerId: string): Promise<SessionSet> => {
    const cached = sessionSets.get(peerId)
    if (cached !== undefined) return cached
    const stored = await store.getJson(`dm/session/${cv(peerId)}`)
    const parsed = stored === undefined ? undefined : sessionSetSchema.safeParse(stored)
    if (parsed !== undefined && !parsed.success) log.warn('an unreadable session record was replaced')
    const set = parsed?.success === true ? parsed.data : EMPTY_SESSIONS
    sessionSets.set(peerId, set)
    return set
  }

  /** The conversation record as it is now, serialised only if written. */
  const latestConv = (peerId: string): (() => Uint8Array) => {
    const record = conversation(peerId)
    return () => json(record)
  }

  const announcer = createAnnouncer({
    events,
    conversation,
    lastMessage: (peerId, conv) => lastMessage(reader, cv(peerId), conv),
    inBackground,
  })
  const { emit, summary } = announcer
  const announce = (peerId: string, messages: readonly ChatMessage[]): void => {
    announcer.changed(peerId, messages)
  }
  const ownRecordOf = (shown: ChatMessage): Pick<MessageRecord, 'fromMe' | 'failed' | 'seq'> => ({
    fromMe: shown.fromMe,
    failed: shown.state === 'failed',
    seq: shown.seq,
  })

  const indexMessage = (peerId: string, record: MessageRecord): void => {
    if (search === undefined) return
    const message = { conv: cv(peerId), fromMe: record.fromMe, seq: record.seq }
    if (record.deleted) search.remove(message)
    else search.put({ ...message, text: record.text })
  }

  /** Every message in the history, for the search index. */
  async function* storedDocuments(): AsyncIterable<SearchDocument> {
    for (const p of [...convs.keys()]) {
      const c = cv(p)
      for await (const [, value] of store.entries(msgPrefix(c))) {
        if (stopped) return
        const record = searchFieldsOf(value)
        if (record !== undefined && !record.deleted) {
          yield { conv: c, fromMe: record.fromMe, seq: record.seq, text: record.text }
        }
      }
    }
  }

  const requireContact = (peerId: string): NonNullable<ReturnType<ContactsService['sessionKeys']>> => {
    const keys = contacts.sessionKeys(peerId)
    if (keys === undefined) throw new ApiFailure('NOT_FOUND', 'messages go only to contacts (and not blocked ones)')
    return keys
  }

  // ── sending: encrypt, write outbox + ratchet + history in one batch, then transmit ──
  const links = createLinks({
    self,
    clock,
    logger: log,
    dial: async (peerId, signal) => {
      if (node === undefined) throw new Error('not running')
      return node.dialProtocol(peerIdFromString(peerId), DM_PROTOCOL, { signal })
    },
    onStored: (peerId, items) => onDelivered(peerId, items, false),
    onRefused: (peerId, refused) => onRefused(peerId, refused),
    isStopped: () => stopped || node === undefined,
    canSend: (peerId) => contacts.sessionKeys(peerId) !== undefined,
    isConnected: (peerId) => (node?.getConnections(peerIdFromString(peerId)).length ?? 0) > 0,
  })

  interface Outgoing {
    readonly kind: Content.Kind
    readonly text?: string
    readonly target?: Uint8Array
    readonly reaction?: string
    readonly upTo?: number
    readonly from?: number
    /** Sequenced content (text, edit, delete, reaction) takes the next number and is kept for resends. */
    readonly sequenced: boolean
    /** History changes that land in the same batch. */
    readonly apply?: (conv: ConversationRecord, seq: number, sentAt: number, id: string) => Promise<StoreOp[]>
    /** An already-encoded content to send again (a resend): keeps its number and time. */
    readonly replay?: { readonly plaintext: Uint8Array; readonly seq: number }
  }

  const enqueue = (peerId: string, outgoing: Outgoing): Promise<{ id: string | null; seq: number }> => {
    const keys = requireContact(peerId)
    let written!: Promise<void>
    const step = withConv(peerId, async () => {
      const conv = conversation(peerId)
      const now = clock.now()
      const seq = outgoing.replay?.seq ?? (outgoing.sequenced ? conv.sendSeq + 1 : 0)
      const sentAt = Math.max(now, conv.lastSentAt)
      const id = seq === 0 ? null : messageId(self, peerId, seq)
      const plaintext =
        outgoing.replay?.plaintext ??
        encodeContent({
          kind: outgoing.kind,
          seq: BigInt(seq),
          sentAt: BigInt(sentAt),
          text: outgoing.text ?? '',
          target: owned(outgoing.target ?? new Uint8Array(0)),
          reaction: outgoing.reaction ?? '',
          upTo: BigInt(outgoing.upTo ?? 0),
          from: BigInt(outgoing.from ?? 0),
        })
      let encrypted
      try {
        encrypted = encryptFor(await sessionsOf(peerId), identity, keys, plaintext, now)
      } catch (err) {
        if (err instanceof NoSessionError) throw new ApiFailure('REFUSED', err.message)
        throw err
      }
      const c = cv(peerId)
      const outKey = `dm/out/${c}/${seq12(conv.outCounter + 1)}`
      const envelopeBytes = Envelope.encode(encrypted.envelope)
      const next: ConversationRecord = {
        ...conv,
        outCounter: conv.outCounter + 1,
        ...(outgoing.sequenced && outgoing.replay === undefined ? { sendSeq: seq, lastSentAt: sentAt } : {}),
      }
      const history = outgoing.apply === undefined || id === null ? [] : await outgoing.apply(next, seq, sentAt, id)
      // where a new text of ours sits in the history, to mark it delivered without a lookup
      const shownAt =
        outgoing.kind === Content.Kind.TEXT && outgoing.replay === undefined
          ? orderKey(sentAt, self, peerId, seq)
          : null
      const ops: CommitOp[] = [
        ...history,
        { type: 'put', key: `dm/session/${c}`, value: () => json(encrypted.sessions) },
        {
          type: 'put',
          key: outKey,
          value: json({
            v: 1,
            envelopeId: toHex(encrypted.envelopeId),
            envelope: toBase64(envelopeBytes),
            messageId: outgoing.kind === Content.Kind.TEXT ? id : null,
            order: shownAt,
            seq,
            createdAt: now,
          }),
        },
        // edits, deletes and reactions are kept as sent, for resends; a text is rebuilt from the history
        ...(outgoing.sequenced && outgoing.replay === undefined && outgoing.kind !== Content.Kind.TEXT
          ? [{ type: 'put' as const, key: sentKey(c, seq), value: plaintext }]
          : []),
      ]
      const updated = convs.get(peerId) ?? next // `apply` may have updated the record
      const final = { ...updated, outCounter: next.outCounter, sendSeq: next.sendSeq, lastSentAt: next.lastSentAt }
      ops.push({ type: 'put', key: convKey(peerId), value: () => json(final) })
      convs.set(peerId, final)
      byBlind.set(c, peerId)
      sessionSets.set(peerId, encrypted.sessions)
      written = tracked(ops, () => committer.commit(ops))
      const item: OutItem = {
        key: outKey,
        envelopeId: toHex(encrypted.envelopeId),
        frame: envelopeBytes,
        messageId: outgoing.kind === Content.Kind.TEXT ? id : null,
        order: shownAt,
        seq,
        ready: written,
      }
      links.push(peerId, item)
      if (encrypted.usedOneTimePrekey) inBackground(() => written.then(() => contacts.forgetOneTimePrekey(peerId)))
      return { id, seq }
    })
    return step.then(async (result) => {
      await written
      return result
    })
  }

  const onDelivered = async (peerId: string, items: readonly OutItem[], failed: boolean): Promise<void> => {
    const c = cv(peerId)
    const ops: StoreOp[] = items.map((item) => ({ type: 'del', key: item.key }))
    const changed: { order: string; record: MessageRecord }[] = []
    const conv = conversation(peerId)
    const shownNow: ChatMessage[] = []
    const found = await Promise.all(
      items.map(async (item) => {
        if (item.messageId === null) return undefined
        // as last shown (no read needed), unless it is refused or shown from disk after a restart
        const shown = announcer.takeAwaiting(item.messageId)
        if (shown !== undefined && !failed) {
          if (!links.isPending(peerId, shown.id))
            shownNow.push({ ...shown, state: stateOf(ownRecordOf(shown), conv, settings.readReceipts, false) })
          return undefined
        }
        if (item.order === null) return findMessage(view, c, item.messageId)
        const bytes = await view.get(msgPrefix(c) + item.order)
        return bytes === undefined ? undefined : { order: item.order, record: parseMessage(bytes) }
      }),
    )
    for (const message of found) {
      if (message === undefined) continue
      // delivered = no longer in the outbox: only a refusal changes the record
      const record = failed ? { ...message.record, failed: true } : message.record
      if (failed) ops.push({ type: 'put', key: msgPrefix(c) + message.order, value: json(record) })
      changed.push({ order: message.order, record })
    }
    await tracked(ops, () => committer.commit(ops))
    announce(peerId, [
      ...shownNow,
      ...(await Promise.all(changed.map((m) => present(reader, c, conv, m.order, m.record)))),
    ])
  }

  /**
   * Envelopes their device can no longer read — it lost the session (a restored
   * backup, a reinstall): start a new session and send those contents again,
   * once. Anything else refused for good is marked failed.
   */
  const onRefused = async (peerId: string, refused: readonly Refused[]): Promise<void> => {
    const again = refused.filter(
      (r) => RECOVERABLE.has(r.code) && r.item.seq > 0 && !resentInNewSession.has(`${peerId}/${String(r.item.seq)}`),
    )
    const failed = refused.filter((r) => !again.includes(r)).map((r) => r.item)
    if (again.length > 0) {
      await withConv(peerId, async () => {
        const lost = new Set(again.map((r) => toHex(Envelope.decode(r.item.frame).sessionId)))
        const set = await sessionsOf(peerId)
        if (set.active !== null && lost.has(set.active)) {
          const next: SessionSet = { v: 1, active: null, sessions: set.sessions.filter((x) => !lost.has(x.id)) }
          sessionSets.set(peerId, next)
          await committer.commit([{ type: 'put', key: `dm/session/${cv(peerId)}`, value: json(next) }])
          log.info('a contact lost our session: starting a new one')
        }
      })
      await committer.commit(again.map((r) => ({ type: 'del', key: r.item.key })))
      for (const r of [...again].sort((a, b) => a.item.seq - b.item.seq)) {
        resentInNewSession.add(`${peerId}/${String(r.item.seq)}`)
        await resend(peerId, r.item.seq, r.item.seq)
      }
    }
    if (failed.length > 0) await onDelivered(peerId, failed, true)
  }
  const resentInNewSession = new Set<string>()

  // ── receiving: raw envelope first, then decrypt, then result + ratchet in one batch, then ack ──
  let signedPrekey: ReturnType<typeof signedPrekeySecret> | undefined
  const ourPrekeys: OurPrekeys = {
    signed: () => (signedPrekey ??= signedPrekeySecret(store, account.identity, clock.now())),
    oneTime: (id) => oneTimePrekeySecret(store, id),
  }

  const receive = (peerId: string, envelope: Envelope, raw: Uint8Array | undefined): Promise<EnvelopeOutcome> => {
    let envelopeId: Uint8Array<ArrayBuffer>
    try {
      envelopeId = owned(checkEnvelope(envelope))
    } catch (err) {
      const code = err instanceof EnvelopeRefusedError ? err.code : Refusal.Code.MALFORMED
      return Promise.resolve({ kind: 'refused', refusal: { envelopeId: new Uint8Array(0), permanent: true, code } })
    }
    const idHex = toHex(envelopeId)
    const c = cv(peerId)
    const inboxKey = `dm/in/${c}/${idHex}`
    const stored: EnvelopeOutcome = { kind: 'stored', envelopeId }
    let written: Promise<void> = Promise.resolve()
    // the raw envelope is kept first (it survives the process being killed); decryption runs meanwhile,
    // and its result is written — synced, then acknowledged — only once the raw envelope is down
    const kept = raw === undefined ? Promise.resolve() : keeper.commit([{ type: 'put', key: inboxKey, value: raw }])
    const afterKept = (ops: CommitOp[]): Promise<void> => tracked(ops, () => kept.then(() => committer.commit(ops)))
    const step = withConv(peerId, async (): Promise<EnvelopeOutcome> => {
      const keys = contacts.sessionKeys(peerId)
      if (keys === undefined) {
        written = afterKept([{ type: 'del', key: inboxKey }])
        return {
          kind: 'refused',
          refusal: { envelopeId: owned(envelopeId), permanent: false, code: Refusal.Code.NOT_A_CONTACT },
        }
      }
      byBlind.set(c, peerId)
      let decrypted
      try {
        decrypted = await decryptFrom(await sessionsOf(peerId), identity, keys, envelope, ourPrekeys, clock.now())
      } catch (err) {
        if (!(err instanceof DuplicateMessageError || err instanceof EnvelopeRefusedError)) throw err
        // message keys are used once: an envelope already stored (a retransmission) fails as a duplicate —
        // the sender repeats unacknowledged envelopes in order, before any newer one, so they are never
        // more than the ratchet's window old; a session dropped since is answered as unknown, and the
        // sender then starts a new one and sends the content again, which is recognised by its number
        if (err instanceof DuplicateMessageError) {
          written = afterKept([{ type: 'del', key: inboxKey }])
          return stored
        }
        log.info('refused a message envelope', { reason: err.message, code: err.code })
        written = afterKept([{ type: 'del', key: inboxKey }])
        return { kind: 'refused', refusal: { envelopeId: owned(envelopeId), permanent: true, code: err.code } }
      }
      const applied = await applyContent(peerId, decrypted.plaintext)
      const ops: CommitOp[] = [
        ...applied.ops,
        { type: 'put', key: `dm/session/${c}`, value: () => json(decrypted.sessions) },
        { type: 'del', key: inboxKey },
        ...(decrypted.usedOneTimePrekey === null
          ? []
          : [{ type: 'del' as const, key: oneTimePrekeyRecord(decrypted.usedOneTimePrekey) }]),
        { type: 'put', key: convKey(peerId), value: latestConv(peerId) },
      ]
      sessionSets.set(peerId, decrypted.sessions)
      written = afterKept(ops).then(applied.after)
      return stored
    })
    return step.then(async (outcome) => {
      await written
      return outcome
    })
  }

  /** What one decrypted content does to the conversation, and what follows once it is on disk. */
  const applyContent = async (
    peerId: string,
    plaintext: Uint8Array,
  ): Promise<{ ops: StoreOp[]; after: () => void }> => {
    const c = cv(peerId)
    const applied = await applyReceived(
      {
        store,
        view,
        self,
        peerId,
        conv: c,
        conversation: conversation(peerId),
        now: clock.now(),
        showRead: settings.readReceipts,
      },
      plaintext,
    )
    if (applied === undefined) return { ops: [], after: () => undefined }
    const { conversation: conv, changed, notify, resend: wanted } = applied
    convs.set(peerId, conv)
    return {
      ops: applied.ops,
      after: () => {
        for (const m of changed) indexMessage(peerId, m.record)
        if (changed.length > 0 || applied.ops.length > 0) {
          inBackground(async () => {
            announce(peerId, await Promise.all(changed.map((m) => present(reader, c, conv, m.order, m.record))))
          })
        }
        if (notify !== null) {
          const id = changed[0]?.record.id ?? ''
          announcer.notify({ conversationId: conv.id, peerId, messageId: id, preview: notify })
        }
        if (changed.some((m) => !m.record.fromMe)) stopTyping(peerId)
        if (wanted !== null) inBackground(() => resend(peerId, wanted.from, wanted.to))
        gaps.noticed(peerId)
      },
    }
  }

  /** They miss some of our numbers: encrypt those contents again (same IDs) and send them. */
  const resend = async (peerId: string, from: number, to: number): Promise<void> => {
    const input = { store, view, self, peerId, conv: cv(peerId), sendSeq: conversation(peerId).sendSeq }
    for (let seq = from; seq <= to; seq++) {
      const plaintext = await contentAgain({ ...input, now: clock.now() }, seq)
      if (plaintext === undefined) continue
      await enqueue(peerId, { kind: Content.Kind.TEXT, sequenced: true, replay: { plaintext, seq } })
    }
  }

  const stopTyping = (peerId: string): void => {
    typingShown.stop(peerId)
  }

  const handleStream = (stream: Stream, remotePeer: string): void => {
    const now = clock.now()
    if (contacts.sessionKeys(remotePeer) === undefined || stopped) {
      stream.abort(new Error('messages are accepted only from contacts'))
      return
    }
    if (!streamLimit.take(remotePeer, now)) {
      log.info('a contact opens message streams too fast')
      stream.abort(new Error('too many streams'))
      return
    }
    inbound.add(stream)
    inBackground(() =>
      serveDmStream(stream, {
        onEnvelope: (envelope, frame) => receive(remotePeer, envelope, frame),
        onTyping: (typing) => {
          if (settings.typingIndicators) typingShown.set(remotePeer, typing)
        },
        admit: () => envelopeLimit.take(remotePeer, clock.now()),
        clock,
      }).finally(() => inbound.delete(stream)),
    )
  }

  /** After a crash: envelopes kept raw but not yet processed. */
  const processInbox = async (): Promise<void> => {
    for (const contact of contacts.list()) byBlind.set(cv(contact.peerId), contact.peerId)
    const leftover: [string, Uint8Array][] = []
    for await (const entry of store.entries('dm/in/')) leftover.push(entry)
    for (const [key, raw] of leftover) {
      const peerId = byBlind.get(key.split('/')[2] ?? '')
      if (peerId === undefined) continue
      let envelope: Envelope | undefined
      try {
        envelope = decodeFrame(raw).envelope
      } catch {
        envelope = undefined
      }
      if (envelope === undefined) {
        await store.del(key)
        continue
      }
      await receive(peerId, envelope, undefined)
    }
  }

  const loadOutbox = async (): Promise<void> => {
    for await (const [key, value] of store.entries('dm/out/')) {
      const peerId = byBlind.get(key.split('/')[2] ?? '')
      const parsed = outboxRecordSchema.safeParse(parseJson(value))
      if (peerId === undefined || !parsed.success) continue
      links.push(peerId, {
        key,
        envelopeId: parsed.data.envelopeId,
        frame: fromBase64(parsed.data.envelope),
        messageId: parsed.data.messageId,
        order: parsed.data.order ?? null,
        seq: parsed.data.seq ?? 0,
        ready: Promise.resolve(),
      })
    }
  }
  await loadOutbox()

  // ── own history changes ──
  const requireOwn = async (peerId: string, id: string): Promise<{ order: string; record: MessageRecord }> => {
    const found = await findMessage(view, cv(peerId), id)
    if (found === undefined) throw new ApiFailure('NOT_FOUND', 'no such message')
    return found
  }

  const changeAndSend = async (
    peerId: string,
    targetId: string,
    kind: Content.Kind,
    change: (record: MessageRecord) => MessageRecord,
    extra: { text?: string; reaction?: string },
  ): Promise<ChatMessage> => {
    let result: { order: string; record: MessageRecord } | undefined
    await enqueue(peerId, {
      kind,
      sequenced: true,
      target: Buffer.from(targetId, 'hex'),
      ...extra,
      apply: async () => {
        const found = await requireOwn(peerId, targetId)
        result = { order: found.order, record: change(found.record) }
        return [{ type: 'put', key: msgPrefix(cv(peerId)) + found.order, value: json(result.record) }]
      },
    })
    if (result === undefined) throw new ApiFailure('NOT_FOUND', 'no such message')
    indexMessage(peerId, result.record)
    const shown = await present(reader, cv(peerId), conversation(peerId), result.order, result.record)
    announce(peerId, [shown])
    return shown
  }

  const service: MessagesService = {
    async attach(next) {
      await links.closeAll()
      closeInbound()
      node = next
      if (next === undefined || stopped) return
      await next.handle(
        DM_PROTOCOL,
        (stream, connection) => {
          handleStream(stream, connection.remotePeer.toString())
        },
        { maxInboundStreams: 16, runOnLimitedConnection: false },
      )
      inBackground(async () => {
        await processInbox()
        links.kickAll()
      })
      inBackground(() => greetContacts(next, contacts.list(), () => !stopped && node === next))
    },

    async listConversations() {
      const out: ConversationSummary[] = []
      for (const peerId of convs.keys()) {
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
      return readPage(reader, cv(peerId), conversation(peerId), { ...page, limit: page.limit ?? 50 })
    },

    async getMessageContext(peerId, id, limit) {
      const found = await findMessage(view, cv(peerId), id)
      if (found === undefined) throw new ApiFailure('NOT_FOUND', 'no such message')
      return readContext(reader, cv(peerId), conversation(peerId), found, limit)
    },

    async send(peerId, text, replyTo) {
      if (text.trim() === '') throw new ApiFailure('INVALID_ARGUMENTS', 'A message cannot be empty')
      if (text.length > MESSAGE_TEXT_MAX) {
        throw new ApiFailure('INVALID_ARGUMENTS', `A message is at most ${MESSAGE_TEXT_MAX} characters`)
      }
      let shown: { order: string; record: MessageRecord } | undefined
      const c = cv(peerId)
      if (replyTo !== undefined && (await findMessage(view, c, replyTo)) === undefined) {
        throw new ApiFailure('NOT_FOUND', 'the message to reply to is not here')
      }
      await enqueue(peerId, {
        kind: Content.Kind.TEXT,
        sequenced: true,
        text,
        ...(replyTo === undefined ? {} : { target: Buffer.from(replyTo, 'hex') }),
        apply: (conv, seq, sentAt, id) => {
          const order = orderKey(sentAt, self, peerId, seq)
          const record = newMessageRecord({
            id,
            fromMe: true,
            seq,
            sentAt,
            receivedAt: sentAt,
            text,
            replyTo: replyTo ?? null,
          })
          shown = { order, record }
          const lastOrder = conv.lastOrder === null || order > conv.lastOrder ? order : conv.lastOrder
          convs.set(peerId, { ...conv, total: conv.total + 1, lastOrder, draft: '', draftAt: 0 })
          return Promise.resolve([
            { type: 'put', key: msgPrefix(c) + order, value: json(record) },
            { type: 'put', key: idKey(c, id), value: utf8(order) },
          ])
        },
      })
      if (shown === undefined) throw new Error('the message was not written')
      indexMessage(peerId, shown.record)
      const message = await present(reader, c, conversation(peerId), shown.order, shown.record)
      announce(peerId, [message])
      return message
    },

    async edit(peerId, id, text) {
      const found = await requireOwn(peerId, id)
      if (!found.record.fromMe || found.record.deleted) {
        throw new ApiFailure('REFUSED', 'only your own messages can be edited')
      }
      return changeAndSend(peerId, id, Content.Kind.EDIT, (r) => ({ ...r, text, editedAt: clock.now() }), { text })
    },

    async delete(peerId, id, forEveryone) {
      const found = await requireOwn(peerId, id)
      const c = cv(peerId)
      if (forEveryone) {
        if (!found.record.fromMe) throw new ApiFailure('REFUSED', 'only your own messages can be deleted for everyone')
        await changeAndSend(peerId, id, Content.Kind.DELETE, (r) => ({ ...r, text: '', deleted: true }), {})
        return
      }
      await withConv(peerId, async () => {
        const conv = conversation(peerId)
        let lastOrder = conv.lastOrder
        if (lastOrder === found.order) {
          // the newest goes: the one before it becomes the last
          lastOrder = null
          const prefix = msgPrefix(c)
          for await (const [key] of store.entries(prefix, { before: prefix + found.order, reverse: true, limit: 1 })) {
            lastOrder = key.slice(prefix.length)
          }
        }
        const next = { ...conv, total: Math.max(0, conv.total - 1), lastOrder }
        convs.set(peerId, next)
        // the ID stays known, so a resend cannot bring the message back
        const ops: CommitOp[] = [
          { type: 'del', key: msgPrefix(c) + found.order },
          { type: 'put', key: idKey(c, id), value: new Uint8Array(0) },
          { type: 'put', key: convKey(peerId), value: json(next) },
        ]
        await tracked(ops, () => committer.commit(ops))
      })
      search?.remove({ conv: c, fromMe: found.record.fromMe, seq: found.record.seq })
      announcer.takeAwaiting(id)
      emit({
        name: 'messagesRemoved',
        payload: { conversationId: conversation(peerId).id, peerId, messageIds: [id] },
      })
      announce(peerId, [])
    },

    async react(peerId, id, reaction) {
      const found = await requireOwn(peerId, id)
      if (found.record.deleted) throw new ApiFailure('REFUSED', 'a deleted message cannot get reactions')
      return changeAndSend(peerId, id, Content.Kind.REACTION, (r) => ({ ...r, mine: reaction }), {
        reaction: reaction ?? '',
      })
    },

    async markRead(peerId) {
      const { upTo, changed } = await withConv(peerId, async () => {
        const conv = conversation(peerId)
        const upTo = Math.max(conv.recvSeq, conv.ahead.at(-1) ?? 0)
        if (conv.unread === 0 && upTo <= conv.readUpTo) return { upTo, changed: false }
        const next = { ...conv, unread: 0, readUpTo: Math.max(conv.readUpTo, upTo) }
        convs.set(peerId, next)
        await committer.commit([{ type: 'put', key: convKey(peerId), value: json(next) }])
        return { upTo, changed: upTo > conv.readUpTo }
      })
      if (changed && settings.readReceipts && contacts.sessionKeys(peerId) !== undefined) {
        inBackground(() => enqueue(peerId, { kind: Content.Kind.READ, sequenced: false, upTo }))
      }
      const s = await summary(peerId)
      emit({ name: 'conversationChanged', payload: s })
      return s
    },

    async setTyping(peerId, typing) {
      requireContact(peerId)
      if (settings.typingIndicators) links.typing(peerId, typing)
      return Promise.resolve()
    },

    async setDraft(peerId, draft) {
      requireContact(peerId)
      await withConv(peerId, async () => {
        const next = { ...conversation(peerId), draft, draftAt: clock.now() }
        convs.set(peerId, next)
        byBlind.set(cv(peerId), peerId)
        await committer.commit([{ type: 'put', key: convKey(peerId), value: json(next) }])
      })
      emit({ name: 'conversationChanged', payload: await summary(peerId) })
    },

    async setMuted(peerId, muted) {
      requireContact(peerId)
      await withConv(peerId, async () => {
        const next = { ...conversation(peerId), muted }
        convs.set(peerId, next)
        byBlind.set(cv(peerId), peerId)
        await committer.commit([{ type: 'put', key: convKey(peerId), value: json(next) }])
      })
      const s = await summary(peerId)
      emit({ name: 'conversationChanged', payload: s })
      return s
    },

    settings: () => settings,

    async setSettings(next) {
      settings = { ...next }
      await store.putJson(SETTINGS_RECORD, settings)
      return settings
    },

    async search(query, peerId) {
      if (searchFilled === undefined) {
        const index = createSearchIndex()
        search = index
        searchFilled = index.fill(storedDocuments()).catch((err: unknown) => {
          search = undefined
          searchFilled = undefined
          throw err
        })
      }
      await searchFilled
      const hits = []
      const found = search?.search(query, peerId === undefined ? undefined : cv(peerId), SEARCH_RESULTS_MAX) ?? []
      for (const { conv: c, fromMe, seq } of found) {
        const p = byBlind.get(c)
        if (p === undefined) continue
        const message = await findMessage(view, c, fromMe ? messageId(self, p, seq) : messageId(p, self, seq))
        if (message === undefined || message.record.deleted) continue
        hits.push({
          conversationId: conversation(p).id,
          peerId: p,
          message: await present(reader, c, conversation(p), message.order, message.record),
        })
      }
      return hits
    },

    onNetworkEvent(event: ApiEvent) {
      if (event.name === 'peerConnected') links.kick(event.payload.peerId, true)
      if (event.name === 'peerDisconnected') stopTyping(event.payload.peerId)
      // someone unblocked or added again: what waited for them may go now
      if (event.name === 'contactsChanged') links.kickAll()
    },

    async stop() {
      stopped = true
      typingShown.clear()
      gaps.stop()
      await links.closeAll()
      closeInbound()
      await background.stop()
      await Promise.allSettled([...locks.values()])
      await keeper.idle()
      await committer.idle()
    },
  }
  return service
}
