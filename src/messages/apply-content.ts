import { isSingleEmoji, MESSAGE_TEXT_MAX } from '../api/index.js'
import { toHex, utf8 } from '../crypto/bytes.js'
import type { SealedStore, StoreOp } from '../store/sealed-store.js'
import { findMessage, idKey, msgPrefix, parseMessage, type RecordReader } from './history.js'
import { messageId, orderKey } from './ids.js'
import { isMuted, newMessageRecord, type ConversationRecord, type MessageRecord } from './records.js'
import { MAX_ACKED } from '../sessions/acks.js'
import { EnvelopeRefusedError } from '../sessions/pairwise.js'
import { Content, Refusal } from '../generated/dm.js'

/**
 * Contents (docs/PROTOCOL.md §7.5): encoding ours, and what one of theirs
 * does to a conversation — as data (writes, the new conversation record, the
 * messages to show), so the service decides when it happens.
 */
export const CONTENT_VERSION = 1
/** Largest sequence range one resend request may ask for. */
export const MAX_RESEND_RANGE = 1000
const MAX_SENT_AT = 999_999_999_999_999
const NOTIFY_PREVIEW = 140

const json = (value: unknown): Uint8Array => utf8(JSON.stringify(value))

/**
 * Pads the encoded content to a multiple of 64 bytes, so sizes say little about
 * the text: 1–64 padding bytes, behind a 1-byte tag and a 1-byte length.
 */
export function encodeContent(
  content: Omit<Content, 'padding' | 'version' | 'acked'> & { readonly acked?: Uint8Array<ArrayBuffer>[] },
): Uint8Array {
  const bare = Content.encode({ acked: [], ...content, version: CONTENT_VERSION, padding: new Uint8Array(0) })
  const room = 64 - ((bare.length + 2) % 64)
  // padding is the last field (15): appended, the bytes are what encoding it with the rest gives
  const out = new Uint8Array(bare.length + 2 + room)
  out.set(bare, 0)
  out[bare.length] = PADDING_TAG
  out[bare.length + 1] = room
  return out
}
/** Field 15, wire type 2 (length-delimited). */
const PADDING_TAG = (15 << 3) | 2

/** Their sequence numbers: advance the contiguous mark, remember ones beyond a gap. */
export function trackSeq(conv: ConversationRecord, seq: number): ConversationRecord {
  if (seq <= conv.recvSeq) return conv
  const ahead = new Set(conv.ahead)
  ahead.add(seq)
  let recvSeq = conv.recvSeq
  while (ahead.has(recvSeq + 1)) {
    recvSeq++
    ahead.delete(recvSeq)
  }
  return { ...conv, recvSeq, ahead: [...ahead].sort((a, b) => a - b).slice(0, 4096) }
}

export interface ApplyInput {
  readonly store: SealedStore
  /** Single reads that also see writes not yet on disk. */
  readonly view: RecordReader
  readonly self: string
  readonly peerId: string
  /** The blinded conversation key part. */
  readonly conv: string
  readonly conversation: ConversationRecord
  readonly now: number
  readonly showRead: boolean
}

export interface ChangedMessage {
  readonly order: string
  readonly record: MessageRecord
}

export interface Applied {
  readonly ops: StoreOp[]
  readonly conversation: ConversationRecord
  readonly changed: ChangedMessage[]
  /** A new message worth a notification: its preview. */
  readonly notify: string | null
  /** They asked for these of our sequence numbers again. */
  readonly resend: { readonly from: number; readonly to: number } | null
  /** An acknowledgement: the envelopes of ours their device has stored (hex IDs); null for other contents. */
  readonly acked: readonly string[] | null
}

/** Our own messages after their read mark moved from `from`: newest first, at most 500. */
async function ownSince(store: SealedStore, c: string, from: number): Promise<ChangedMessage[]> {
  const out: ChangedMessage[] = []
  for await (const [key, value] of store.entries(msgPrefix(c), { reverse: true, limit: 500 })) {
    const record = parseMessage(value)
    if (record.fromMe && record.seq <= from) break
    if (record.fromMe) out.push({ order: key.slice(msgPrefix(c).length), record })
  }
  return out
}

/** An edit, delete or reaction of theirs applied to the message it names, if allowed. */
function changedTarget(content: Content, found: ChangedMessage, sentAt: number): MessageRecord | undefined {
  const isTheirs = !found.record.fromMe
  if (content.kind === Content.Kind.REACTION) {
    if (content.reaction === '') return { ...found.record, theirs: null }
    // not one emoji (a peer that sends text as a reaction): nothing changes
    return isSingleEmoji(content.reaction) ? { ...found.record, theirs: content.reaction } : undefined
  }
  if (isTheirs && !found.record.deleted && content.kind === Content.Kind.EDIT) {
    if (content.text.trim() === '' || content.text.length > MESSAGE_TEXT_MAX) return undefined
    return { ...found.record, text: content.text, editedAt: sentAt }
  }
  if (isTheirs && content.kind === Content.Kind.DELETE) {
    return { ...found.record, text: '', deleted: true, theirs: null, mine: null }
  }
  return undefined
}

/**
 * What one decrypted content from `peerId` does. Undefined: nothing (a
 * duplicate, or a version this one does not know — acknowledged, ignored).
 * Throws EnvelopeRefusedError for content that can never be valid.
 */
export async function applyReceived(input: ApplyInput, plaintext: Uint8Array): Promise<Applied | undefined> {
  let content: Content
  try {
    content = Content.decode(plaintext, { limits: { acked: MAX_ACKED } })
  } catch {
    throw new EnvelopeRefusedError(Refusal.Code.MALFORMED, 'malformed content')
  }
  if (content.version !== CONTENT_VERSION) return undefined
  const { conv: c, peerId, self, view } = input
  const seq = Number(content.seq)
  const sentAt = Number(content.sentAt)
  if (!Number.isSafeInteger(seq) || sentAt > MAX_SENT_AT)
    throw new EnvelopeRefusedError(Refusal.Code.MALFORMED, 'bad sequence or time')
  let conv = input.conversation
  const ops: StoreOp[] = []
  const changed: ChangedMessage[] = []
  let notify: string | null = null
  let resend: Applied['resend'] = null
  let acked: string[] | null = null

  if (seq > 0) {
    const id = messageId(peerId, self, seq)
    // already applied (a resend): known from the numbers, or, beyond a gap, from the ID index
    if (seq <= conv.recvSeq || conv.ahead.includes(seq)) return undefined
    if (seq > conv.recvSeq + 1 && (await view.get(idKey(c, id))) !== undefined) return undefined
    conv = trackSeq(conv, seq)
    ops.push({ type: 'put', key: idKey(c, id), value: new Uint8Array(0) })
    const target = content.target.length === 16 ? toHex(content.target) : null
    if (content.kind === Content.Kind.TEXT) {
      const text = content.text
      if (text.trim() === '' || text.length > MESSAGE_TEXT_MAX)
        throw new EnvelopeRefusedError(Refusal.Code.MALFORMED, 'bad text')
      const order = orderKey(sentAt, peerId, self, seq)
      const record = newMessageRecord({ id, fromMe: false, seq, sentAt, receivedAt: input.now, text, replyTo: target })
      ops.push({ type: 'put', key: msgPrefix(c) + order, value: json(record) })
      ops.push({ type: 'put', key: idKey(c, id), value: utf8(order) })
      changed.push({ order, record })
      conv = {
        ...conv,
        total: conv.total + 1,
        unread: conv.unread + 1,
        lastOrder: conv.lastOrder === null || order > conv.lastOrder ? order : conv.lastOrder,
      }
      if (!isMuted(conv, input.now)) notify = text.slice(0, NOTIFY_PREVIEW)
    } else if (
      content.kind === Content.Kind.EDIT ||
      content.kind === Content.Kind.DELETE ||
      content.kind === Content.Kind.REACTION
    ) {
      const found = target === null ? undefined : await findMessage(view, c, target)
      const record = found === undefined ? undefined : changedTarget(content, found, sentAt)
      if (found !== undefined && record !== undefined) {
        ops.push({ type: 'put', key: msgPrefix(c) + found.order, value: json(record) })
        changed.push({ order: found.order, record })
      }
    }
    // other kinds with a number (from a newer version) only take their number
  } else if (content.kind === Content.Kind.READ) {
    const upTo = Number(content.upTo)
    if (Number.isSafeInteger(upTo) && upTo > conv.theirReadUpTo && upTo <= conv.sendSeq) {
      const from = conv.theirReadUpTo
      conv = { ...conv, theirReadUpTo: upTo }
      if (input.showRead) changed.push(...(await ownSince(input.store, c, from)))
    }
  } else if (content.kind === Content.Kind.ACK) {
    acked = content.acked.filter((id) => id.length === 16).map(toHex)
  } else if (content.kind === Content.Kind.RESEND) {
    const from = Number(content.from)
    const to = Math.min(Number(content.upTo), from + MAX_RESEND_RANGE - 1, conv.sendSeq)
    if (Number.isSafeInteger(from) && from >= 1 && to >= from) resend = { from, to }
  }
  return { ops, conversation: conv, changed, notify, resend, acked }
}
