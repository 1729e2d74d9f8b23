import { createContext, use } from 'react'
import type { ConversationSummary } from '../../../src/api/index.js'

/** The conversations of the unlocked account and who is typing, kept live for the whole shell. */
export interface Conversations {
  /** By peer ID; undefined until the core has answered. */
  readonly summaries: ReadonlyMap<string, ConversationSummary> | undefined
  /** Contacts typing to us right now. */
  readonly typing: ReadonlySet<string>
  /** Unread messages in conversations that are not muted: the sidebar counts them. */
  readonly unreadTotal: number
  /** Why the last fetch failed, if it did. */
  readonly error: string | undefined
  readonly reload: () => void
  /** Take a summary a command returned, without waiting for the event. */
  readonly accept: (summary: ConversationSummary) => void
}

export const ConversationsContext = createContext<Conversations | null>(null)

export function useConversations(): Conversations {
  const conversations = use(ConversationsContext)
  if (conversations === null) {
    throw new Error('useConversations() must be used inside <ConversationsProvider>')
  }
  return conversations
}

/** Newest activity first. */
export function sortConversations(summaries: Iterable<ConversationSummary>): ConversationSummary[] {
  return [...summaries].sort((a, b) => b.updatedAt - a.updatedAt || a.peerId.localeCompare(b.peerId))
}
