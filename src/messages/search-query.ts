import { SEARCH_RESULTS_MAX } from '../api/index.js'
import { msgPrefix, parseMessage, type RecordReader } from './history.js'
import type { MessageRecord } from './records.js'
import { cutTerm, matchesQuery } from './search-index.js'
import { orderOf, type Posting, type TermEntry } from './search-records.js'
import type { SearchStore } from './search-store.js'

/**
 * A query against the persisted index. Each word expands to the terms that
 * start with it (from the vocabulary); the word with the fewest postings
 * drives: its chunks are read newest segment first, and each message found
 * is read and checked against every word of the query (so postings of an
 * edited or deleted message, never taken out of older chunks, find nothing),
 * until a page of hits is full. The other words' postings filter first when
 * there are few of them. A word that starts too many terms (a digit, one
 * letter) is only checked in the text; if every word does, the caller scans.
 */
export interface FoundMessage {
  readonly conv: string
  readonly order: string
  readonly record: MessageRecord
}

/** A word's postings are read to filter the driver's when there are at most this many. */
const FILTER_POSTINGS_MAX = 20_000

interface Plan {
  readonly terms: readonly TermEntry[]
  readonly count: number
}

const keyOf = (p: Posting): string => `${String(p.conv)}/${orderOf(p)}`

async function postingKeys(index: SearchStore, plan: Plan): Promise<Set<string>> {
  const keys = new Set<string>()
  for (const e of plan.terms)
    for (const seg of e.segs) for (const p of await index.chunk(e.term, seg)) keys.add(keyOf(p))
  return keys
}

/** Hits in the persisted index, newest first; undefined when no word of the query can drive. */
export async function findIndexed(
  index: SearchStore,
  view: RecordReader,
  words: readonly string[],
  conv: string | undefined,
): Promise<FoundMessage[] | undefined> {
  const convNo = conv === undefined ? undefined : index.convNumber(conv)
  const plans: Plan[] = []
  for (const word of words) {
    const terms = await index.expand(cutTerm(word))
    if (terms === undefined) continue
    if (terms.length === 0) return []
    plans.push({ terms, count: terms.reduce((n, e) => n + e.counts.reduce((a, b) => a + b, 0), 0) })
  }
  if (plans.length === 0) return undefined
  if (conv !== undefined && convNo === undefined) return []
  plans.sort((a, b) => a.count - b.count)
  const [driver, ...others] = plans
  if (driver === undefined) return undefined
  const filters: Set<string>[] = []
  for (const plan of others) if (plan.count <= FILTER_POSTINGS_MAX) filters.push(await postingKeys(index, plan))

  const bySeg = new Map<number, string[]>()
  for (const e of driver.terms) {
    for (const seg of e.segs) {
      const list = bySeg.get(seg)
      if (list === undefined) bySeg.set(seg, [e.term])
      else list.push(e.term)
    }
  }
  const out: FoundMessage[] = []
  const seen = new Set<string>()
  for (const seg of [...bySeg.keys()].sort((a, b) => b - a)) {
    const postings: Posting[] = []
    for (const term of bySeg.get(seg) ?? []) postings.push(...(await index.chunk(term, seg)))
    postings.sort((a, b) => b.sentAt - a.sentAt || b.side - a.side || b.seq - a.seq)
    for (const p of postings) {
      if (convNo !== undefined && p.conv !== convNo) continue
      const key = keyOf(p)
      if (seen.has(key) || filters.some((f) => !f.has(key))) continue
      seen.add(key)
      const c = index.state.convs[p.conv] ?? ''
      const order = orderOf(p)
      const bytes = await view.get(msgPrefix(c) + order)
      if (bytes === undefined) continue
      const record = parseMessage(bytes)
      if (record.deleted || !matchesQuery(words, record.text)) continue
      out.push({ conv: c, order, record })
      if (out.length >= SEARCH_RESULTS_MAX) return out
    }
  }
  return out
}
