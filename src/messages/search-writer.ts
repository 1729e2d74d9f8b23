import type { SealedStore } from '../store/sealed-store.js'
import { msgPrefix, searchFieldsOf } from './history.js'
import { termsOf } from './search-index.js'
import { MARK_PREFIX, SEGMENT_MESSAGES_MAX, decodeMark } from './search-records.js'
import type { IndexedMessage, SearchStore } from './search-store.js'

/**
 * Writing the persisted index, a segment (up to 2,000 messages) at a time:
 * merging the messages marked since the last merge, and building the index
 * of a history that has none (an account from before it, or after damage),
 * from the oldest record key to the newest, the position kept in the state.
 */

/** A message taken into the index (or found deleted), as the in-memory layer names it. */
export interface MergedMessage {
  readonly conv: string
  readonly fromMe: boolean
  readonly seq: number
}

const MSG_ROOT = 'dm/msg/'

/** Merges up to a segment of marked messages; false when there were none. */
export async function mergeMarks(
  index: SearchStore,
  store: SealedStore,
  merged: (message: MergedMessage) => void,
): Promise<boolean> {
  const marks: string[] = []
  const seen = new Map<string, { conv: string; order: string }>()
  for await (const [key, value] of store.entries(MARK_PREFIX, { limit: SEGMENT_MESSAGES_MAX })) {
    marks.push(key)
    const mark = decodeMark(value)
    seen.set(`${mark.conv}/${mark.order}`, mark)
  }
  if (marks.length === 0) return false
  const messages: IndexedMessage[] = []
  const taken: MergedMessage[] = []
  for (const { conv, order } of seen.values()) {
    const bytes = await store.get(msgPrefix(conv) + order)
    const record = bytes === undefined ? undefined : searchFieldsOf(bytes)
    if (record === undefined) continue
    taken.push({ conv, fromMe: record.fromMe, seq: record.seq })
    if (!record.deleted) messages.push({ conv, order, terms: termsOf(record.text) })
  }
  await index.addSegment(
    messages,
    marks.map((key) => ({ type: 'del', key })),
  )
  for (const m of taken) merged(m)
  return true
}

/** Indexes the next segment of a history being built; false once it is complete. */
export async function buildStep(index: SearchStore, store: SealedStore): Promise<boolean> {
  const build = index.state.build
  if (build === null) return false
  const messages: IndexedMessage[] = []
  let last = build.after
  let read = 0
  for await (const [key, value] of store.entries(MSG_ROOT, {
    ...(build.after === '' ? {} : { after: MSG_ROOT + build.after }),
    limit: SEGMENT_MESSAGES_MAX,
  })) {
    read++
    last = key.slice(MSG_ROOT.length)
    const slash = last.indexOf('/')
    const record = searchFieldsOf(value)
    if (record === undefined || record.deleted || slash < 0) continue
    messages.push({ conv: last.slice(0, slash), order: last.slice(slash + 1), terms: termsOf(record.text) })
  }
  const done = read < SEGMENT_MESSAGES_MAX
  await index.addSegment(messages, [], { build: done ? null : { after: last } })
  return !done
}
