import type { Logger } from '../core/logger.js'
import { utf8 } from '../crypto/bytes.js'
import { createCommitter, createUnsettled, type CommitOp, type Committer } from '../store/committer.js'
import type { SealedStore } from '../store/sealed-store.js'
import type { RecordReader } from './history.js'
import { dmConversationId } from './ids.js'
import { createSearchMarks, type SearchMarks } from './search-marks.js'
import { conversationRecordSchema, newConversation, type ConversationRecord } from './records.js'

/**
 * The direct conversations of one account, as the message modules share them:
 * each conversation's record (in memory, written with every change), the
 * blinded key part that stands for the peer on disk, one step at a time per
 * conversation, and the group commit that writes the history.
 */
export interface Conversations {
  readonly store: SealedStore
  readonly self: string
  /** Synced group commit for history, sessions and the outbox together (message writes carry search marks). */
  readonly committer: Committer
  /** The marks for the search index that message writes carry. */
  readonly searchMarks: SearchMarks
  /** Raw envelopes as they arrive: grouped too, not synced (their result is, before any acknowledgement). */
  readonly keeper: Committer
  /** Single reads that also see history writes still on their way to disk. */
  readonly view: RecordReader
  /** Issues `ops` through `issue`, and lets `view` see them until they are on disk. */
  tracked(ops: readonly CommitOp[], issue: () => Promise<void>): Promise<void>
  /** The record of the conversation with `peer` (a fresh one if there is none yet). */
  get(peer: string): ConversationRecord
  set(peer: string, record: ConversationRecord): void
  peers(): Iterable<string>
  /** The blinded key part of the conversation with `peer`. */
  blind(peer: string): string
  peerOfBlind(blinded: string): string | undefined
  /** A put of the record as it is when its batch goes out. */
  put(peer: string): CommitOp
  /** Work on one conversation runs one step at a time, in call order. */
  serially<T>(peer: string, step: () => Promise<T>): Promise<T>
  /** Resolves when every step queued so far has run. */
  idle(): Promise<void>
}

const json = (value: unknown): Uint8Array => utf8(JSON.stringify(value))

export async function loadConversations(store: SealedStore, self: string, log: Logger): Promise<Conversations> {
  const records = new Map<string, ConversationRecord>()
  const blinded = new Map<string, string>()
  const byBlind = new Map<string, string>()
  const locks = new Map<string, Promise<unknown>>()
  const unsettled = createUnsettled(store, (key) => key.startsWith('dm/msg/') || key.startsWith('dm/id/'))

  const blind = (peer: string): string => {
    let c = blinded.get(peer)
    if (c === undefined) {
      c = store.blind(peer)
      blinded.set(peer, c)
      byBlind.set(c, peer)
    }
    return c
  }

  for await (const [, value] of store.entries('dm/conv/')) {
    const parsed = conversationRecordSchema.safeParse(JSON.parse(Buffer.from(value).toString('utf8')))
    if (!parsed.success) {
      log.warn('skipping an unreadable conversation record')
      continue
    }
    const { peerId } = parsed.data
    records.set(peerId, { ...parsed.data, id: parsed.data.id ?? dmConversationId(self, peerId) })
    blind(peerId)
  }

  const get = (peer: string): ConversationRecord =>
    records.get(peer) ?? newConversation(dmConversationId(self, peer), peer)

  const searchMarks = createSearchMarks()
  return {
    store,
    self,
    committer: searchMarks.wrap(createCommitter(store)),
    searchMarks,
    keeper: createCommitter(store, { sync: false }),
    view: unsettled.view,
    tracked: (ops, issue) => unsettled.tracked(ops, issue),
    get,
    set(peer, record) {
      blind(peer)
      records.set(peer, record)
    },
    peers: () => records.keys(),
    blind,
    peerOfBlind: (c) => byBlind.get(c),
    put(peer) {
      const record = get(peer)
      return { type: 'put', key: `dm/conv/${blind(peer)}`, value: () => json(record) }
    },
    serially(peer, step) {
      const previous = locks.get(peer) ?? Promise.resolve()
      const next = previous.then(step, step)
      const tail = next.catch(() => undefined)
      locks.set(peer, tail)
      void tail.then(() => {
        if (locks.get(peer) === tail) locks.delete(peer)
      })
      return next
    },
    async idle() {
      await Promise.allSettled([...locks.values()])
    },
  }
}
