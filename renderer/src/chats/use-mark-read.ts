import { useEffect, useRef } from 'react'
import { useClient } from '../api/client-context.js'
import { useConversations } from './conversations-context.js'
import { usePageVisible } from './use-page-visible.js'

/**
 * While this chat is open and the page is on screen, whatever arrives unread
 * is read: on opening, on new messages, and on coming back to the page.
 */
export function useMarkRead(peerId: string, conversationId: string, ready: boolean): void {
  const client = useClient()
  const { summaries, accept } = useConversations()
  const visible = usePageVisible()
  const unread = summaries?.get(peerId)?.unread ?? 0
  const marking = useRef(false)

  useEffect(() => {
    if (!ready || !visible || unread === 0 || marking.current) {
      return
    }
    marking.current = true
    void client.invoke('markConversationRead', { conversationId }).then((result) => {
      marking.current = false
      if (result.ok) {
        accept(result.value)
      }
    })
  }, [client, peerId, conversationId, ready, visible, unread, accept])
}
