import type { SealedStore, StoreOp } from './sealed-store.js'

/**
 * Group commit: writes queued in the same turn of the event loop land in one
 * synced LevelDB batch, in the order they were queued (a later put of the same
 * key wins). Each caller's promise resolves once its writes are on disk; a
 * failed batch rejects every caller in it. Throughput then costs one fsync per
 * burst instead of one per message. With `sync: false` the batches survive the
 * process being killed, not a power cut (for records a synced batch follows).
 */
/**
 * A write, or a put whose value is made only if it is still the last write of
 * its key when the batch goes out (records rewritten on every message).
 */
export type CommitOp = StoreOp | { readonly type: 'put'; readonly key: string; readonly value: () => Uint8Array }

export interface Committer {
  commit(ops: readonly CommitOp[]): Promise<void>
  /** Resolves when everything queued so far is on disk (or failed). */
  idle(): Promise<void>
}

interface Pending {
  readonly ops: readonly CommitOp[]
  readonly resolve: () => void
  readonly reject: (err: unknown) => void
}

/** Within one batch only the last write of a key matters (a record rewritten per message). */
function latestPerKey(ops: readonly CommitOp[]): StoreOp[] {
  const last = new Map<string, CommitOp>()
  for (const op of ops) {
    last.delete(op.key)
    last.set(op.key, op)
  }
  return [...last.values()].map((op) =>
    op.type === 'put' && typeof op.value === 'function' ? { type: 'put', key: op.key, value: op.value() } : op,
  ) as StoreOp[]
}

export function createCommitter(store: SealedStore, options: { readonly sync?: boolean } = {}): Committer {
  let queue: Pending[] = []
  let running: Promise<void> | undefined

  const drain = async (): Promise<void> => {
    // let the callers of this microtask run join the batch; later ones gather while it is on its way to disk
    await Promise.resolve()
    while (queue.length > 0) {
      const group = queue
      queue = []
      try {
        await store.batch(latestPerKey(group.flatMap((p) => p.ops)), { sync: options.sync ?? true })
        for (const p of group) p.resolve()
      } catch (err) {
        for (const p of group) p.reject(err)
      }
    }
  }

  const start = (): void => {
    running ??= drain().finally(() => {
      running = undefined
      if (queue.length > 0) start()
    })
  }

  return {
    commit(ops) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ ops, resolve, reject })
        start()
      })
    },
    async idle() {
      while (running !== undefined) await running
    },
  }
}

/**
 * Writes not yet on disk (a batch waits for its turn), readable at once: what
 * comes next — an edit right behind its message — must already see them.
 */
export function createUnsettled(
  store: Pick<SealedStore, 'get'>,
  isTracked: (key: string) => boolean,
): {
  tracked(ops: readonly CommitOp[], issue: () => Promise<void>): Promise<void>
  readonly view: Pick<SealedStore, 'get'>
} {
  const unsettled = new Map<string, CommitOp>()
  return {
    tracked(ops, issue) {
      const mine = ops.filter((op) => isTracked(op.key))
      for (const op of mine) unsettled.set(op.key, op)
      const done = issue()
      void done
        .finally(() => {
          for (const op of mine) if (unsettled.get(op.key) === op) unsettled.delete(op.key)
        })
        .catch(() => undefined)
      return done
    },
    view: {
      get(key) {
        const op = unsettled.get(key)
        if (op === undefined) return store.get(key)
        if (op.type === 'del') return Promise.resolve(undefined)
        return Promise.resolve(typeof op.value === 'function' ? op.value() : op.value)
      },
    },
  }
}
