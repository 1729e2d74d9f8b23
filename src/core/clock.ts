/** Time is injected so that tests and benchmarks can control it. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }
