import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import type { ChatMessage, MessagePage, Result } from '../../../src/api/index.js'
import { useApiEvents, useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { describeError } from '../lib/describe-error.js'
import {
  EMPTY_WINDOW,
  appendPage,
  prependPage,
  removeMessage,
  replaceWindow,
  upsertMessages,
  type MessageWindow,
} from './message-window.js'

/** Messages per page: enough to fill a tall window twice. */
export const PAGE_SIZE = 50

export interface MessageWindowSource {
  readonly view: MessageWindow
  readonly error: string | undefined
  readonly loadingOlder: boolean
  /** Fetch the newest page again (after an error, or to leave a jump). */
  readonly reload: () => void
  readonly loadOlder: () => void
  readonly loadNewer: () => void
  /** Replace the window with the page around one message; false if the core does not have it. */
  readonly jumpTo: (messageId: string) => Promise<boolean>
  /** Take messages a command returned, without waiting for the event. */
  readonly accept: (messages: readonly ChatMessage[]) => void
  readonly remove: (messageId: string) => void
}

/**
 * One conversation's message window: the newest page on open (and again on
 * every reconnection), older pages as the list scrolls up, newer ones after a
 * jump, and `messagesChanged` applied by ID. Events that arrive while a page
 * is on its way are applied again once it lands, so a page never undoes one.
 */
export function useMessageWindow(peerId: string, conversationId: string): MessageWindowSource {
  const client = useClient()
  const [view, setView] = useState<MessageWindow>(EMPTY_WINDOW)
  const [error, setError] = useState<string | undefined>(undefined)
  const [loadingOlder, setLoadingOlder] = useState(false)
  /** The latest window, for deciding what to fetch next. */
  const latest = useRef(view)
  useLayoutEffect(() => {
    latest.current = view
  })
  const inFlight = useRef(0)
  const busy = useRef({ older: false, newer: false })
  /** Messages pushed while a page was loading: re-applied over it. */
  const pushed = useRef<ChatMessage[]>([])
  /** Deleted for me: a late event must not bring them back. */
  const removed = useRef(new Set<string>())

  /** Bumped by every jump: only the latest one lands. */
  const jumps = useRef(0)

  /**
   * Load a page and merge it. A page asked for before the window was replaced
   * no longer fits and is dropped, unless it is itself a jump (`jump`: its number).
   */
  const fetchPage = useCallback(
    async (
      load: () => Promise<Result<MessagePage>>,
      merge: (w: MessageWindow, page: MessagePage) => MessageWindow,
      jump?: number,
    ) => {
      inFlight.current += 1
      const epoch = latest.current.epoch
      const result = await load()
      inFlight.current -= 1
      const replay = pushed.current.filter((message) => !removed.current.has(message.id))
      if (inFlight.current === 0) {
        pushed.current = []
      }
      if (!result.ok) {
        // a jump that fails leaves the window as it was; the chat says why
        if (jump === undefined) {
          setError(describeError(result.error))
        }
        return false
      }
      setError(undefined)
      const page = { ...result.value, messages: result.value.messages.filter((m) => !removed.current.has(m.id)) }
      const fits = (current: MessageWindow): boolean =>
        jump === undefined ? current.epoch === epoch : jump === jumps.current
      if (jump !== undefined && !fits(latest.current)) {
        return false
      }
      setView((current) => (fits(current) ? upsertMessages(merge(current, page), replay) : current))
      return true
    },
    [],
  )

  const reload = useRefreshWhenOpen(async () => {
    await fetchPage(
      () => client.invoke('getMessages', { conversationId, limit: PAGE_SIZE }),
      (current, page) => {
        const last = current.messages.at(-1)
        const first = page.messages[0]
        const overlaps = last !== undefined && (first === undefined || first.order <= last.order || !page.hasBefore)
        return current.loaded && !current.hasAfter && overlaps
          ? upsertMessages(current, page.messages)
          : replaceWindow(current, page)
      },
    )
  })

  const loadOlder = useCallback(() => {
    const first = latest.current.messages[0]
    if (busy.current.older || !latest.current.hasBefore || first === undefined) {
      return
    }
    busy.current.older = true
    setLoadingOlder(true)
    void fetchPage(
      () => client.invoke('getMessages', { conversationId, before: first.order, limit: PAGE_SIZE }),
      prependPage,
    ).finally(() => {
      busy.current.older = false
      setLoadingOlder(false)
    })
  }, [client, fetchPage, conversationId])

  const loadNewer = useCallback(() => {
    const last = latest.current.messages.at(-1)
    if (busy.current.newer || !latest.current.hasAfter || last === undefined) {
      return
    }
    busy.current.newer = true
    void fetchPage(
      () => client.invoke('getMessages', { conversationId, after: last.order, limit: PAGE_SIZE }),
      appendPage,
    ).finally(() => {
      busy.current.newer = false
    })
  }, [client, fetchPage, conversationId])

  const jumpTo = useCallback(
    (messageId: string) => {
      jumps.current += 1
      return fetchPage(
        () => client.invoke('getMessageContext', { conversationId, messageId, limit: PAGE_SIZE }),
        (current, page) => replaceWindow(current, page, messageId),
        jumps.current,
      )
    },
    [client, fetchPage, conversationId],
  )

  const accept = useCallback(
    (messages: readonly ChatMessage[]) => {
      const kept = messages.filter((message) => message.peerId === peerId && !removed.current.has(message.id))
      if (inFlight.current > 0) {
        pushed.current.push(...kept)
      }
      setView((current) => upsertMessages(current, kept))
    },
    [peerId],
  )

  const remove = useCallback((messageId: string) => {
    removed.current.add(messageId)
    setView((current) => removeMessage(current, messageId))
  }, [])

  useApiEvents((event) => {
    if (event.name === 'messagesChanged' && event.payload.peerId === peerId) {
      accept(event.payload.messages)
    } else if (event.name === 'messagesRemoved' && event.payload.peerId === peerId) {
      event.payload.messageIds.forEach(remove)
    }
  })

  return { view, error, loadingOlder, reload, loadOlder, loadNewer, jumpTo, accept, remove }
}
