import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ConversationSummary } from '../../../src/api/index.js'
import { useApiEvents, useClient } from '../api/client-context.js'
import { useRefreshWhenOpen } from '../api/use-refresh.js'
import { describeError } from '../lib/describe-error.js'
import { ConversationsContext, type Conversations } from './conversations-context.js'

type SummaryMap = ReadonlyMap<string, ConversationSummary>

function withSummary(map: SummaryMap | undefined, summary: ConversationSummary): SummaryMap | undefined {
  if (map === undefined) {
    return map
  }
  const next = new Map(map)
  next.set(summary.peerId, summary)
  return next
}

/**
 * Fetches the conversation list when the link to the core opens, then takes
 * the summaries `conversationChanged` pushes, and follows `typingChanged`.
 * A fetch answered after an event keeps what the event said for that peer.
 */
export function ConversationsProvider({ children }: { readonly children: ReactNode }): ReactNode {
  const client = useClient()
  const [summaries, setSummaries] = useState<SummaryMap | undefined>(undefined)
  const [typing, setTyping] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<string | undefined>(undefined)
  /** Peers whose summary an event (or a command) gave us while a fetch was under way. */
  const fresh = useRef<Map<string, ConversationSummary> | undefined>(undefined)

  const reload = useRefreshWhenOpen(async () => {
    const since = new Map<string, ConversationSummary>()
    fresh.current = since
    const listed = await client.invoke('listConversations', {})
    if (fresh.current === since) {
      fresh.current = undefined
    }
    if (!listed.ok) {
      setError(describeError(listed.error))
      return
    }
    setError(undefined)
    const next = new Map(listed.value.map((summary) => [summary.peerId, summary]))
    for (const [peerId, summary] of since) {
      next.set(peerId, summary)
    }
    setSummaries(next)
  })

  const accept = useCallback((summary: ConversationSummary): void => {
    fresh.current?.set(summary.peerId, summary)
    setSummaries((map) => withSummary(map, summary))
  }, [])

  useApiEvents((event) => {
    if (event.name === 'conversationChanged') {
      accept(event.payload)
    } else if (event.name === 'typingChanged') {
      const { peerId, typing: isTyping } = event.payload
      setTyping((set) => {
        if (set.has(peerId) === isTyping) {
          return set
        }
        const next = new Set(set)
        if (isTyping) {
          next.add(peerId)
        } else {
          next.delete(peerId)
        }
        return next
      })
    }
  })

  const value = useMemo<Conversations>(() => {
    let unreadTotal = 0
    for (const summary of summaries?.values() ?? []) {
      unreadTotal += summary.muted ? 0 : summary.unread
    }
    return { summaries, typing, unreadTotal, error, reload, accept }
  }, [summaries, typing, error, reload, accept])

  return <ConversationsContext value={value}>{children}</ConversationsContext>
}
