import MiniSearch from 'minisearch'

/**
 * Full-text search over decrypted history, held only in memory: built from the
 * sealed store the first time someone searches after unlocking, then kept up
 * to date as messages arrive, change or go. Nothing of it is written to disk,
 * so there is nothing to protect at rest.
 */
export interface SearchDocument {
  /** `<conversation>|<order>`: where the message lives in the store. */
  readonly id: string
  readonly peerId: string
  readonly text: string
}

export interface SearchIndex {
  put(doc: SearchDocument): void
  remove(id: string): void
  search(query: string, peerId: string | undefined, limit: number): string[]
  readonly size: number
}

export function createSearchIndex(docs: Iterable<SearchDocument>): SearchIndex {
  const index = new MiniSearch<SearchDocument>({
    fields: ['text'],
    storeFields: ['peerId'],
    searchOptions: { prefix: true, fuzzy: 0.15, combineWith: 'AND' },
  })
  index.addAll([...docs])
  return {
    put(doc) {
      if (index.has(doc.id)) index.discard(doc.id)
      index.add(doc)
    },
    remove(id) {
      if (index.has(id)) index.discard(id)
    },
    search(query, peerId, limit) {
      const hits = index.search(query, peerId === undefined ? {} : { filter: (hit) => hit.peerId === peerId })
      return hits.slice(0, limit).map((hit) => String(hit.id))
    },
    get size() {
      return index.documentCount
    },
  }
}
