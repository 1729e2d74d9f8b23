import type { Logger } from './logger.js'

/**
 * Work a service starts on its own (from network events, after a write) and
 * that must finish before its store closes: `run` it, then `stop()` refuses
 * new work and waits for what runs. Failures are logged, never thrown.
 */
export interface BackgroundWork {
  run(work: () => Promise<unknown>): void
  /** Refuses new work and resolves when what runs has settled. */
  stop(): Promise<void>
}

export function createBackgroundWork(log: Logger, what: string): BackgroundWork {
  const running = new Set<Promise<unknown>>()
  let stopped = false
  return {
    run(work) {
      if (stopped) return
      const task = work().catch((err: unknown) => {
        log.debug(`background ${what} work failed`, { error: err })
      })
      running.add(task)
      void task.finally(() => running.delete(task))
    },
    async stop() {
      stopped = true
      await Promise.allSettled([...running])
    },
  }
}
