import { z } from 'zod'
import { peerIdArg } from './contacts.js'

/** Limits shared by the UI and the core. */
export const MESSAGE_TEXT_MAX = 8000
export const DRAFT_MAX = MESSAGE_TEXT_MAX
export const MESSAGE_PAGE_MAX = 200
export const SEARCH_QUERY_MAX = 200
export const SEARCH_RESULTS_MAX = 50
/** Reactions are one emoji (a short grapheme cluster), not free text. */
export const REACTION_MAX_LENGTH = 16

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
  .refine((text) => !/[\p{Cc}\s]/u.test(text), 'A reaction is a single emoji')

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

/** 32 lowercase hex characters: a direct conversation's is derived from the two peer IDs, a group's is random. */
export const conversationIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a conversation ID')

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
  readonly muted: boolean
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

export interface MessagingSettings {
  /** Send read receipts; as in Signal, with them off we neither send nor show them. */
  readonly readReceipts: boolean
  readonly typingIndicators: boolean
}

export const messagingSettingsSchema = z.object({ readReceipts: z.boolean(), typingIndicators: z.boolean() }).strict()

export const messageCommandSchemas = {
  listConversations: z.object({}).strict(),
  getMessages: z
    .object({
      peerId: peerIdArg,
      /** Messages strictly before this order key; absent: the newest. */
      before: z.string().max(64).optional(),
      /** Messages strictly after this order key (scrolling down after a jump). */
      after: z.string().max(64).optional(),
      limit: z.number().int().min(1).max(MESSAGE_PAGE_MAX).optional(),
    })
    .strict(),
  /** A page centred on one message, for jumping to a search hit or a quote. */
  getMessageContext: z
    .object({ peerId: peerIdArg, messageId: messageIdSchema, limit: z.number().int().min(1).max(MESSAGE_PAGE_MAX) })
    .strict(),
  sendMessage: z.object({ peerId: peerIdArg, text: messageTextSchema, replyTo: messageIdSchema.optional() }).strict(),
  editMessage: z.object({ peerId: peerIdArg, messageId: messageIdSchema, text: messageTextSchema }).strict(),
  deleteMessage: z.object({ peerId: peerIdArg, messageId: messageIdSchema, forEveryone: z.boolean() }).strict(),
  reactToMessage: z
    .object({ peerId: peerIdArg, messageId: messageIdSchema, reaction: reactionSchema.nullable() })
    .strict(),
  /** Marks the conversation read up to its newest message (sends a read receipt if they are on). */
  markConversationRead: z.object({ peerId: peerIdArg }).strict(),
  setTyping: z.object({ peerId: peerIdArg, typing: z.boolean() }).strict(),
  setDraft: z.object({ peerId: peerIdArg, draft: z.string().max(DRAFT_MAX) }).strict(),
  setConversationMuted: z.object({ peerId: peerIdArg, muted: z.boolean() }).strict(),
  getMessagingSettings: z.object({}).strict(),
  setMessagingSettings: messagingSettingsSchema,
  searchMessages: z
    .object({
      query: z.string().trim().min(1, 'Type something to search for').max(SEARCH_QUERY_MAX),
      peerId: peerIdArg.optional(),
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
