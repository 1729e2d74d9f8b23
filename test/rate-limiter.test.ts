import { describe, expect, it } from 'vitest'
import { createManualClock } from '../src/core/manual-clock.js'
import { RateLimiter } from '../src/delivery/rate-limiter.js'

/** Per-key token buckets (src/delivery/rate-limiter.ts); time is only ever the number passed in. */

/** How many of `count` takes at `now` succeed. */
function takeMany(limiter: RateLimiter, key: string, now: number, count: number): number {
  let granted = 0
  for (let i = 0; i < count; i++) if (limiter.take(key, now)) granted++
  return granted
}

describe('the rate limiter', () => {
  it('grants a full burst at once to a key it has not seen, then refuses', () => {
    const limiter = new RateLimiter(5, 1)
    expect(takeMany(limiter, 'peer', 1_000, 5)).toBe(5)
    expect(limiter.take('peer', 1_000)).toBe(false)
  })

  it('refills nothing while time stands still', () => {
    const limiter = new RateLimiter(2, 100)
    expect(takeMany(limiter, 'peer', 50, 2)).toBe(2)
    expect(takeMany(limiter, 'peer', 50, 10)).toBe(0)
  })

  it('refills at its rate: a token per 1000/perSecond ms, not before', () => {
    const limiter = new RateLimiter(3, 2) // a token every 500 ms
    expect(takeMany(limiter, 'peer', 0, 3)).toBe(3)
    expect(limiter.take('peer', 499)).toBe(false)
    expect(limiter.take('peer', 500)).toBe(true)
    expect(limiter.take('peer', 500)).toBe(false)
    // 1.5 s later: three tokens back
    expect(takeMany(limiter, 'peer', 2_000, 10)).toBe(3)
  })

  it('keeps the part of a token earned so far across refused takes', () => {
    const limiter = new RateLimiter(1, 1)
    expect(limiter.take('peer', 0)).toBe(true)
    expect(limiter.take('peer', 250)).toBe(false)
    expect(limiter.take('peer', 750)).toBe(false)
    // the refused takes did not restart the second it takes to earn a token
    expect(limiter.take('peer', 1_000)).toBe(true)
  })

  it('refills fractional rates over time', () => {
    const limiter = new RateLimiter(30, 0.5) // the stream limit: a token every 2 s
    expect(takeMany(limiter, 'peer', 0, 30)).toBe(30)
    expect(limiter.take('peer', 1_999)).toBe(false)
    expect(limiter.take('peer', 2_000)).toBe(true)
    expect(takeMany(limiter, 'peer', 12_000, 10)).toBe(5)
  })

  it('never holds more than its burst, however long a key stayed quiet', () => {
    const limiter = new RateLimiter(4, 10)
    expect(takeMany(limiter, 'peer', 0, 4)).toBe(4)
    expect(takeMany(limiter, 'peer', 3_600_000, 100)).toBe(4)
    // and a key first seen late starts with the burst, not with what it could have earned since 0
    expect(takeMany(limiter, 'late', 3_600_000, 100)).toBe(4)
  })

  it('keeps a budget per key: one key spending its budget leaves the others theirs', () => {
    const limiter = new RateLimiter(3, 1)
    expect(takeMany(limiter, 'alice', 0, 10)).toBe(3)
    expect(takeMany(limiter, 'bob', 0, 2)).toBe(2)
    expect(limiter.take('alice', 0)).toBe(false)
    expect(takeMany(limiter, 'bob', 0, 5)).toBe(1)
    expect(takeMany(limiter, 'carol', 0, 5)).toBe(3)
    // refills are per key too
    expect(limiter.take('alice', 1_000)).toBe(true)
    expect(limiter.take('alice', 1_000)).toBe(false)
    expect(limiter.take('bob', 1_000)).toBe(true)
  })

  it('on a manual clock: a steady sender gets the burst plus the rate, no more', () => {
    const clock = createManualClock(1_700_000_000_000)
    const limiter = new RateLimiter(20, 50) // a token every 20 ms
    let granted = 0
    let refused = 0
    // someone trying 200 times a second for 10 seconds
    for (let tick = 0; tick < 2_000; tick++) {
      if (limiter.take('flood', clock.now())) granted++
      else refused++
      clock.advance(5)
    }
    // the burst, then 50 a second over the 9.995 s from the first try to the last: 499.75 tokens earned
    // (a try landing exactly on a token's time may miss it by a rounding error: hence one fewer allowed)
    expect(granted).toBeGreaterThanOrEqual(20 + 499 - 1)
    expect(granted).toBeLessThanOrEqual(20 + 499)
    expect(refused).toBe(2_000 - granted)
    // meanwhile a quiet key was untouched
    expect(takeMany(limiter, 'quiet', clock.now(), 100)).toBe(20)
  })

  // Summed in floating point, ten refills of 0.1 token would make 0.9999999999999999 < 1 (one token per 110 ms
  // instead of 100 at burst 1): the limiter adds whole intervals instead.
  it('a token is back once its refill time has passed, however often the key was tried meanwhile', () => {
    const limiter = new RateLimiter(1, 10)
    expect(limiter.take('peer', 0)).toBe(true)
    for (let t = 10; t < 100; t += 10) expect(limiter.take('peer', t)).toBe(false)
    expect(limiter.take('peer', 100)).toBe(true)
  })

  // peer-link passes clock.now(), which is Date.now() in the app: the wall clock can be set back, and that
  // must not refuse a key for as long as it stepped back.
  it('a clock stepping back takes no tokens away', () => {
    const limiter = new RateLimiter(30, 0.5)
    expect(limiter.take('peer', 3_600_000)).toBe(true)
    // the machine's clock is set back by an hour; a minute later the key has not been busy at all
    expect(limiter.take('peer', 60_000)).toBe(true)
  })
})
