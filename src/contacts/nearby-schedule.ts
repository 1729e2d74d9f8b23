import type { Cancel, Clock } from '../core/clock.js'

/**
 * The bounds on Nearby's network work: asking a peer who it is (`probe`) and
 * telling it that our answer changed (`notify`). However often either is
 * asked for — a flood of visibility switches, a peer sending change notices
 * without pause, connections flapping — each peer gets at most one of each
 * kind running, one more waiting (every further request folds into it), and
 * one started per `minIntervalMs`; at most `maxConcurrent` run at once in all,
 * and at most `maxPeers` peers are tracked (requests beyond are dropped).
 */
export type NearbyJob = 'probe' | 'notify'

export interface NearbyScheduleOptions {
  readonly clock: Clock
  /** Does the work; a rejection is reported to `onError` and counts as done. */
  readonly run: (peerId: string, job: NearbyJob) => Promise<void>
  readonly onError?: (err: unknown) => void
  readonly maxConcurrent?: number
  readonly minIntervalMs?: number
  readonly maxPeers?: number
}

export interface NearbySchedule {
  /** Asks for `job` on `peerId`: it runs as soon as the bounds allow, once however often it is asked for meanwhile. */
  request(peerId: string, job: NearbyJob): void
  /** The peer left: what waits for it is dropped (a run in progress finishes on its own). */
  forget(peerId: string): void
  /** Drops everything waiting, for every peer. */
  clear(): void
  /** Jobs running now. */
  running(): number
}

export const NEARBY_MAX_CONCURRENT = 4
export const NEARBY_MIN_INTERVAL_MS = 1_000
/** Above the LAN connection limit (128), so every connected peer fits. */
export const NEARBY_MAX_PEERS = 256

interface Slot {
  readonly peerId: string
  readonly job: NearbyJob
  running: boolean
  /** Asked for since the last start. */
  wanted: boolean
  /** In the queue for a free place among the `maxConcurrent`. */
  queued: boolean
  lastStart: number | undefined
  /** Waiting out `minIntervalMs` (then runs, if wanted, or is dropped). */
  timer: Cancel | undefined
}

export function createNearbySchedule(options: NearbyScheduleOptions): NearbySchedule {
  const { clock } = options
  const maxConcurrent = options.maxConcurrent ?? NEARBY_MAX_CONCURRENT
  const minInterval = options.minIntervalMs ?? NEARBY_MIN_INTERVAL_MS
  const maxPeers = options.maxPeers ?? NEARBY_MAX_PEERS
  const slots = new Map<string, Slot>()
  const queue: Slot[] = []
  let active = 0

  const keyOf = (peerId: string, job: NearbyJob): string => `${job}:${peerId}`
  const peers = (): number => new Set([...slots.values()].map((s) => s.peerId)).size
  const current = (slot: Slot): boolean => slots.get(keyOf(slot.peerId, slot.job)) === slot

  const drop = (slot: Slot): void => {
    slot.timer?.()
    slot.timer = undefined
    if (current(slot)) slots.delete(keyOf(slot.peerId, slot.job))
  }

  /** Idle or waiting: queue it if wanted and its interval has passed, else wait; unwanted after the wait: dropped. */
  const consider = (slot: Slot): void => {
    if (slot.running || slot.queued || slot.timer !== undefined) return
    const wait = slot.lastStart === undefined ? 0 : slot.lastStart + minInterval - clock.now()
    if (wait > 0) {
      slot.timer = clock.setTimeout(() => {
        slot.timer = undefined
        consider(slot)
      }, wait)
      return
    }
    if (!slot.wanted) {
      drop(slot)
      return
    }
    slot.queued = true
    queue.push(slot)
    pump()
  }

  const pump = (): void => {
    while (active < maxConcurrent) {
      const slot = queue.shift()
      if (slot === undefined) return
      slot.queued = false
      if (!current(slot) || !slot.wanted) continue
      slot.wanted = false
      slot.running = true
      slot.lastStart = clock.now()
      active++
      void options
        .run(slot.peerId, slot.job)
        .catch((err: unknown) => options.onError?.(err))
        .finally(() => {
          active--
          slot.running = false
          if (current(slot)) consider(slot)
          pump()
        })
    }
  }

  return {
    request(peerId, job) {
      const key = keyOf(peerId, job)
      let slot = slots.get(key)
      if (slot === undefined) {
        if (!slots.has(keyOf(peerId, job === 'probe' ? 'notify' : 'probe')) && peers() >= maxPeers) return
        slot = { peerId, job, running: false, wanted: false, queued: false, lastStart: undefined, timer: undefined }
        slots.set(key, slot)
      }
      slot.wanted = true
      consider(slot)
    },

    forget(peerId) {
      for (const job of ['probe', 'notify'] as const) {
        const slot = slots.get(keyOf(peerId, job))
        if (slot !== undefined) {
          slot.wanted = false
          drop(slot)
        }
      }
    },

    clear() {
      for (const slot of [...slots.values()]) {
        slot.wanted = false
        drop(slot)
      }
      queue.length = 0
    },

    running: () => active,
  }
}
