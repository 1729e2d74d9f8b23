import type { Cancel, Clock } from './clock.js'

/**
 * A clock that moves only when told: `advance(ms)` runs every timer that falls
 * due on the way, in the order of its time (ties: the order they were set),
 * with `now()` at that time while it runs. For tests of retries, backoff and
 * expiry that must not wait in real time.
 */
export interface ManualClock extends Clock {
  advance(ms: number): void
  /** Advance to the next timer and run it (and any others due then); false when none is set. */
  runNext(): boolean
  /** Timers set and not yet run or cancelled. */
  pending(): number
}

interface Entry {
  at: number
  readonly seq: number
  readonly run: () => void
  readonly every: number | undefined
}

export function createManualClock(start = 0): ManualClock {
  let time = start
  let seq = 0
  const timers = new Set<Entry>()

  const add = (run: () => void, ms: number, every: number | undefined): Cancel => {
    const entry: Entry = { at: time + Math.max(0, ms), seq: seq++, run, every }
    timers.add(entry)
    return () => {
      timers.delete(entry)
    }
  }

  const nextDue = (until: number): Entry | undefined => {
    let next: Entry | undefined
    for (const entry of timers) {
      if (entry.at > until) continue
      if (next === undefined || entry.at < next.at || (entry.at === next.at && entry.seq < next.seq)) next = entry
    }
    return next
  }

  const fire = (entry: Entry): void => {
    time = Math.max(time, entry.at)
    if (entry.every === undefined) timers.delete(entry)
    else entry.at += Math.max(1, entry.every)
    entry.run()
  }

  return {
    now: () => time,
    setTimeout: (run, ms) => add(run, ms, undefined),
    setInterval: (run, ms) => add(run, ms, ms),
    advance(ms) {
      const until = time + ms
      for (let entry = nextDue(until); entry !== undefined; entry = nextDue(until)) fire(entry)
      time = until
    },
    runNext() {
      const entry = nextDue(Number.POSITIVE_INFINITY)
      if (entry === undefined) return false
      fire(entry)
      return true
    },
    pending: () => timers.size,
  }
}
