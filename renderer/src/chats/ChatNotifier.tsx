import type { ReactNode } from 'react'
import { useApiEvents, useClient } from '../api/client-context.js'
import { useContactBook } from '../contacts/contact-book.js'
import { shortPeerId } from '../contacts/contact-labels.js'
import { useRouter } from '../router/router-context.js'
import { i18n } from '../i18n/i18n.js'
import { oneLine } from './chat-format.js'
import { showNotification } from './notifications.js'

/**
 * Turns `messageNotified` into a desktop notification, unless that chat is on
 * screen right now. Clicking it brings the window forward with the chat open.
 * Renders nothing.
 */
export function ChatNotifier(): ReactNode {
  const { route, navigate } = useRouter()
  const { contacts } = useContactBook()
  const client = useClient()

  useApiEvents((event) => {
    if (event.name !== 'messageNotified') {
      return
    }
    const { conversationId, peerId, preview } = event.payload
    const onScreen =
      document.visibilityState === 'visible' && route.name === 'chats' && route.conversationId === conversationId
    if (onScreen) {
      return
    }
    const name = contacts?.find((contact) => contact.peerId === peerId)?.name ?? shortPeerId(peerId)
    // what it may show is a setting of the account (the core already left the text out unless it may)
    void client.invoke('getMessagingSettings', {}).then((settings) => {
      const content = settings.ok ? settings.value.notificationContent : 'nothing'
      showNotification({
        title: content === 'nothing' ? i18n.t('common.appName') : name,
        body: content === 'senderAndText' && preview !== '' ? oneLine(preview, 200) : i18n.t('chats.newMessage'),
        tag: content === 'nothing' ? 'parley-message' : `parley-chat-${conversationId}`,
        onClick: () => {
          navigate({ name: 'chats', conversationId })
        },
      })
    })
  })

  return null
}
