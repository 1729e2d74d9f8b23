import { ApiFailure } from '../api/index.js'
import type { Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import { owned, toHex } from '../crypto/bytes.js'
import type { PeerLink, EnvelopeOutcome } from '../delivery/peer-link.js'
import type { Channel, OutEntry, Outbox, Refused } from '../delivery/types.js'
import type { PeerSessionKeys } from '../identity/peer-keys.js'
import { DuplicateMessageError } from '../signal/index.js'
import { EnvelopeRefusedError, NoSessionError } from '../sessions/pairwise.js'
import type { Sessions } from '../sessions/sessions.js'
import type { CommitOp } from '../store/committer.js'
import { Content, Envelope, Refusal, type SealedAck } from '../generated/dm.js'
import { encodeContent } from './apply-content.js'
import { MAX_ACKED } from '../sessions/acks.js'
import type { Conversations } from './conversations.js'
import { decodeFrame } from '../delivery/direct-wire.js'
import { messageId, orderKey } from './ids.js'
import type { ConversationRecord } from './records.js'
import { sentKey } from './resend.js'
import { z } from 'zod'

/**
 * Direct messages on the one outbox (docs/PROTOCOL.md §7): sealing a content
 * and writing its outbox entry, the ratchet and the history in one batch;
 * receiving (the raw envelope kept first, then opened, its result and the
 * ratchet in one synced batch); and end-to-end acknowledgements — sealed
 * ACK contents naming many envelopes at once, sent once their results are on
 * disk, and taken from the outbox whichever way they came.
 */
export const DM_CHANNEL = 'dm'

/** What an outbox entry of a direct message remembers. */
const dmMetaSchema = z.object({ order: z.string().nullable(), seq: z.number().int().nonnegative() }).strict()
export type DmMeta = z.infer<typeof dmMetaSchema>

export function dmMetaOf(entry: OutEntry): DmMeta {
  const parsed = dmMetaSchema.safeParse(entry.meta)
  return parsed.success ? parsed.data : { order: null, seq: 0 }
}

/** Refusals that mean their device lost the session, not that the envelope is bad. */
const RECOVERABLE: ReadonlySet<string> = new Set([Refusal.Code.UNKNOWN_SESSION, Refusal.Code.AUTHENTICATION_FAILED])

export interface Outgoing {
  readonly kind: Content.Kind
  readonly text?: string
  readonly target?: Uint8Array
  readonly reaction?: string
  readonly upTo?: number
  readonly from?: number
  /** Sequenced content (text, edit, delete, reaction) takes the next number and is kept for resends. */
  readonly sequenced: boolean
  /** History changes that land in the same batch. */
  readonly apply?: (conv: ConversationRecord, seq: number, sentAt: number, id: string) => Promise<CommitOp[]>
  /** An already-encoded content to send again (a resend): keeps its number and time. */
  readonly replay?: { readonly plaintext: Uint8Array; readonly seq: number }
}

export interface DmDeliveryOptions {
  readonly conversations: Conversations
  readonly sessions: Sessions
  readonly outbox: Outbox
  readonly link: () => PeerLink
  readonly clock: Clock
  readonly logger: Logger
  readonly keysOf: (peer: string) => PeerSessionKeys | undefined
  readonly forgetOneTimePrekey: (peer: string) => Promise<void>
  /** What a received content does: its writes, what follows once they are on disk, and what it acknowledges. */
  applyContent(
    peer: string,
    plaintext: Uint8Array,
  ): Promise<{ ops: CommitOp[]; after: () => void; acked: readonly string[] | null }>
  /** Ours acknowledged (`failed` false) or refused for good: show it. */
  settled(peer: string, entries: readonly OutEntry[], failed: boolean): Promise<void>
  /** Send this content of ours again under its number (in the new session). */
  resend(peer: string, seq: number): Promise<void>
  inBackground(work: () => Promise<unknown>): void
}

export interface DmDelivery {
  readonly channel: Channel
  enqueue(peer: string, outgoing: Outgoing): Promise<{ id: string | null; seq: number }>
  /** An envelope from `peer`; `raw`: the frame as received, kept until it is processed (undefined: already kept). */
  receive(peer: string, envelope: Envelope, raw: Uint8Array | undefined): Promise<EnvelopeOutcome>
  /** After a crash: envelopes kept raw but not processed. */
  processInbox(): Promise<void>
  /** Sends the acknowledgements due now and waits for those on their way (before a graceful stop). */
  settle(): Promise<void>
  /** A sealed acknowledgement from `peer`. */
  onAck(peer: string, ack: SealedAck): Promise<void>
}

export function createDmDelivery(options: DmDeliveryOptions): DmDelivery {
  const { conversations: convs, sessions, outbox, clock, logger: log } = options
  const { committer, keeper, self } = convs
  const resentInNewSession = new Set<string>()
  /** Envelopes stored and not yet acknowledged, per peer (sent together, a turn after the batch that stored them). */
  const ackDue = new Map<string, string[]>()
  let acking = false

  const enqueue: DmDelivery['enqueue'] = (peer, outgoing) => {
    if (options.keysOf(peer) === undefined) {
      throw new ApiFailure('NOT_FOUND', 'messages go only to contacts (and not blocked ones)')
    }
    let written!: Promise<void>
    const step = convs.serially(peer, async () => {
      const conv = convs.get(peer)
      const now = clock.now()
      const seq = outgoing.replay?.seq ?? (outgoing.sequenced ? conv.sendSeq + 1 : 0)
      const sentAt = Math.max(now, conv.lastSentAt)
      const id = seq === 0 ? null : messageId(self, peer, seq)
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
      let sealed
      try {
        sealed = await sessions.seal(peer, plaintext)
      } catch (err) {
        if (err instanceof NoSessionError) throw new ApiFailure('REFUSED', err.message)
        throw err
      }
      const fresh = outgoing.sequenced && outgoing.replay === undefined
      const next: ConversationRecord = { ...conv, ...(fresh ? { sendSeq: seq, lastSentAt: sentAt } : {}) }
      const history = outgoing.apply === undefined || id === null ? [] : await outgoing.apply(next, seq, sentAt, id)
      // where a new text of ours sits in the history, to mark it delivered without a lookup
      const isText = outgoing.kind === Content.Kind.TEXT
      const order = isText && outgoing.replay === undefined ? orderKey(sentAt, self, peer, seq) : null
      const entry = outbox.prepare(DM_CHANNEL, peer, {
        id: sealed.envelopeId,
        payload: sealed.bytes,
        tag: isText ? id : null,
        meta: { order, seq } satisfies DmMeta,
      })
      const c = convs.blind(peer)
      const ops: CommitOp[] = [
        ...history,
        ...sealed.ops,
        entry.op,
        // edits, deletes and reactions are kept as sent, for resends; a text is rebuilt from the history
        ...(fresh && !isText ? [{ type: 'put' as const, key: sentKey(c, seq), value: plaintext }] : []),
      ]
      const updated = convs.get(peer) // `apply` may have updated the record
      convs.set(peer, { ...updated, sendSeq: next.sendSeq, lastSentAt: next.lastSentAt })
      ops.push(convs.put(peer))
      written = convs.tracked(ops, () => committer.commit(ops))
      entry.add(written)
      if (sealed.usedTheirOneTimePrekey) {
        options.inBackground(() => written.then(() => options.forgetOneTimePrekey(peer)))
      }
      return { id, seq }
    })
    return step.then(async (result) => {
      await written
      return result
    })
  }

  // ── acknowledgements ──

  const sealAck = (peer: string, ids: readonly string[]): Promise<void> =>
    convs.serially(peer, async () => {
      if (options.keysOf(peer) === undefined) return
      const plaintext = encodeContent({
        kind: Content.Kind.ACK,
        seq: 0n,
        sentAt: BigInt(clock.now()),
        text: '',
        target: new Uint8Array(0),
        reaction: '',
        upTo: 0n,
        from: 0n,
        acked: ids.map((id) => owned(Buffer.from(id, 'hex'))),
      })
      const sealed = await sessions.seal(peer, plaintext)
      // the ratchet state is on disk before the acknowledgement leaves (a message key is never used twice)
      const written = committer.commit(sealed.ops)
      track(
        (async () => {
          await written
          await options.link().sendLoose(peer, sealed.bytes)
          if (sealed.usedTheirOneTimePrekey) await options.forgetOneTimePrekey(peer)
        })(),
      )
    })

  /** Sealed with the session's acknowledgement key; in a session from before such keys, as an ACK content. */
  const acknowledge = async (peer: string, ids: readonly string[]): Promise<void> => {
    const sealed = await sessions.sealAck(peer, ids)
    if (sealed === undefined) await sealAck(peer, ids)
    else await options.link().sendAck(peer, sealed)
  }

  /** An acknowledgement from the peer: what it names leaves the outbox. */
  const onAck = async (peer: string, ack: SealedAck): Promise<void> => {
    let ids: string[]
    try {
      ids = await sessions.openAck(peer, ack)
    } catch (err) {
      log.debug('ignored an acknowledgement', { error: err })
      return
    }
    await outbox.acknowledge(peer, ids)
  }

  /** Acknowledgements being sealed or sent: a graceful stop lets them go out first. */
  const sending = new Set<Promise<unknown>>()
  const track = (work: Promise<unknown>): void => {
    const task = work.catch((err: unknown) => {
      log.debug('could not acknowledge', { error: err })
    })
    sending.add(task)
    void task.finally(() => sending.delete(task))
  }

  /** Everything stored in one batch is acknowledged together: one sealed ACK per peer, up to MAX_ACKED IDs. */
  const flushAcks = (): void => {
    acking = false
    for (const [peer, ids] of ackDue) {
      ackDue.delete(peer)
      for (let i = 0; i < ids.length; i += MAX_ACKED) {
        track(acknowledge(peer, ids.slice(i, i + MAX_ACKED)))
      }
    }
  }

  const acknowledgeLater = (peer: string, id: string): void => {
    const due = ackDue.get(peer)
    if (due === undefined) ackDue.set(peer, [id])
    else due.push(id)
    if (!acking) {
      acking = true
      queueMicrotask(flushAcks)
    }
  }

  // ── receiving ──

  const refused = (envelopeId: Uint8Array, code: Refusal.Code, permanent: boolean): EnvelopeOutcome => ({
    kind: 'refused',
    refusal: { envelopeId: owned(envelopeId), permanent, code },
  })

  const receive: DmDelivery['receive'] = (peer, envelope, raw) => {
    let id: string
    try {
      id = sessions.check(envelope)
    } catch (err) {
      const code = err instanceof EnvelopeRefusedError ? err.code : Refusal.Code.MALFORMED
      return Promise.resolve(refused(new Uint8Array(0), code, true))
    }
    const envelopeId = Buffer.from(id, 'hex')
    const inboxKey = `dm/in/${convs.blind(peer)}/${id}`
    const stored: EnvelopeOutcome = { kind: 'stored' }
    let written: Promise<void> = Promise.resolve()
    // the raw envelope is kept first (it survives the process being killed); opening it runs meanwhile,
    // and its result is written — synced, then acknowledged — only once the raw envelope is down
    const kept = raw === undefined ? Promise.resolve() : keeper.commit([{ type: 'put', key: inboxKey, value: raw }])
    // queued from within the conversation's step, after the raw envelope is down: writes of one
    // conversation reach the committer in the order of their steps (a later record is never overwritten)
    const afterKept = async (ops: CommitOp[]): Promise<void> => {
      await kept
      written = convs.tracked(ops, () => committer.commit(ops))
    }
    const done = (): Promise<void> => afterKept([{ type: 'del', key: inboxKey }])
    const step = convs.serially(peer, async (): Promise<EnvelopeOutcome> => {
      if (options.keysOf(peer) === undefined) {
        await done()
        return refused(envelopeId, Refusal.Code.NOT_A_CONTACT, false)
      }
      let opened
      try {
        opened = await sessions.open(peer, envelope)
      } catch (err) {
        // message keys are used once: an envelope already stored (a retransmission: our acknowledgement
        // was lost) fails as a duplicate, and is acknowledged again
        if (err instanceof DuplicateMessageError) {
          await done()
          written = written.then(() => {
            acknowledgeLater(peer, id)
          })
          return stored
        }
        if (!(err instanceof EnvelopeRefusedError)) throw err
        log.info('refused a message envelope', { reason: err.message, code: err.code })
        await done()
        return refused(envelopeId, err.code, true)
      }
      const applied = await options.applyContent(peer, opened.plaintext)
      if (applied.acked !== null) {
        // an acknowledgement changes only the ratchet, and is not acknowledged
        const acked = applied.acked
        await afterKept([...opened.ops, { type: 'del', key: inboxKey }])
        written = written.then(() => outbox.acknowledge(peer, acked))
        return stored
      }
      await afterKept([...applied.ops, ...opened.ops, { type: 'del', key: inboxKey }, convs.put(peer)])
      written = written.then(() => {
        applied.after()
        acknowledgeLater(peer, id)
      })
      return stored
    })
    return step.then(async (outcome) => {
      await written
      return outcome
    })
  }

  const processInbox: DmDelivery['processInbox'] = async () => {
    const leftover: [string, Uint8Array][] = []
    for await (const entry of convs.store.entries('dm/in/')) leftover.push(entry)
    for (const [key, raw] of leftover) {
      const peer = convs.peerOfBlind(key.split('/')[2] ?? '')
      if (peer === undefined) continue
      let envelope: Envelope | undefined
      try {
        envelope = decodeFrame(raw).envelope
      } catch {
        envelope = undefined
      }
      if (envelope === undefined) {
        await convs.store.del(key)
        continue
      }
      await receive(peer, envelope, undefined)
    }
  }

  /**
   * Envelopes their device can no longer read — it lost the session (a restored
   * backup, a reinstall): start a new session and send those contents again,
   * once. Anything else refused for good is marked failed.
   */
  const onRefused = async (peer: string, refusals: readonly Refused[]): Promise<void> => {
    const seqOf = (r: Refused): number => dmMetaOf(r.entry).seq
    const again = refusals.filter(
      (r) => RECOVERABLE.has(r.code) && seqOf(r) > 0 && !resentInNewSession.has(`${peer}/${String(seqOf(r))}`),
    )
    const failed = refusals.filter((r) => !again.includes(r)).map((r) => r.entry)
    if (again.length > 0) {
      await convs.serially(peer, async () => {
        const lost = new Set(again.map((r) => toHex(Envelope.decode(r.entry.payload).sessionId)))
        const ops = await sessions.forget(peer, lost)
        if (ops.length > 0) await committer.commit(ops)
      })
      for (const r of [...again].sort((a, b) => seqOf(a) - seqOf(b))) {
        resentInNewSession.add(`${peer}/${String(seqOf(r))}`)
        await options.resend(peer, seqOf(r))
      }
    }
    if (failed.length > 0) await options.settled(peer, failed, true)
  }

  const channel: Channel = {
    name: DM_CHANNEL,
    prefix: 'dm/out',
    get transports() {
      return [options.link().transport]
    },
    onDelivered: (peer, entries) => options.settled(peer, entries, false),
    onRefused,
  }

  const settle = async (): Promise<void> => {
    while (ackDue.size > 0 || sending.size > 0) {
      if (ackDue.size > 0) flushAcks()
      await Promise.allSettled([...sending])
    }
  }

  return { channel, enqueue, receive, processInbox, settle, onAck }
}
