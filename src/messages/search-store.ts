import type { SealedStore, StoreOp } from '../store/sealed-store.js'
import {
  BASE_TERMS_MAX,
  SEARCH_PREFIX,
  SEGMENT_PREFIX,
  STATE_KEY,
  SearchIndexDamagedError,
  baseKey,
  chunkKey,
  decodeBase,
  decodeChunk,
  decodeSegment,
  decodeState,
  emptyState,
  encodeBase,
  encodeChunk,
  encodeSegment,
  segmentKey,
  type Posting,
  type SearchState,
  type TermEntry,
} from './search-records.js'

/**
 * The persisted search index, as the store holds it: a vocabulary (sorted
 * base records, plus the segments merged since, kept in memory) naming for
 * each term the segments that hold a chunk of its postings. Only what a query
 * touches is read: the state, the segments since the last compaction, the
 * base records around the query's words and their chunks. Nothing is ever
 * rewritten in place but the state: a merge adds a segment (its chunks and
 * its vocabulary record); a compaction folds the segments into a new base.
 */
export interface SearchStore {
  readonly state: SearchState
  /** The number of a conversation's blinded key part (undefined: none indexed). */
  convNumber(conv: string): number | undefined
  /** Terms starting with `prefix`; undefined when there are too many to look at (the query scans instead). */
  expand(prefix: string): Promise<TermEntry[] | undefined>
  chunk(term: string, seg: number): Promise<Posting[]>
  /** Writes one segment: the postings of `messages` (each with its terms), with `extra` ops and state changes. */
  addSegment(
    messages: readonly IndexedMessage[],
    extra: readonly StoreOp[],
    change?: Partial<Pick<SearchState, 'build'>>,
  ): Promise<void>
  /** Folds the segments into a new base when there are many. */
  compactIfDue(): Promise<void>
}

export interface IndexedMessage {
  readonly conv: string
  readonly order: string
  readonly terms: readonly string[]
}

/** Segments kept apart from the base before a compaction folds them in. */
const COMPACT_SEGMENTS = 32
/** Base records one query word may span, and terms it may expand to, before the query scans. */
const EXPAND_RECORDS_MAX = 3
const EXPAND_TERMS_MAX = 256
/** Decoded base records kept. */
const BASE_CACHE = 16

interface TailEntry {
  segs: number[]
  counts: number[]
}

export async function openSearchStore(store: SealedStore, termKey: Uint8Array): Promise<SearchStore> {
  let state = decodeState(await store.get(STATE_KEY)) ?? emptyState()
  const convNumbers = new Map(state.convs.map((c, i) => [c, i]))
  const tail = new Map<string, TailEntry>()
  let tailSorted: string[] | undefined
  const baseCache = new Map<number, TermEntry[]>()

  const addTail = (seg: number, terms: readonly (readonly [string, number])[]): void => {
    for (const [term, count] of terms) {
      let e = tail.get(term)
      if (e === undefined) tail.set(term, (e = { segs: [], counts: [] }))
      e.segs.push(seg)
      e.counts.push(count)
    }
    tailSorted = undefined
  }
  for await (const [key, value] of store.entries(SEGMENT_PREFIX, { after: segmentKey(state.tailFrom - 1) })) {
    const seg = parseInt(key.slice(SEGMENT_PREFIX.length), 16)
    if (seg >= state.nextSeg) throw new SearchIndexDamagedError('a segment beyond the state')
    addTail(seg, decodeSegment(value))
  }

  const baseRecord = async (i: number): Promise<TermEntry[]> => {
    const cached = baseCache.get(i)
    if (cached !== undefined) return cached
    const bytes = await store.get(baseKey(state.baseGen, i))
    if (bytes === undefined) throw new SearchIndexDamagedError('a vocabulary record is missing')
    const entries = decodeBase(bytes)
    if (baseCache.size >= BASE_CACHE) baseCache.delete(baseCache.keys().next().value ?? -1)
    baseCache.set(i, entries)
    return entries
  }

  /** Index of the last element ≤ `x` in sorted `list` (-1: none). */
  const floor = (list: readonly string[], x: string): number => {
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((list[mid] ?? '') <= x) lo = mid + 1
      else hi = mid
    }
    return lo - 1
  }

  const sortedTail = (): string[] => (tailSorted ??= [...tail.keys()].sort())

  const convNumber = (conv: string): number => {
    let n = convNumbers.get(conv)
    if (n === undefined) {
      n = state.convs.length
      state = { ...state, convs: [...state.convs, conv] }
      convNumbers.set(conv, n)
    }
    return n
  }

  const put = (key: string, value: Uint8Array): StoreOp => ({ type: 'put', key, value })
  const stateOp = (next: SearchState): StoreOp => put(STATE_KEY, Buffer.from(JSON.stringify(next)))

  return {
    get state() {
      return state
    },
    convNumber: (conv) => convNumbers.get(conv),

    async expand(prefix) {
      const end = `${prefix}\uffff`
      const firsts = state.baseFirsts
      const from = Math.max(0, floor(firsts, prefix))
      const to = floor(firsts, end)
      if (to - from + 1 > EXPAND_RECORDS_MAX) return undefined
      const found = new Map<string, TermEntry>()
      for (let i = from; i <= to && firsts.length > 0; i++) {
        for (const e of await baseRecord(i)) if (e.term.startsWith(prefix)) found.set(e.term, e)
        if (found.size > EXPAND_TERMS_MAX) return undefined
      }
      const terms = sortedTail()
      for (let i = Math.max(0, floor(terms, prefix)); i < terms.length; i++) {
        const term = terms[i] ?? ''
        if (term > end) break
        const t = tail.get(term)
        if (!term.startsWith(prefix) || t === undefined) continue
        const b = found.get(term)
        found.set(term, {
          term,
          segs: [...(b?.segs ?? []), ...t.segs],
          counts: [...(b?.counts ?? []), ...t.counts],
        })
        if (found.size > EXPAND_TERMS_MAX) return undefined
      }
      return [...found.values()]
    },

    async chunk(term, seg) {
      const bytes = await store.get(chunkKey(termKey, term, seg))
      if (bytes === undefined) throw new SearchIndexDamagedError('a posting chunk is missing')
      return decodeChunk(bytes, state.convs.length)
    },

    async addSegment(messages, extra, change) {
      const seg = state.nextSeg
      const byTerm = new Map<string, Posting[]>()
      const sorted = [...messages].sort((a, b) =>
        a.order < b.order ? -1 : a.order > b.order ? 1 : a.conv < b.conv ? -1 : 1,
      )
      const before = state
      for (const m of sorted) {
        const conv = convNumber(m.conv)
        const o = m.order
        const posting: Posting = {
          conv,
          sentAt: Number(o.slice(0, 15)),
          side: o[16] === 'a' ? 0 : 1,
          seq: Number(o.slice(18)),
        }
        for (const term of m.terms) {
          let list = byTerm.get(term)
          if (list === undefined) byTerm.set(term, (list = []))
          list.push(posting)
        }
      }
      const terms = [...byTerm.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
      const counts = terms.map(([term, list]) => [term, list.length] as const)
      const ops: StoreOp[] = terms.map(([term, list]) => put(chunkKey(termKey, term, seg), encodeChunk(list)))
      const next: SearchState = { ...state, ...change, nextSeg: seg + 1 }
      if (terms.length > 0) ops.push(put(segmentKey(seg), encodeSegment(counts)))
      ops.push(...extra, stateOp(next))
      try {
        await store.batch(ops)
      } catch (err) {
        state = before
        convNumbers.clear()
        before.convs.forEach((c, i) => convNumbers.set(c, i))
        throw err
      }
      state = next
      addTail(seg, counts)
    },

    async compactIfDue() {
      if (state.nextSeg - state.tailFrom < COMPACT_SEGMENTS) return
      const gen = state.baseGen + 1
      const ops: StoreOp[] = []
      const firsts: string[] = []
      let out: TermEntry[] = []
      const emit = (e: TermEntry): void => {
        if (out.length === 0) firsts.push(e.term)
        out.push(e)
        if (out.length === BASE_TERMS_MAX) flush()
      }
      const flush = (): void => {
        if (out.length > 0) ops.push(put(baseKey(gen, firsts.length - 1), encodeBase(out)))
        out = []
      }
      const terms = sortedTail()
      let t = 0
      const emitTail = (upTo: string | undefined): void => {
        for (; t < terms.length && (upTo === undefined || (terms[t] ?? '') < upTo); t++) {
          const term = terms[t] ?? ''
          const e = tail.get(term)
          if (e !== undefined) emit({ term, segs: e.segs, counts: e.counts })
        }
      }
      for (let i = 0; i < state.baseFirsts.length; i++) {
        for (const b of await baseRecord(i)) {
          emitTail(b.term)
          const e = terms[t] === b.term ? tail.get(b.term) : undefined
          if (e !== undefined) t++
          emit(e === undefined ? b : { term: b.term, segs: [...b.segs, ...e.segs], counts: [...b.counts, ...e.counts] })
        }
        ops.push({ type: 'del', key: baseKey(state.baseGen, i) })
      }
      emitTail(undefined)
      flush()
      for (let seg = state.tailFrom; seg < state.nextSeg; seg++) ops.push({ type: 'del', key: segmentKey(seg) })
      const next: SearchState = { ...state, baseGen: gen, baseFirsts: firsts, tailFrom: state.nextSeg }
      ops.push(stateOp(next))
      await store.batch(ops)
      state = next
      tail.clear()
      tailSorted = undefined
      baseCache.clear()
    },
  }
}

/** Removes every record of the index (it is then built again from the history). */
export async function wipeSearchIndex(store: SealedStore): Promise<void> {
  let keys: string[] = []
  const flush = async (): Promise<void> => {
    await store.batch(
      keys.map((key) => ({ type: 'del' as const, key })),
      { sync: false },
    )
    keys = []
  }
  // the keys only: a damaged value must not stop the wipe
  for await (const [key] of store.rawEntries(SEARCH_PREFIX)) {
    keys.push(key)
    if (keys.length >= 10_000) await flush()
  }
  await flush()
}
