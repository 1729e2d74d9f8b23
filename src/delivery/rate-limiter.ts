/**
 * Per-key rate limits: `burst` at once, then `perSecond`; time is passed in
 * (an injected clock's `now`). Kept as each key's theoretical arrival time (the
 * generic cell rate algorithm, equivalent to a token bucket): whole intervals
 * are added, so no refill is lost to rounding, and a clock set back moves that
 * time back with it instead of draining the budget.
 */
export class RateLimiter {
  private readonly keys = new Map<string, { tat: number; seen: number }>()
  private readonly interval: number
  private readonly tolerance: number

  constructor(burst: number, perSecond: number) {
    this.interval = 1000 / perSecond
    this.tolerance = (burst - 1) * this.interval
  }

  /** Takes one for `key`; false when its budget is spent. */
  take(key: string, now: number): boolean {
    const state = this.keys.get(key) ?? { tat: now, seen: now }
    if (now < state.seen) state.tat -= state.seen - now // the clock went back
    state.seen = now
    const tat = Math.max(state.tat, now)
    this.keys.set(key, state)
    if (tat - now > this.tolerance) {
      state.tat = tat
      return false
    }
    state.tat = tat + this.interval
    return true
  }
}
