import { useCallback, useEffect, useRef } from 'react'
import { DRAFT_MAX } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'

/** How long typing pauses before the draft is saved. */
export const DRAFT_DEBOUNCE_MS = 400

export interface DraftSaver {
  /** Save this text soon (debounced). */
  readonly save: (text: string) => void
  /** Save what is pending now. */
  readonly flush: () => void
  /** The core already holds this text (the draft loaded, or cleared by a send). */
  readonly known: (text: string) => void
}

/**
 * Keeps one conversation's draft in the core: debounced while typing, and
 * at once when the chat closes (switching conversation, leaving the screen)
 * or the page goes away.
 */
export function useDraftSaver(conversationId: string): DraftSaver {
  const client = useClient()
  const pending = useRef<string | undefined>(undefined)
  const saved = useRef<string | undefined>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  const flush = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = undefined
    const text = pending.current
    pending.current = undefined
    if (text === undefined || text === saved.current) {
      return
    }
    saved.current = text
    void client.invoke('setDraft', { conversationId, draft: text.slice(0, DRAFT_MAX) })
  }, [client, conversationId])

  const save = useCallback(
    (text: string) => {
      pending.current = text
      clearTimeout(timer.current)
      timer.current = setTimeout(flush, DRAFT_DEBOUNCE_MS)
    },
    [flush],
  )

  const known = useCallback((text: string) => {
    saved.current = text
  }, [])

  useEffect(() => {
    window.addEventListener('pagehide', flush)
    return () => {
      window.removeEventListener('pagehide', flush)
      flush()
    }
  }, [flush])

  return { save, flush, known }
}
