import { z } from 'zod'
import { NOTIFICATION_CONTENTS, type ChatMessage, type ConversationSummary, type MessageState } from '../api/index.js'

/** What the store keeps for direct messages (all sealed; conversation parts of keys blinded). */

export const messageRecordSchema = z
  .object({
    id: z.string(),
    fromMe: z.boolean(),
    seq: z.number().int().nonnegative(),
    sentAt: z.number(),
    receivedAt: z.number(),
    text: z.string(),
    replyTo: z.string().nullable(),
    editedAt: z.number().nullable(),
    deleted: z.boolean(),
    mine: z.string().nullable(),
    theirs: z.string().nullable(),
    /** Own messages: refused for good by their device. (Still in the outbox = sending; else delivered.) */
    failed: z.boolean(),
  })
  .strict()
export type MessageRecord = z.infer<typeof messageRecordSchema>

/** A new text in the history: not edited, deleted or reacted to. */
export function newMessageRecord(
  fields: Pick<MessageRecord, 'id' | 'fromMe' | 'seq' | 'sentAt' | 'receivedAt' | 'text' | 'replyTo'>,
): MessageRecord {
  return { ...fields, editedAt: null, deleted: false, mine: null, theirs: null, failed: false }
}

export const conversationRecordSchema = z
  .object({
    v: z.literal(1),
    /** The conversation's ID (records written before it was kept have none: it is derived again). */
    id: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .optional(),
    peerId: z.string(),
    /** Our last sequence number here, and the time of our last message (we never go back). */
    sendSeq: z.number().int().nonnegative(),
    lastSentAt: z.number(),
    /** Their messages: all up to recvSeq arrived; `ahead` holds ones received beyond a gap. */
    recvSeq: z.number().int().nonnegative(),
    ahead: z.array(z.number().int().positive()).max(4096),
    /** The highest of their sequence numbers we told them we read; the highest of ours they read. */
    readUpTo: z.number().int().nonnegative(),
    theirReadUpTo: z.number().int().nonnegative(),
    unread: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    muted: z.boolean(),
    /** A mute for a while ends then (epoch ms); null: until unmuted. Records from before it have none. */
    mutedUntil: z.number().nonnegative().nullable().default(null),
    draft: z.string(),
    draftAt: z.number(),
    lastOrder: z.string().nullable(),
    /** Orders the outbox of this conversation. */
    outCounter: z.number().int().nonnegative(),
  })
  .strict()
export type ConversationRecord = z.infer<typeof conversationRecordSchema> & { readonly id: string }

export function newConversation(id: string, peerId: string): ConversationRecord {
  return {
    v: 1,
    id,
    peerId,
    sendSeq: 0,
    lastSentAt: 0,
    recvSeq: 0,
    ahead: [],
    readUpTo: 0,
    theirReadUpTo: 0,
    unread: 0,
    total: 0,
    muted: false,
    mutedUntil: null,
    draft: '',
    draftAt: 0,
    lastOrder: null,
    outCounter: 0,
  }
}

export const outboxRecordSchema = z
  .object({
    v: z.literal(1),
    envelopeId: z.string(),
    /** The encoded Envelope, as sent every time. */
    envelope: z.string(),
    /** The message this delivers (text, edit, …), or null for receipts and resend requests. */
    messageId: z.string().nullable(),
    /** Where that message sits in the history (its order key), when it is a text of ours. */
    order: z.string().nullable().optional(),
    /** The sequence number of the content (0: not sequenced), to send it again in a new session if refused. */
    seq: z.number().int().nonnegative().optional(),
    createdAt: z.number(),
  })
  .strict()
export type OutboxRecord = z.infer<typeof outboxRecordSchema>

export const settingsSchema = z
  .object({
    readReceipts: z.boolean(),
    typingIndicators: z.boolean(),
    // settings saved before it had this field show notifications in full, as they did
    notificationContent: z.enum(NOTIFICATION_CONTENTS).default('senderAndText'),
  })
  .strict()

export function stateOf(
  record: Pick<MessageRecord, 'fromMe' | 'failed' | 'seq'>,
  conversation: ConversationRecord,
  showRead: boolean,
  sending: boolean,
): MessageState | null {
  if (!record.fromMe) return null
  if (record.failed) return 'failed'
  if (showRead && record.seq <= conversation.theirReadUpTo) return 'read'
  return sending ? 'sending' : 'delivered'
}

export function toChatMessage(
  record: MessageRecord,
  order: string,
  conversation: ConversationRecord,
  quoted: MessageRecord | null | undefined,
  showRead: boolean,
  sending: boolean,
): ChatMessage {
  return {
    id: record.id,
    conversationId: conversation.id,
    peerId: conversation.peerId,
    fromMe: record.fromMe,
    seq: record.seq,
    sentAt: record.sentAt,
    receivedAt: record.receivedAt,
    text: record.deleted ? '' : record.text,
    replyTo:
      record.replyTo === null
        ? null
        : {
            id: record.replyTo,
            fromMe: quoted?.fromMe ?? false,
            text: quoted == null || quoted.deleted ? '' : quoted.text.slice(0, 200),
            deleted: quoted?.deleted ?? false,
          },
    editedAt: record.editedAt,
    deleted: record.deleted,
    reactions: { mine: record.mine, theirs: record.theirs },
    state: stateOf(record, conversation, showRead, sending),
    order,
  }
}

/** Whether notifications are off for a conversation at `now`: a mute for a while ends by itself. */
export function isMuted(conversation: ConversationRecord, now: number): boolean {
  return conversation.muted && (conversation.mutedUntil === null || now < conversation.mutedUntil)
}

export function toSummary(
  conversation: ConversationRecord,
  last: ChatMessage | null,
  now: number,
): ConversationSummary {
  const muted = isMuted(conversation, now)
  return {
    conversationId: conversation.id,
    peerId: conversation.peerId,
    lastMessage: last,
    unread: conversation.unread,
    total: conversation.total,
    muted,
    mutedUntil: muted ? conversation.mutedUntil : null,
    draft: conversation.draft,
    updatedAt: Math.max(last?.sentAt ?? 0, conversation.draft === '' ? 0 : conversation.draftAt),
  }
}
