import { useEffect, useState } from 'react'
import type { SearchHit } from '../../../src/api/index.js'
import { useClient } from '../api/client-context.js'
import { describeError } from '../lib/describe-error.js'

/** Typing pauses this long before the search runs. */
export const SEARCH_DEBOUNCE_MS = 250

export interface MessageSearch {
  /** Undefined while there is no query, or before its first answer. */
  readonly hits: readonly SearchHit[] | undefined
  /** The query typed has no answer yet. */
  readonly searching: boolean
  readonly error: string | undefined
}

interface Answer {
  readonly query: string
  readonly hits: readonly SearchHit[] | undefined
  readonly error: string | undefined
}

/** Searches all conversations as the query changes; an answer to an older query is dropped. */
export function useMessageSearch(query: string): MessageSearch {
  const client = useClient()
  const [answer, setAnswer] = useState<Answer | undefined>(undefined)
  const trimmed = query.trim()

  useEffect(() => {
    if (trimmed === '') {
      return
    }
    let current = true
    const timer = setTimeout(() => {
      void client.invoke('searchMessages', { query: trimmed }).then((result) => {
        if (current) {
          setAnswer(
            result.ok
              ? { query: trimmed, hits: result.value, error: undefined }
              : { query: trimmed, hits: undefined, error: describeError(result.error) },
          )
        }
      })
    }, SEARCH_DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [client, trimmed])

  if (trimmed === '') {
    return { hits: undefined, searching: false, error: undefined }
  }
  const fresh = answer?.query === trimmed
  return {
    hits: answer?.hits,
    searching: !fresh,
    error: fresh ? answer.error : undefined,
  }
}
