import type { CommandHandlers } from '../api/index.js'
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
 * The contacts and messages commands: each hands its arguments to the open
 * account's service (`require…` throws LOCKED when no account is open).
 */
export function conversationHandlers(
  requireContacts: () => ContactsService,
  requireMessages: () => MessagesService,
): Pick<CommandHandlers, ConversationCommand> {
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

    listConversations: () => requireMessages().listConversations(),
    getMessages: ({ peerId, before, after, limit }) =>
      requireMessages().getMessages(peerId, {
        ...(before === undefined ? {} : { before }),
        ...(after === undefined ? {} : { after }),
        ...(limit === undefined ? {} : { limit }),
      }),
    getMessageContext: ({ peerId, messageId, limit }) => requireMessages().getMessageContext(peerId, messageId, limit),
    sendMessage: ({ peerId, text, replyTo }) => requireMessages().send(peerId, text, replyTo),
    editMessage: ({ peerId, messageId, text }) => requireMessages().edit(peerId, messageId, text),
    deleteMessage: async ({ peerId, messageId, forEveryone }) => {
      await requireMessages().delete(peerId, messageId, forEveryone)
      return null
    },
    reactToMessage: ({ peerId, messageId, reaction }) => requireMessages().react(peerId, messageId, reaction),
    markConversationRead: ({ peerId }) => requireMessages().markRead(peerId),
    setTyping: async ({ peerId, typing }) => {
      await requireMessages().setTyping(peerId, typing)
      return null
    },
    setDraft: async ({ peerId, draft }) => {
      await requireMessages().setDraft(peerId, draft)
      return null
    },
    setConversationMuted: ({ peerId, muted }) => requireMessages().setMuted(peerId, muted),
    getMessagingSettings: () => Promise.resolve(requireMessages().settings()),
    setMessagingSettings: (settings) => requireMessages().setSettings(settings),
    searchMessages: ({ query, peerId }) => requireMessages().search(query, peerId),
  }
}
