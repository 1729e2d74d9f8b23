import { useContactBook } from '../contacts/contact-book.js'

/**
 * The ID of the direct conversation with a contact, which every message
 * command names (empty until the contact list has loaded: commands then fail
 * validation rather than reach the wrong conversation).
 */
export function useConversationId(peerId: string): string {
  const { contacts } = useContactBook()
  return contacts?.find((c) => c.peerId === peerId)?.conversationId ?? ''
}
