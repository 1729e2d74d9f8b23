/** Stops a timer; calling it again, or after the timer ran, does nothing. */
export type Cancel = () => void

/**
 * Time is injected, so that tests advance it instead of waiting and
 * benchmarks can control it: the current time and the timers that run on it.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Runs `run` once, `ms` from now. */
  setTimeout(run: () => void, ms: number): Cancel
  /** Runs `run` every `ms`, until cancelled. */
  setInterval(run: () => void, ms: number): Cancel
}

/** The machine's clock. Its timers do not keep the process alive on their own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(run, ms) {
    const timer = setTimeout(run, ms)
    timer.unref()
    return () => {
      clearTimeout(timer)
    }
  },
  setInterval(run, ms) {
    const timer = setInterval(run, ms)
    timer.unref()
    return () => {
      clearInterval(timer)
    }
  },
}

/** `clock` with its time moved by `offsetMs` (a peer whose clock is wrong); timers unchanged. */
export function offsetClock(clock: Clock, offsetMs: number): Clock {
  return {
    now: () => clock.now() + offsetMs,
    setTimeout: (run, ms) => clock.setTimeout(run, ms),
    setInterval: (run, ms) => clock.setInterval(run, ms),
  }
}
