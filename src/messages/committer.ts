import type { SealedStore, StoreOp } from '../store/sealed-store.js'

/**
 * Group commit: writes queued in the same turn of the event loop land in one
 * synced LevelDB batch, in the order they were queued (a later put of the same
 * key wins). Each caller's promise resolves once its writes are on disk; a
 * failed batch rejects every caller in it. Throughput then costs one fsync per
 * burst instead of one per message.
 */
export interface Committer {
  commit(ops: readonly StoreOp[]): Promise<void>
  /** Resolves when everything queued so far is on disk (or failed). */
  idle(): Promise<void>
}

interface Pending {
  readonly ops: readonly StoreOp[]
  readonly resolve: () => void
  readonly reject: (err: unknown) => void
}

export function createCommitter(store: SealedStore): Committer {
  let queue: Pending[] = []
  let running: Promise<void> | undefined

  const drain = async (): Promise<void> => {
    // let every caller of this turn join the batch
    await new Promise<void>((resolve) => setImmediate(resolve))
    while (queue.length > 0) {
      const group = queue
      queue = []
      try {
        await store.batch(group.flatMap((p) => p.ops))
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
