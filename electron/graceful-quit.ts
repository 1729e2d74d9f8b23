import { app } from 'electron'
import type { Logger } from '../src/core/logger.js'

export interface GracefulQuitOptions {
  readonly logger: Logger
  /** Quit anyway when stopping takes longer than this. */
  readonly timeoutMs: number
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`still stopping after ${ms} ms`))
    }, ms)
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer)
    })
  })
}

/**
 * Hold the first quit until `stop` has finished (or timed out), then quit for
 * real. Termination signals take the same path, so Ctrl-C in `npm start` also
 * closes the network cleanly.
 */
export function stopBeforeQuit(stop: () => Promise<void>, { logger, timeoutMs }: GracefulQuitOptions): void {
  let phase: 'running' | 'stopping' | 'stopped' = 'running'
  app.on('before-quit', (event) => {
    if (phase === 'stopped') {
      return
    }
    event.preventDefault()
    if (phase === 'stopping') {
      return
    }
    phase = 'stopping'
    withTimeout(stop(), timeoutMs)
      .catch((err: unknown) => {
        logger.error('stopping before quit failed', { error: err })
      })
      .finally(() => {
        phase = 'stopped'
        app.quit()
      })
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.quit()
    })
  }
}
