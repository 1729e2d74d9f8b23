import { ApiFailure } from '../api/index.js'

/**
 * A bounded queue for heavy jobs (the password KDF: ~128 MiB and about a
 * second each; backups). At most `concurrency` run; at most `maxWaiting` wait
 * behind them; any more are refused at once with BUSY, so no caller — a
 * hostile page, a compromised renderer — can pile up memory or CPU.
 */
export interface JobQueue {
  /** Runs `job` when a slot is free; throws `ApiFailure('BUSY')` at once when the queue is full. */
  run<T>(job: () => Promise<T>): Promise<T>
  /** What runs and waits now (tests, status). */
  load(): { readonly running: number; readonly waiting: number }
}

export interface JobQueueOptions {
  readonly concurrency: number
  readonly maxWaiting: number
  /** What the caller is told when the queue is full. */
  readonly busyMessage: string
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  let running = 0
  const waiting: (() => void)[] = []

  const release = (): void => {
    running -= 1
    const next = waiting.shift()
    if (next !== undefined) {
      running += 1
      next()
    }
  }

  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (running >= options.concurrency) {
        if (waiting.length >= options.maxWaiting) throw new ApiFailure('BUSY', options.busyMessage)
        // the slot is handed over by `release`, so a newcomer cannot overtake those waiting
        await new Promise<void>((resolve) => waiting.push(resolve))
      } else {
        running += 1
      }
      try {
        return await job()
      } finally {
        release()
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  }
}
