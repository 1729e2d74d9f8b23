import { randomBytes } from 'node:crypto'
import { toHex, utf8 } from '../crypto/bytes.js'
import type { CommitOp, Committer } from '../store/committer.js'
import { MARK_PREFIX } from './search-records.js'

/**
 * Every write of a message record (new, edited, deleted, removed) carries a
 * mark `search/q/<random>` → its key, in the same batch: the persisted search
 * index merges marked messages later, a segment at a time, so a crash can
 * never leave a message out of it — what is not merged yet is still marked.
 */
export interface SearchMarks {
  /** The committer, with a mark added to every batch that writes a message. */
  wrap(committer: Committer): Committer
  /** Marks written since `reset`. */
  readonly written: number
  reset(): void
  /** Called after each batch with marks has been handed to the committer. */
  onMarked(listener: () => void): void
}

const MSG_PREFIX = 'dm/msg/'

export function markOps(ops: readonly CommitOp[]): CommitOp[] {
  const marks: CommitOp[] = []
  for (const op of ops) {
    if (!op.key.startsWith(MSG_PREFIX)) continue
    marks.push({ type: 'put', key: MARK_PREFIX + toHex(randomBytes(16)), value: utf8(op.key.slice(MSG_PREFIX.length)) })
  }
  return marks
}

export function createSearchMarks(): SearchMarks {
  let written = 0
  let listener: (() => void) | undefined
  return {
    wrap(committer) {
      return {
        commit(ops) {
          const marks = markOps(ops)
          if (marks.length === 0) return committer.commit(ops)
          written += marks.length
          const done = committer.commit([...ops, ...marks])
          listener?.()
          return done
        },
        idle: () => committer.idle(),
      }
    },
    get written() {
      return written
    },
    reset() {
      written = 0
    },
    onMarked(next) {
      listener = next
    },
  }
}
