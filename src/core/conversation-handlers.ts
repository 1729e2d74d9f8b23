import { ApiFailure, type CommandHandlers } from '../api/index.js'
import type { ContactsService } from '../contacts/contacts-service.js'
import type { MessagesService } from '../messages/service-types.js'

type ConversationCommand =
  | 'createInvite'
  | 'previewInvite'
  | 'acceptInvite'
  | 'listContacts'
  | 'listContactRequests'
  | 'respondToRequest'
  | 'renameContact'
  | 'removeContact'
  | 'blockPeer'
  | 'unblockPeer'
  | 'getSafetyNumber'
  | 'verifyContact'
  | 'unverifyContact'
  | 'setNearbyVisibility'
  | 'getNearbyVisibility'
  | 'listNearby'
  | 'addNearby'
  | 'getOwnFingerprint'
  | 'listConversations'
  | 'getMessages'
  | 'getMessageContext'
  | 'sendMessage'
  | 'editMessage'
  | 'deleteMessage'
  | 'reactToMessage'
  | 'markConversationRead'
  | 'setTyping'
  | 'setDraft'
  | 'setConversationMuted'
  | 'getMessagingSettings'
  | 'setMessagingSettings'
  | 'searchMessages'

/**
 * The peer a conversation ID names: one of the contacts (each carries its
 * conversation's ID), else a conversation kept from someone who is no longer
 * one (readable, not writable: the messages service decides). Looked up at
 * every call, so it follows the contacts as they change; NOT_FOUND otherwise.
 */
async function peerOf(contacts: ContactsService, messages: MessagesService, conversationId: string): Promise<string> {
  const contact = contacts.peerOfConversation(conversationId)
  if (contact !== undefined) return contact
  const kept = (await messages.listConversations()).find((c) => c.conversationId === conversationId)
  if (kept !== undefined) return kept.peerId
  throw new ApiFailure('NOT_FOUND', 'no such conversation')
}

/**
 * The contacts and messages commands: each hands its arguments to the open
 * account's service (`require…` throws LOCKED when no account is open).
 * Messages commands name a conversation by ID; the service is keyed by peer.
 */
export function conversationHandlers(
  requireContacts: () => ContactsService,
  requireMessages: () => MessagesService,
): Pick<CommandHandlers, ConversationCommand> {
  /** The open account's messages service and the peer of this conversation. */
  const open = async (conversationId: string): Promise<{ messages: MessagesService; peerId: string }> => {
    const contacts = requireContacts()
    const messages = requireMessages()
    return { messages, peerId: await peerOf(contacts, messages, conversationId) }
  }

  return {
    createInvite: ({ expiresInHours, singleUse }) => requireContacts().createInvite(expiresInHours, singleUse),
    previewInvite: ({ link }) => requireContacts().previewInvite(link),
    acceptInvite: ({ link, message }) => requireContacts().acceptInvite(link, message ?? ''),
    listContacts: () => Promise.resolve(requireContacts().list()),
    listContactRequests: () => Promise.resolve(requireContacts().requests()),
    respondToRequest: ({ requestId, response }) => requireContacts().respond(requestId, response),
    renameContact: ({ peerId, name }) => requireContacts().rename(peerId, name),
    removeContact: async ({ peerId }) => {
      await requireContacts().remove(peerId)
      return null
    },
    blockPeer: async ({ peerId }) => {
      await requireContacts().block(peerId)
      return null
    },
    unblockPeer: async ({ peerId }) => {
      await requireContacts().unblock(peerId)
      return null
    },
    getSafetyNumber: ({ peerId }) => Promise.resolve(requireContacts().safetyNumber(peerId)),
    verifyContact: ({ peerId, scannedPayload }) => requireContacts().verify(peerId, scannedPayload),
    unverifyContact: ({ peerId }) => requireContacts().unverify(peerId),
    setNearbyVisibility: async ({ visible }) => {
      await requireContacts().setNearbyVisible(visible)
      return { visible }
    },
    getNearbyVisibility: () => Promise.resolve({ visible: requireContacts().nearbyVisible() }),
    listNearby: () => Promise.resolve(requireContacts().nearby()),
    addNearby: ({ peerId, message }) => requireContacts().addNearby(peerId, message ?? ''),
    getOwnFingerprint: () => Promise.resolve(requireContacts().ownFingerprint()),

    listConversations: () => requireMessages().listConversations(),
    getMessages: async ({ conversationId, before, after, limit }) => {
      const { messages, peerId } = await open(conversationId)
      return messages.getMessages(peerId, {
        ...(before === undefined ? {} : { before }),
        ...(after === undefined ? {} : { after }),
        ...(limit === undefined ? {} : { limit }),
      })
    },
    getMessageContext: async ({ conversationId, messageId, limit }) => {
      const { messages, peerId } = await open(conversationId)
      return messages.getMessageContext(peerId, messageId, limit)
    },
    sendMessage: async ({ conversationId, text, replyTo }) => {
      const { messages, peerId } = await open(conversationId)
      return messages.send(peerId, text, replyTo)
    },
    editMessage: async ({ conversationId, messageId, text }) => {
      const { messages, peerId } = await open(conversationId)
      return messages.edit(peerId, messageId, text)
    },
    deleteMessage: async ({ conversationId, messageId, forEveryone }) => {
      const { messages, peerId } = await open(conversationId)
      await messages.delete(peerId, messageId, forEveryone)
      return null
    },
    reactToMessage: async ({ conversationId, messageId, reaction }) => {
      const { messages, peerId } = await open(conversationId)
      return messages.react(peerId, messageId, reaction)
    },
    markConversationRead: async ({ conversationId }) => {
      const { messages, peerId } = await open(conversationId)
      return messages.markRead(peerId)
    },
    setTyping: async ({ conversationId, typing }) => {
      const { messages, peerId } = await open(conversationId)
      await messages.setTyping(peerId, typing)
      return null
    },
    setDraft: async ({ conversationId, draft }) => {
      const { messages, peerId } = await open(conversationId)
      await messages.setDraft(peerId, draft)
      return null
    },
    setConversationMuted: async ({ conversationId, muted, forMinutes }) => {
      const { messages, peerId } = await open(conversationId)
      return messages.setMuted(peerId, muted, forMinutes)
    },
    getMessagingSettings: () => Promise.resolve(requireMessages().settings()),
    setMessagingSettings: (settings) => requireMessages().setSettings(settings),
    searchMessages: async ({ query, conversationId }) => {
      if (conversationId === undefined) return requireMessages().search(query)
      const { messages, peerId } = await open(conversationId)
      return messages.search(query, peerId)
    },
  }
}
