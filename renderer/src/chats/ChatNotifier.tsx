import type { ReactNode } from 'react'
import { useApiEvents } from '../api/client-context.js'
import { useContactBook } from '../contacts/contact-book.js'
import { shortPeerId } from '../contacts/contact-labels.js'
import { useRouter } from '../router/router-context.js'
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
    showNotification({
      title: name,
      body: oneLine(preview, 200),
      tag: `parley-chat-${conversationId}`,
      onClick: () => {
        navigate({ name: 'chats', conversationId })
      },
    })
  })

  return null
}
