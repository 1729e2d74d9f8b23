import { z } from 'zod'
import { conversationIdSchema, peerIdSchema } from './model.js'

export { conversationIdSchema }

/** Limits shared by the UI and the core. */
export const MESSAGE_TEXT_MAX = 8000
export const DRAFT_MAX = MESSAGE_TEXT_MAX
export const MESSAGE_PAGE_MAX = 200
export const SEARCH_QUERY_MAX = 200
export const SEARCH_RESULTS_MAX = 50
/** More messages (or IDs) than this in one event is not a batch the core sends. */
export const MESSAGE_BATCH_MAX = 1_000
/** A quote carries the first characters of the quoted text. */
export const QUOTE_TEXT_MAX = 200
/** What a notification shows of a new message. */
export const NOTIFICATION_PREVIEW_MAX = 200
/** Display order keys (`orderKey` in the core) are 30 characters. */
export const ORDER_KEY_MAX = 64
/**
 * Reactions are one emoji — one grapheme cluster, which for a family or a
 * couple with skin tones is up to about 20 UTF-16 units — not free text.
 */
export const REACTION_MAX_LENGTH = 32

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** Whether `text` is one emoji: one grapheme cluster, with a pictograph, a flag's letters or a keycap in it. */
export function isSingleEmoji(text: string): boolean {
  if (text === '' || text.length > REACTION_MAX_LENGTH || /[\p{Cc}\s]/u.test(text)) return false
  const clusters = graphemes.segment(text)[Symbol.iterator]()
  const first = clusters.next()
  return (
    !first.done &&
    clusters.next().done === true &&
    /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(text)
  )
}

/** 32 lowercase hex characters: 16 bytes derived from sender, recipient and sequence number. */
export const messageIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a message ID')

export const messageTextSchema = z
  .string()
  .max(MESSAGE_TEXT_MAX, `A message is at most ${MESSAGE_TEXT_MAX} characters`)
  .refine((text) => text.trim().length > 0, 'A message cannot be empty')

export const reactionSchema = z
  .string()
  .min(1)
  .max(REACTION_MAX_LENGTH)
  .refine((text) => isSingleEmoji(text), 'A reaction is a single emoji')

/**
 * Where an own message is: written to the outbox (`sending`), acknowledged by
 * the peer's device after it decrypted and stored it (`delivered`), seen
 * (`read`, when the peer sends read receipts), or refused by the peer (`failed`).
 */
export type MessageState = 'sending' | 'delivered' | 'read' | 'failed'

export interface QuotedMessage {
  readonly id: string
  readonly fromMe: boolean
  /** The first characters of the quoted text; empty if it was deleted or is not stored here. */
  readonly text: string
  readonly deleted: boolean
}

export interface ChatMessage {
  readonly id: string
  /** The conversation it belongs to. */
  readonly conversationId: string
  /** The contact this conversation is with. */
  readonly peerId: string
  readonly fromMe: boolean
  /** The sender's sequence number in this conversation (1, 2, 3, …). */
  readonly seq: number
  /** The sender's clock, epoch ms (never before the sender's previous message). */
  readonly sentAt: number
  /** Our clock when we stored it (for our own messages, = sentAt). */
  readonly receivedAt: number
  /** Empty when deleted. */
  readonly text: string
  readonly replyTo: QuotedMessage | null
  readonly editedAt: number | null
  readonly deleted: boolean
  /** One reaction per person at most. */
  readonly reactions: { readonly mine: string | null; readonly theirs: string | null }
  /** Only for our own messages; null for theirs. */
  readonly state: MessageState | null
  /** Display order: both sides sort a conversation by this string, and agree. */
  readonly order: string
}

export interface ConversationSummary {
  readonly conversationId: string
  /** Who a direct conversation is with. */
  readonly peerId: string
  readonly lastMessage: ChatMessage | null
  readonly unread: number
  readonly total: number
  /** Notifications are off for it now (a mute that ran out reads false). */
  readonly muted: boolean
  /** When a mute for a while ends (epoch ms); null when not muted or muted until unmuted. */
  readonly mutedUntil: number | null
  readonly draft: string
  /** Epoch ms of the latest activity (the last message, else the draft), for sorting the list. */
  readonly updatedAt: number
}

export interface MessagePage {
  /** Oldest first. */
  readonly messages: readonly ChatMessage[]
  /** There are older messages before the first one. */
  readonly hasBefore: boolean
  /** There are newer messages after the last one. */
  readonly hasAfter: boolean
}

export interface SearchHit {
  readonly conversationId: string
  readonly peerId: string
  readonly message: ChatMessage
}

/** The longest mute for a while: a year (longer is "until I unmute"). */
export const MUTE_MINUTES_MAX = 60 * 24 * 366

/**
 * What a desktop notification of a new message shows: its sender and text,
 * only who sent it, or only that a message came (for a screen others see).
 */
export const NOTIFICATION_CONTENTS = ['senderAndText', 'senderOnly', 'nothing'] as const
export type NotificationContent = (typeof NOTIFICATION_CONTENTS)[number]

export interface MessagingSettings {
  /** Send read receipts; as in Signal, with them off we neither send nor show them. */
  readonly readReceipts: boolean
  readonly typingIndicators: boolean
  /** Unless it is 'senderAndText', `messageNotified` carries no text at all. */
  readonly notificationContent: NotificationContent
}

export const messagingSettingsSchema = z
  .object({
    readReceipts: z.boolean(),
    typingIndicators: z.boolean(),
    notificationContent: z.enum(NOTIFICATION_CONTENTS),
  })
  .strict()

const timeSchema = z.number().nonnegative()
const countSchema = z.number().int().nonnegative()

export const quotedMessageSchema = z.object({
  id: messageIdSchema,
  fromMe: z.boolean(),
  text: z.string().max(QUOTE_TEXT_MAX),
  deleted: z.boolean(),
})

export const chatMessageSchema = z.object({
  id: messageIdSchema,
  conversationId: conversationIdSchema,
  peerId: peerIdSchema,
  fromMe: z.boolean(),
  seq: z.number().int().positive(),
  sentAt: timeSchema,
  receivedAt: timeSchema,
  text: z.string().max(MESSAGE_TEXT_MAX),
  replyTo: quotedMessageSchema.nullable(),
  editedAt: timeSchema.nullable(),
  deleted: z.boolean(),
  reactions: z.object({
    mine: z.string().max(REACTION_MAX_LENGTH).nullable(),
    theirs: z.string().max(REACTION_MAX_LENGTH).nullable(),
  }),
  state: z.enum(['sending', 'delivered', 'read', 'failed']).nullable(),
  order: z.string().min(1).max(ORDER_KEY_MAX),
})

export const conversationSummarySchema = z.object({
  conversationId: conversationIdSchema,
  peerId: peerIdSchema,
  lastMessage: chatMessageSchema.nullable(),
  unread: countSchema,
  total: countSchema,
  muted: z.boolean(),
  mutedUntil: timeSchema.nullable(),
  draft: z.string().max(DRAFT_MAX),
  updatedAt: timeSchema,
})

export const messagePageSchema = z.object({
  messages: z.array(chatMessageSchema).max(MESSAGE_PAGE_MAX).readonly(),
  hasBefore: z.boolean(),
  hasAfter: z.boolean(),
})

export const searchHitSchema = z.object({
  conversationId: conversationIdSchema,
  peerId: peerIdSchema,
  message: chatMessageSchema,
})

/**
 * Commands name a conversation by its ID (`Contact.conversationId`,
 * `ConversationSummary.conversationId`), never by a peer: a direct
 * conversation's ID is derived from the two peer IDs, a group's will not be.
 */
export const messageCommandSchemas = {
  listConversations: z.object({}).strict(),
  getMessages: z
    .object({
      conversationId: conversationIdSchema,
      /** Messages strictly before this order key; absent: the newest. */
      before: z.string().max(ORDER_KEY_MAX).optional(),
      /** Messages strictly after this order key (scrolling down after a jump). */
      after: z.string().max(ORDER_KEY_MAX).optional(),
      limit: z.number().int().min(1).max(MESSAGE_PAGE_MAX).optional(),
    })
    .strict(),
  /** A page centred on one message, for jumping to a search hit or a quote. */
  getMessageContext: z
    .object({
      conversationId: conversationIdSchema,
      messageId: messageIdSchema,
      limit: z.number().int().min(1).max(MESSAGE_PAGE_MAX),
    })
    .strict(),
  sendMessage: z
    .object({ conversationId: conversationIdSchema, text: messageTextSchema, replyTo: messageIdSchema.optional() })
    .strict(),
  editMessage: z
    .object({ conversationId: conversationIdSchema, messageId: messageIdSchema, text: messageTextSchema })
    .strict(),
  deleteMessage: z
    .object({ conversationId: conversationIdSchema, messageId: messageIdSchema, forEveryone: z.boolean() })
    .strict(),
  reactToMessage: z
    .object({ conversationId: conversationIdSchema, messageId: messageIdSchema, reaction: reactionSchema.nullable() })
    .strict(),
  /** Marks the conversation read up to its newest message (sends a read receipt if they are on). */
  markConversationRead: z.object({ conversationId: conversationIdSchema }).strict(),
  setTyping: z.object({ conversationId: conversationIdSchema, typing: z.boolean() }).strict(),
  setDraft: z.object({ conversationId: conversationIdSchema, draft: z.string().max(DRAFT_MAX) }).strict(),
  setConversationMuted: z
    .object({
      conversationId: conversationIdSchema,
      muted: z.boolean(),
      /** Muted for this long, then notifications come back; without it, until unmuted. */
      forMinutes: z
        .number()
        .int()
        .min(1)
        .max(MUTE_MINUTES_MAX, 'a mute is at most a year; leave the time out to mute until unmuted')
        .optional(),
    })
    .strict(),
  getMessagingSettings: z.object({}).strict(),
  /** Changes the settings named; the others stay as they are. */
  setMessagingSettings: messagingSettingsSchema.partial(),
  searchMessages: z
    .object({
      query: z.string().trim().min(1, 'Type something to search for').max(SEARCH_QUERY_MAX),
      conversationId: conversationIdSchema.optional(),
    })
    .strict(),
} as const

export interface MessageCommandResults {
  listConversations: readonly ConversationSummary[]
  getMessages: MessagePage
  getMessageContext: MessagePage
  sendMessage: ChatMessage
  editMessage: ChatMessage
  deleteMessage: null
  reactToMessage: ChatMessage
  markConversationRead: ConversationSummary
  setTyping: null
  setDraft: null
  setConversationMuted: ConversationSummary
  getMessagingSettings: MessagingSettings
  setMessagingSettings: MessagingSettings
  searchMessages: readonly SearchHit[]
}

export interface MessageEventPayloads {
  /** Messages were added or changed (sent, received, edited, deleted, reacted to, state changed). */
  messagesChanged: {
    readonly conversationId: string
    readonly peerId: string
    readonly messages: readonly ChatMessage[]
  }
  /** Messages deleted for this device only ("delete for me"): drop them from view. */
  messagesRemoved: {
    readonly conversationId: string
    readonly peerId: string
    readonly messageIds: readonly string[]
  }
  conversationChanged: ConversationSummary
  /** The contact started or stopped typing (only while typing indicators are on). */
  typingChanged: { readonly conversationId: string; readonly peerId: string; readonly typing: boolean }
  /**
   * A new message from a contact worth a desktop notification (not muted).
   * Hosts decide whether to show it (e.g. not while that chat is on screen).
   */
  messageNotified: {
    readonly conversationId: string
    readonly peerId: string
    readonly messageId: string
    readonly preview: string
  }
}
