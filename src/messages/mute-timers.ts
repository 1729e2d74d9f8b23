import type { Cancel, Clock } from '../core/clock.js'

/** The longest a single timer waits (Node's limit is 2^31 - 1 ms, about 24.8 days); longer waits are chained. */
const LONGEST_TIMER_MS = 2 ** 31 - 1

/**
 * One timer per conversation muted for a while, so that when the mute runs
 * out the conversation is announced again (its summary then reads unmuted)
 * without anyone asking. Whether a conversation is muted is always computed
 * from its record and the time (`isMuted`); these timers only say when to look.
 */
export interface MuteTimers {
  /** A conversation's mute now ends at `until` (epoch ms), or never by itself (null). */
  set(peerId: string, until: number | null): void
  stop(): void
}

export function createMuteTimers(clock: Clock, ended: (peerId: string) => void): MuteTimers {
  const timers = new Map<string, Cancel>()
  let stopped = false
  const schedule = (peerId: string, until: number): void => {
    const wait = until - clock.now()
    if (wait <= 0) {
      timers.delete(peerId)
      ended(peerId)
      return
    }
    timers.set(
      peerId,
      clock.setTimeout(
        () => {
          schedule(peerId, until)
        },
        Math.min(wait, LONGEST_TIMER_MS),
      ),
    )
  }
  return {
    set(peerId, until) {
      timers.get(peerId)?.()
      timers.delete(peerId)
      if (until !== null && !stopped) schedule(peerId, until)
    },
    stop() {
      stopped = true
      for (const cancel of timers.values()) cancel()
      timers.clear()
    },
  }
}
