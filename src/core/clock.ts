/** Time is injected so that tests and benchmarks can control it. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** Timers are injected too: `after` runs `run` once, `ms` from now; the returned function cancels it. */
export interface Timers {
  after(ms: number, run: () => void): () => void
}

/** Real timers. They do not keep the process alive on their own. */
export const systemTimers: Timers = {
  after(ms, run) {
    const timer = setTimeout(run, ms)
    timer.unref()
    return () => {
      clearTimeout(timer)
    }
  },
}
