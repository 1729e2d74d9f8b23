import { describe, expect, it } from 'vitest'
import { offsetClock, systemClock } from '../src/core/clock.js'
import type { ApiEvent } from '../src/api/index.js'
import { createEventHub } from '../src/core/events.js'
import { createManualClock } from '../src/core/manual-clock.js'
import { TypingIndicators } from '../src/messages/typing.js'

describe('the manual clock', () => {
  it('runs timers in the order of their time, each with now() at its time', () => {
    const clock = createManualClock(1_000)
    const ran: [string, number][] = []
    clock.setTimeout(() => ran.push(['b', clock.now()]), 20)
    clock.setTimeout(() => ran.push(['a', clock.now()]), 10)
    clock.setTimeout(() => ran.push(['c', clock.now()]), 20)
    const cancel = clock.setTimeout(() => ran.push(['never', clock.now()]), 15)
    cancel()
    clock.advance(19)
    expect(ran).toEqual([['a', 1_010]])
    clock.advance(1)
    expect(ran).toEqual([
      ['a', 1_010],
      ['b', 1_020],
      ['c', 1_020],
    ])
    expect(clock.now()).toBe(1_020)
    expect(clock.pending()).toBe(0)
  })

  it('repeats intervals, runs timers set by timers when they fall due, and stops what is cancelled', () => {
    const clock = createManualClock()
    const ticks: number[] = []
    const stop = clock.setInterval(() => ticks.push(clock.now()), 100)
    clock.setTimeout(() => clock.setTimeout(() => ticks.push(-clock.now()), 50), 120)
    clock.advance(350)
    expect(ticks).toEqual([100, -170, 200, 300])
    stop()
    clock.advance(1_000)
    expect(ticks).toHaveLength(4)
    expect(clock.runNext()).toBe(false)
  })

  it('an offset clock moves now() only; the system clock is the machine time', () => {
    const base = createManualClock(5)
    const ahead = offsetClock(base, 1_000)
    let ran = false
    ahead.setTimeout(() => (ran = true), 10)
    expect(ahead.now()).toBe(1_005)
    base.advance(10)
    expect(ran).toBe(true)
    const before = Date.now()
    expect(systemClock.now()).toBeGreaterThanOrEqual(before)
  })
})

describe('typing indicators on a fake clock', () => {
  it('show until the contact goes quiet for the timeout, pushed back by each keystroke', () => {
    const clock = createManualClock()
    const seen: boolean[] = []
    const events = createEventHub(() => undefined)
    events.subscribe((event: ApiEvent) => {
      if (event.name === 'typingChanged') seen.push(event.payload.typing)
    })
    const typing = new TypingIndicators(events, clock, 6_000, () => 'c'.repeat(32))
    typing.set('peer', true)
    clock.advance(5_000)
    typing.set('peer', true)
    clock.advance(5_000)
    expect(seen).toEqual([true])
    clock.advance(1_000)
    expect(seen).toEqual([true, false])
    typing.set('peer', true)
    typing.clear()
    clock.advance(10_000)
    expect(seen).toEqual([true, false, true])
  })
})
