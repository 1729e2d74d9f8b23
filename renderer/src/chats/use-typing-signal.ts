import { useCallback, useEffect, useRef } from 'react'
import { useClient } from '../api/client-context.js'

/** "Still typing" is said at most this often. */
export const TYPING_REPEAT_MS = 3_000
/** Without a keystroke for this long, we stopped typing. */
export const TYPING_IDLE_MS = 5_000

export interface TypingSignal {
  /** The text changed to this. */
  readonly typed: (text: string) => void
  /** Sent, cleared, or left: no longer typing. */
  readonly stop: () => void
}

/** Tells the contact we are typing (if they see typing indicators, the core decides). */
export function useTypingSignal(conversationId: string): TypingSignal {
  const client = useClient()
  /** When we last said "typing"; 0 while we are not. */
  const lastSaid = useRef(0)
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  const stop = useCallback(() => {
    clearTimeout(idle.current)
    idle.current = undefined
    if (lastSaid.current !== 0) {
      lastSaid.current = 0
      void client.invoke('setTyping', { conversationId, typing: false })
    }
  }, [client, conversationId])

  const typed = useCallback(
    (text: string) => {
      if (text.trim() === '') {
        stop()
        return
      }
      const now = Date.now()
      if (now - lastSaid.current >= TYPING_REPEAT_MS) {
        lastSaid.current = now
        void client.invoke('setTyping', { conversationId, typing: true })
      }
      clearTimeout(idle.current)
      idle.current = setTimeout(stop, TYPING_IDLE_MS)
    },
    [client, conversationId, stop],
  )

  useEffect(() => stop, [stop])

  return { typed, stop }
}
