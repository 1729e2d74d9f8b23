import MiniSearch from 'minisearch'

/**
 * Full-text search over decrypted history, held only in memory: filled from
 * the sealed store the first time someone searches after unlocking, then kept
 * up to date as messages arrive, change or go. Nothing of it is written to
 * disk, so there is nothing to protect at rest.
 */
export interface SearchDocument {
  /** The blinded conversation key part. */
  readonly conv: string
  /** Where the message lives in that conversation's history. */
  readonly order: string
  readonly text: string
}

export interface SearchHit {
  readonly conv: string
  readonly order: string
}

export interface SearchIndex {
  put(doc: SearchDocument): void
  remove(conv: string, order: string): void
  /**
   * Adds what the store holds, a chunk at a time with a turn of the event loop
   * between chunks (a long history takes seconds: the app keeps running).
   * What `put` and `remove` did meanwhile wins over what is read.
   */
  fill(docs: AsyncIterable<SearchDocument>): Promise<void>
  search(query: string, conv: string | undefined, limit: number): SearchHit[]
  readonly size: number
}

/** Documents added between two turns of the event loop while filling. */
const FILL_CHUNK = 2_000

export function createSearchIndex(): SearchIndex {
  const index = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    searchOptions: { prefix: true, fuzzy: 0.15, combineWith: 'AND' },
  })
  // IDs are `<conversation number>|<order>`: shorter than the blinded key, and a prefix to filter on
  const numbers = new Map<string, number>()
  const convs: string[] = []
  const idOf = (conv: string, order: string): string => {
    let n = numbers.get(conv)
    if (n === undefined) {
      n = convs.push(conv) - 1
      numbers.set(conv, n)
    }
    return `${String(n)}|${order}`
  }
  /** Removed while filling: not to be added back from an older read. */
  let removedWhileFilling: Set<string> | undefined

  return {
    put(doc) {
      const id = idOf(doc.conv, doc.order)
      if (index.has(id)) index.discard(id)
      index.add({ id, text: doc.text })
      removedWhileFilling?.delete(id)
    },
    remove(conv, order) {
      const id = idOf(conv, order)
      if (index.has(id)) index.discard(id)
      removedWhileFilling?.add(id)
    },
    async fill(docs) {
      const removed = (removedWhileFilling = new Set())
      try {
        let n = 0
        for await (const doc of docs) {
          const id = idOf(doc.conv, doc.order)
          if (!index.has(id) && !removed.has(id)) index.add({ id, text: doc.text })
          if (++n % FILL_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve))
        }
      } finally {
        removedWhileFilling = undefined
      }
    },
    search(query, conv, limit) {
      const prefix = conv === undefined ? undefined : `${String(numbers.get(conv) ?? -1)}|`
      const hits = index.search(
        query,
        prefix === undefined ? {} : { filter: (hit) => String(hit.id).startsWith(prefix) },
      )
      return hits.slice(0, limit).map((hit) => {
        const id = String(hit.id)
        const bar = id.indexOf('|')
        return { conv: convs[Number(id.slice(0, bar))] ?? '', order: id.slice(bar + 1) }
      })
    },
    get size() {
      return index.documentCount
    },
  }
}
