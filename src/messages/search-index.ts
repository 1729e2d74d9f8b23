import { Charset, Encoder, Index } from 'flexsearch'
import { TERM_MAX_CHARS } from './search-records.js'

/**
 * Full-text search held in memory: FlexSearch, matching the start of every
 * word, with case and accents folded (numbers and repeated letters kept as
 * typed: 4000 is not 40). Since the index is persisted (search-store.ts) it
 * holds only the messages written since the last merge into the store, a few
 * thousand at most; for a whole history of a million messages it would hold
 * 0.3–0.9 GB. `termsOf` and `matchesQuery` split and fold text the same way
 * for the persisted index and for checking a hit against its message.
 */
export interface SearchDocument extends SearchHit {
  readonly text: string
}

/** A message, by what identifies it in its conversation. */
export interface SearchHit {
  /** The blinded conversation key part. */
  readonly conv: string
  readonly fromMe: boolean
  readonly seq: number
}

export interface SearchIndex {
  put(doc: SearchDocument): void
  remove(message: SearchHit): void
  /**
   * Adds what the store holds, a chunk at a time with a turn of the event loop
   * between chunks (a long history takes seconds: the app keeps running).
   * What `put` and `remove` did meanwhile wins over what is read.
   */
  fill(docs: AsyncIterable<SearchDocument>): Promise<void>
  /** Messages with every word of the query (as a word or its start), best first. */
  search(query: string, conv: string | undefined, limit: number): SearchHit[]
}

/** Documents added between two turns of the event loop while filling. */
const FILL_CHUNK = 2_000
/** Candidates looked at when the search is limited to one conversation. */
const CANDIDATES_FOR_ONE = 20_000
const SEQ_SPAN = 2 ** 32
/** Conversations one index can tell apart in its numeric IDs (below 2^53). */
const MAX_CONVERSATIONS = 2 ** 20

const newEncoder = (cache = true): Encoder =>
  new Encoder({ ...Charset.Normalize, numeric: false, dedupe: false, cache })
/** Without a cache: it would hold up to 200,000 texts while the whole history is read. */
const termEncoder = newEncoder(false)
/** A term cut to TERM_MAX_CHARS UTF-16 units, never inside a surrogate pair. */
export function cutTerm(term: string): string {
  if (term.length <= TERM_MAX_CHARS) return term
  const last = term.charCodeAt(TERM_MAX_CHARS - 1)
  return term.slice(0, last >= 0xd800 && last <= 0xdbff ? TERM_MAX_CHARS - 1 : TERM_MAX_CHARS)
}

/** The distinct words of a text, folded as the index folds them (and cut to TERM_MAX_CHARS). */
export function termsOf(text: string): string[] {
  return [...new Set(termEncoder.encode(text).map(cutTerm))]
}

/** The words of a query, folded, uncut (a hit is checked against its text with them). */
export function queryTerms(query: string): string[] {
  return [...new Set(termEncoder.encode(query))]
}

/** Every word of the query is a word of the text or the start of one. */
export function matchesQuery(words: readonly string[], text: string): boolean {
  if (words.length === 0) return false
  const terms = termEncoder.encode(text)
  return words.every((w) => terms.some((t) => t.startsWith(w)))
}

export function createSearchIndex(): SearchIndex {
  const index = new Index({ tokenize: 'forward', encoder: newEncoder() })
  // numeric IDs, nothing kept per message besides the index: (conversation number · 2 + fromMe) · 2^32 + seq
  const numbers = new Map<string, number>()
  const convs: string[] = []
  const idOf = (message: SearchHit): number | undefined => {
    let n = numbers.get(message.conv)
    if (n === undefined) {
      if (convs.length >= MAX_CONVERSATIONS) return undefined
      n = convs.push(message.conv) - 1
      numbers.set(message.conv, n)
    }
    if (!Number.isSafeInteger(message.seq) || message.seq < 1 || message.seq >= SEQ_SPAN) return undefined
    return (n * 2 + (message.fromMe ? 1 : 0)) * SEQ_SPAN + message.seq
  }
  const hitOf = (id: number): SearchHit => {
    const high = Math.floor(id / SEQ_SPAN)
    return { conv: convs[Math.floor(high / 2)] ?? '', fromMe: high % 2 === 1, seq: id % SEQ_SPAN }
  }
  /** Removed while filling: not to be added back from an older read. */
  let removedWhileFilling: Set<number> | undefined

  return {
    put(doc) {
      const id = idOf(doc)
      if (id === undefined) return
      if (index.contain(id)) index.remove(id)
      index.add(id, doc.text)
      removedWhileFilling?.delete(id)
    },
    remove(message) {
      const id = idOf(message)
      if (id === undefined) return
      if (index.contain(id)) index.remove(id)
      removedWhileFilling?.add(id)
    },
    async fill(docs) {
      const removed = (removedWhileFilling = new Set())
      try {
        let n = 0
        for await (const doc of docs) {
          const id = idOf(doc)
          if (id !== undefined && !index.contain(id) && !removed.has(id)) index.add(id, doc.text)
          if (++n % FILL_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve))
        }
      } finally {
        removedWhileFilling = undefined
      }
    },
    search(query, conv, limit) {
      const n = conv === undefined ? undefined : numbers.get(conv)
      if (conv !== undefined && n === undefined) return []
      const ids = index.search(query, { limit: n === undefined ? limit : CANDIDATES_FOR_ONE }) as number[]
      const hits = ids.map(hitOf)
      return (n === undefined ? hits : hits.filter((hit) => hit.conv === conv)).slice(0, limit)
    },
  }
}
