import type { Libp2p } from 'libp2p'
import type {
  ApiEvent,
  ChatMessage,
  ConversationSummary,
  MessagePage,
  MessagingSettings,
  SearchHit,
} from '../api/index.js'

/** The direct-message service of one unlocked account (docs/PROTOCOL.md §7). */
export interface MessagesService {
  /** Binds to a freshly started node (protocol handler, retries), or unbinds (undefined). */
  attach(node: Libp2p | undefined): Promise<void>
  listConversations(): Promise<ConversationSummary[]>
  getMessages(peerId: string, page: { before?: string; after?: string; limit?: number }): Promise<MessagePage>
  getMessageContext(peerId: string, messageId: string, limit: number): Promise<MessagePage>
  send(peerId: string, text: string, replyTo?: string): Promise<ChatMessage>
  edit(peerId: string, messageId: string, text: string): Promise<ChatMessage>
  delete(peerId: string, messageId: string, forEveryone: boolean): Promise<void>
  react(peerId: string, messageId: string, reaction: string | null): Promise<ChatMessage>
  markRead(peerId: string): Promise<ConversationSummary>
  setTyping(peerId: string, typing: boolean): Promise<void>
  setDraft(peerId: string, draft: string): Promise<void>
  /** Mutes (for `forMinutes`, or until unmuted) or unmutes a conversation. */
  setMuted(peerId: string, muted: boolean, forMinutes?: number): Promise<ConversationSummary>
  settings(): MessagingSettings
  setSettings(settings: Partial<MessagingSettings>): Promise<MessagingSettings>
  search(query: string, peerId?: string): Promise<SearchHit[]>
  /** Called with contract events (peers connecting, contacts changing). */
  onNetworkEvent(event: ApiEvent): void
  stop(): Promise<void>
}
