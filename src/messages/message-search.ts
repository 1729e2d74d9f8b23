import type { SearchHit } from '../api/index.js'
import { SEARCH_RESULTS_MAX } from '../api/index.js'
import type { Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import type { SealedStore } from '../store/sealed-store.js'
import type { Conversations } from './conversations.js'
import { findMessage, msgPrefix, parseMessage, present, searchFieldsOf, type HistoryReader } from './history.js'
import { messageId } from './ids.js'
import type { MessageRecord } from './records.js'
import { createSearchIndex, matchesQuery, queryTerms, type SearchDocument, type SearchIndex } from './search-index.js'
import type { SearchMarks } from './search-marks.js'
import { MARK_PREFIX, SearchIndexDamagedError, decodeMark } from './search-records.js'
import { openSearchStore, wipeSearchIndex, type SearchStore } from './search-store.js'
import { buildStep, mergeMarks, type MergedMessage } from './search-writer.js'
import { findIndexed, type FoundMessage } from './search-query.js'

/**
 * Search over every conversation's history, from the index persisted in the
 * store (search-store.ts): what was merged into it, plus the messages written
 * since (marked in the store, held in memory from the first search on).
 * Merges run in the background once enough marks gather; a history without
 * an index (an account from before it, or a damaged index, wiped) is indexed
 * in the background, and until that is done a search scans the history.
 */
export interface MessageSearch {
  /** A message was written or changed (deleted: taken out). */
  index(peerId: string, record: MessageRecord): void
  remove(peerId: string, record: Pick<MessageRecord, 'fromMe' | 'seq'>): void
  search(query: string, peerId?: string): Promise<SearchHit[]>
}

export interface MessageSearchOptions {
  readonly marks: SearchMarks
  readonly clock: Clock
  readonly logger: Logger
  readonly inBackground: (work: () => Promise<unknown>) => void
}

/**
 * Marks are merged once writing has been quiet this long, so that a burst of
 * messages is not slowed by merges running beside it ...
 */
const MERGE_WHEN_QUIET_MS = 3_000
/** ... or once this many wait, whatever the traffic: what a first search reads from marks stays bounded. */
const MERGE_AFTER_MARKS = 10_000
/** After unlocking, the index is brought up to date (built, merged) this much later. */
const CATCH_UP_DELAY_MS = 10_000

/** The key of the index's terms: a keyed hash (HMAC-SHA256 under the store's index key) of a fixed label. */
export const searchTermKey = (store: SealedStore): Uint8Array =>
  Buffer.from(store.blind('parley/search/term-key/v1'), 'hex')

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Builds the index and merges every mark, to the end (benchmarks; the service does it in the background). */
export async function bringSearchIndexUpToDate(store: SealedStore): Promise<void> {
  const index = await openSearchStore(store, searchTermKey(store))
  while ((await mergeMarks(index, store, () => undefined)) || (await buildStep(index, store))) {
    await index.compactIfDue()
    await nextTurn()
  }
  await index.compactIfDue()
}

export function createMessageSearch(
  convs: Conversations,
  reader: HistoryReader,
  isStopped: () => boolean,
  options: MessageSearchOptions,
): MessageSearch {
  const { store, self } = convs
  const log = options.logger
  const termKey = searchTermKey(store)
  let opened: Promise<SearchStore> | undefined
  /** Messages marked and not merged yet, from the first search on. */
  let recent: SearchIndex | undefined
  let recentFilled: Promise<void> | undefined
  /** Changes per message in `recent`: a merge takes out only what did not change while it ran. */
  const versions = new Map<string, number>()
  let queue: Promise<unknown> = Promise.resolve()
  let working = false

  const serially = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step, step)
    queue = next.catch(() => undefined)
    return next
  }
  const idOf = (m: MergedMessage): string => `${m.conv}/${m.fromMe ? 1 : 0}/${String(m.seq)}`
  const changed = (m: MergedMessage): void => {
    const id = idOf(m)
    versions.set(id, (versions.get(id) ?? 0) + 1)
  }

  const index = (): Promise<SearchStore> => (opened ??= openSearchStore(store, termKey))

  /** The index is damaged: gone, to be built again (searches scan meanwhile). */
  const recover = async (err: unknown): Promise<void> => {
    if (!(err instanceof SearchIndexDamagedError)) throw err
    log.warn('the search index is damaged: building it again', { error: err })
    opened = undefined
    recent = undefined
    recentFilled = undefined
    versions.clear()
    await wipeSearchIndex(store)
  }

  /** One step of bringing the index up to date; false when there is nothing left to do. */
  const step = (): Promise<boolean> =>
    serially(async () => {
      try {
        const idx = await index()
        const before = new Map(versions)
        const merged = await mergeMarks(idx, store, (m) => {
          const id = idOf(m)
          if (versions.get(id) !== before.get(id)) return
          versions.delete(id)
          recent?.remove(m)
        })
        const more = merged || (await buildStep(idx, store))
        await idx.compactIfDue()
        return more
      } catch (err) {
        await recover(err)
        return true
      }
    })

  const catchUp = (): void => {
    if (working || isStopped()) return
    working = true
    options.inBackground(async () => {
      try {
        while (!isStopped() && (await step())) await nextTurn()
      } finally {
        working = false
      }
    })
  }
  options.marks.reset()
  let lastMark = 0
  let quietTimer: (() => void) | undefined
  const whenQuiet = (): void => {
    const quiet = options.clock.now() - lastMark
    if (quiet < MERGE_WHEN_QUIET_MS) {
      quietTimer = options.clock.setTimeout(whenQuiet, MERGE_WHEN_QUIET_MS - quiet)
      return
    }
    quietTimer = undefined
    options.marks.reset()
    catchUp()
  }
  options.marks.onMarked(() => {
    lastMark = options.clock.now()
    if (options.marks.written >= MERGE_AFTER_MARKS) {
      options.marks.reset()
      catchUp()
    } else {
      // one timer, moved on only when it fires: a mark itself costs no timer
      quietTimer ??= options.clock.setTimeout(whenQuiet, MERGE_WHEN_QUIET_MS)
    }
  })
  options.clock.setTimeout(catchUp, CATCH_UP_DELAY_MS)

  /** The marked messages, for the in-memory layer. */
  async function* markedDocuments(): AsyncIterable<SearchDocument> {
    for await (const [, value] of store.entries(MARK_PREFIX)) {
      if (isStopped()) return
      const { conv, order } = decodeMark(value)
      const bytes = await store.get(msgPrefix(conv) + order)
      const record = bytes === undefined ? undefined : searchFieldsOf(bytes)
      if (record !== undefined && !record.deleted) {
        yield { conv, fromMe: record.fromMe, seq: record.seq, text: record.text }
      }
    }
  }

  const recentLayer = (): Promise<void> => {
    if (recentFilled === undefined) {
      const layer = createSearchIndex()
      recent = layer
      recentFilled = layer.fill(markedDocuments()).catch(async (err: unknown) => {
        recent = undefined
        recentFilled = undefined
        await recover(err)
      })
    }
    return recentFilled
  }

  /** Hits in the in-memory layer, checked against their messages as they are now. */
  const recentHits = async (query: string, words: readonly string[], conv: string | undefined) => {
    const found: FoundMessage[] = []
    for (const { conv: c, fromMe, seq } of recent?.search(query, conv, SEARCH_RESULTS_MAX) ?? []) {
      const p = convs.peerOfBlind(c)
      if (p === undefined) continue
      const m = await findMessage(convs.view, c, fromMe ? messageId(self, p, seq) : messageId(p, self, seq))
      if (m !== undefined && !m.record.deleted && matchesQuery(words, m.record.text)) found.push({ conv: c, ...m })
    }
    return found
  }

  /** Without the index: every conversation's history, newest first. */
  const scan = async (words: readonly string[], conv: string | undefined): Promise<FoundMessage[]> => {
    const found: FoundMessage[] = []
    for (const c of conv === undefined ? [...convs.peers()].map((p) => convs.blind(p)) : [conv]) {
      let n = 0
      for await (const [key, value] of store.entries(msgPrefix(c), { reverse: true })) {
        if (isStopped()) return found
        const fields = searchFieldsOf(value)
        if (fields === undefined || fields.deleted || !matchesQuery(words, fields.text)) continue
        found.push({ conv: c, order: key.slice(msgPrefix(c).length), record: parseMessage(value) })
        if (++n >= SEARCH_RESULTS_MAX) break
      }
    }
    return found
  }

  return {
    index(peerId, record) {
      if (recent === undefined) return
      const message = { conv: convs.blind(peerId), fromMe: record.fromMe, seq: record.seq }
      changed(message)
      if (record.deleted) recent.remove(message)
      else recent.put({ ...message, text: record.text })
    },

    remove(peerId, record) {
      if (recent === undefined) return
      const message = { conv: convs.blind(peerId), fromMe: record.fromMe, seq: record.seq }
      changed(message)
      recent.remove(message)
    },

    async search(query, peerId) {
      const words = queryTerms(query)
      if (words.length === 0) return []
      const conv = peerId === undefined ? undefined : convs.blind(peerId)
      const indexed = await serially(async () => {
        try {
          const idx = await index()
          await recentLayer()
          if (idx.state.build !== null) return undefined
          return await findIndexed(idx, convs.view, words, conv)
        } catch (err) {
          await recover(err)
          return undefined
        }
      })
      catchUp()
      const found =
        indexed === undefined ? await scan(words, conv) : [...indexed, ...(await recentHits(query, words, conv))]
      const seen = new Set<string>()
      const best = found
        .filter((m) => {
          const key = `${m.conv}/${m.order}`
          if (seen.has(key)) return false
          seen.add(key)
          return true
        })
        .sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0))
        .slice(0, SEARCH_RESULTS_MAX)
      const hits: SearchHit[] = []
      for (const m of best) {
        const p = convs.peerOfBlind(m.conv)
        if (p === undefined) continue
        hits.push({
          conversationId: convs.get(p).id,
          peerId: p,
          message: await present(reader, m.conv, convs.get(p), m.order, m.record),
        })
      }
      return hits
    },
  }
}
