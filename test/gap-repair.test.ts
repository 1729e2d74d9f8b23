import { describe, expect, it } from 'vitest'
import { createManualClock } from '../src/core/manual-clock.js'
import { createGapRepair } from '../src/messages/gap-repair.js'

/** A contact's numbers as the receiver sees them, and the requests it sends; on a clock that moves only when told. */
function setup(maxRange = 100): {
  clock: ReturnType<typeof createManualClock>
  state: { applied: number; ahead: number[] }
  asked: [string, number, number][]
  gaps: ReturnType<typeof createGapRepair>
} {
  const clock = createManualClock()
  const state = { applied: 2, ahead: [5, 6] }
  const asked: [string, number, number][] = []
  const gaps = createGapRepair({
    clock,
    graceMs: 2_000,
    maxRange,
    position: () => ({ applied: state.applied, firstAhead: state.ahead[0] }),
    ask: (peer, from, to) => asked.push([peer, from, to]),
  })
  return { clock, state, asked, gaps }
}

describe('gap repair', () => {
  it('asks for the missing numbers once the grace period has passed, not before', () => {
    const { clock, asked, gaps } = setup()
    gaps.noticed('bob')
    clock.advance(1_999)
    expect(asked).toEqual([])
    clock.advance(1)
    expect(asked).toEqual([['bob', 3, 4]])
  })

  it('asks nothing when the missing ones arrived during the grace period', () => {
    const { clock, state, asked, gaps } = setup()
    gaps.noticed('bob')
    state.applied = 6
    state.ahead = []
    clock.advance(2_000)
    expect(asked).toEqual([])
  })

  it('asks for a gap once, one check at a time per contact, and asks again only for a later gap', () => {
    const { clock, state, asked, gaps } = setup()
    gaps.noticed('bob')
    gaps.noticed('bob')
    gaps.noticed('carol')
    clock.advance(2_000)
    expect(asked).toEqual([
      ['bob', 3, 4],
      ['carol', 3, 4],
    ])
    gaps.noticed('bob')
    clock.advance(2_000)
    expect(asked).toHaveLength(2)
    // 3 and 4 came; now 8 is missing behind 9
    state.applied = 7
    state.ahead = [9]
    gaps.noticed('bob')
    clock.advance(2_000)
    expect(asked.at(-1)).toEqual(['bob', 8, 8])
  })

  it('asks for at most the range limit at once', () => {
    const { clock, state, asked, gaps } = setup(10)
    state.ahead = [500]
    gaps.noticed('bob')
    clock.advance(2_000)
    expect(asked).toEqual([['bob', 3, 12]])
  })

  it('cancels pending checks when stopped', () => {
    const { clock, asked, gaps } = setup()
    gaps.noticed('bob')
    gaps.stop()
    gaps.noticed('carol')
    clock.advance(10_000)
    expect(asked).toEqual([])
    expect(clock.pending()).toBe(0)
  })
})
