import type { Cancel, Clock } from '../core/clock.js'

/**
 * Gaps in a contact's sequence numbers: when a number is missing, wait a grace
 * period (what is missing may still be on its way — two streams overlap after a
 * reconnection), then, if the gap is still there, ask once for the missing
 * range (at most `maxRange` numbers from the first missing one).
 */
export interface GapRepair {
  /** A gap was seen in `peerId`'s numbers; a check is due after the grace period (one at a time per contact). */
  noticed(peerId: string): void
  /** Cancels every pending check. */
  stop(): void
}

export interface GapRepairOptions {
  readonly clock: Clock
  readonly graceMs: number
  readonly maxRange: number
  /** Where the contact's numbers stand now: the last one applied, and the first held back, if any. */
  readonly position: (peerId: string) => { readonly applied: number; readonly firstAhead: number | undefined }
  /** Ask the contact to send `from`…`to` again. */
  readonly ask: (peerId: string, from: number, to: number) => void
}

export function createGapRepair(options: GapRepairOptions): GapRepair {
  const checks = new Map<string, Cancel>()
  /** The first number asked for, per contact: the same gap is not asked for twice. */
  const asked = new Map<string, number>()
  let stopped = false

  const check = (peerId: string): void => {
    checks.delete(peerId)
    const { applied, firstAhead } = options.position(peerId)
    if (firstAhead === undefined || stopped) return
    const from = applied + 1
    if ((asked.get(peerId) ?? 0) >= from) return
    asked.set(peerId, from)
    options.ask(peerId, from, Math.min(firstAhead - 1, from + options.maxRange - 1))
  }

  return {
    noticed(peerId) {
      if (checks.has(peerId) || stopped) return
      checks.set(
        peerId,
        options.clock.setTimeout(() => {
          check(peerId)
        }, options.graceMs),
      )
    },
    stop() {
      stopped = true
      for (const cancel of checks.values()) cancel()
      checks.clear()
    },
  }
}
