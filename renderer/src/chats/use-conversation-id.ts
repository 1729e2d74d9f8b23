import { useContactBook } from '../contacts/contact-book.js'
import { useConversations } from './conversations-context.js'

/**
 * The ID of the direct conversation with a peer, which every message command
 * names: a contact's, else that of a conversation kept from someone who is no
 * longer one (empty until the lists have loaded: commands then fail
 * validation rather than reach the wrong conversation).
 */
export function useConversationId(peerId: string): string {
  const { contacts } = useContactBook()
  const { summaries } = useConversations()
  return contacts?.find((c) => c.peerId === peerId)?.conversationId ?? summaries?.get(peerId)?.conversationId ?? ''
}
