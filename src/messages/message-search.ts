import type { SearchHit } from '../api/index.js'
import { SEARCH_RESULTS_MAX } from '../api/index.js'
import type { Conversations } from './conversations.js'
import { findMessage, msgPrefix, present, searchFieldsOf, type HistoryReader } from './history.js'
import { messageId } from './ids.js'
import type { MessageRecord } from './records.js'
import { createSearchIndex, type SearchDocument, type SearchIndex } from './search-index.js'

/**
 * Search over every conversation's history: an index in memory, filled from
 * the store at the first search after unlocking (once; searches meanwhile wait
 * for the same fill), and kept current by every change after.
 */
export interface MessageSearch {
  /** A message was written or changed (deleted: taken out). */
  index(peerId: string, record: MessageRecord): void
  remove(peerId: string, record: Pick<MessageRecord, 'fromMe' | 'seq'>): void
  search(query: string, peerId?: string): Promise<SearchHit[]>
}

export function createMessageSearch(
  convs: Conversations,
  reader: HistoryReader,
  isStopped: () => boolean,
): MessageSearch {
  const { store, self } = convs
  let search: SearchIndex | undefined
  /** The index being filled from the store. */
  let searchFilled: Promise<void> | undefined

  /** Every message in the history, for the search index. */
  async function* storedDocuments(): AsyncIterable<SearchDocument> {
    for (const p of [...convs.peers()]) {
      const c = convs.blind(p)
      for await (const [, value] of store.entries(msgPrefix(c))) {
        if (isStopped()) return
        const record = searchFieldsOf(value)
        if (record !== undefined && !record.deleted) {
          yield { conv: c, fromMe: record.fromMe, seq: record.seq, text: record.text }
        }
      }
    }
  }

  return {
    index(peerId, record) {
      if (search === undefined) return
      const message = { conv: convs.blind(peerId), fromMe: record.fromMe, seq: record.seq }
      if (record.deleted) search.remove(message)
      else search.put({ ...message, text: record.text })
    },

    remove(peerId, record) {
      search?.remove({ conv: convs.blind(peerId), fromMe: record.fromMe, seq: record.seq })
    },

    async search(query, peerId) {
      if (searchFilled === undefined) {
        const index = createSearchIndex()
        search = index
        searchFilled = index.fill(storedDocuments()).catch((err: unknown) => {
          search = undefined
          searchFilled = undefined
          throw err
        })
      }
      await searchFilled
      const hits: SearchHit[] = []
      const found =
        search?.search(query, peerId === undefined ? undefined : convs.blind(peerId), SEARCH_RESULTS_MAX) ?? []
      for (const { conv: c, fromMe, seq } of found) {
        const p = convs.peerOfBlind(c)
        if (p === undefined) continue
        const message = await findMessage(convs.view, c, fromMe ? messageId(self, p, seq) : messageId(p, self, seq))
        if (message === undefined || message.record.deleted) continue
        hits.push({
          conversationId: convs.get(p).id,
          peerId: p,
          message: await present(reader, c, convs.get(p), message.order, message.record),
        })
      }
      return hits
    },
  }
}
