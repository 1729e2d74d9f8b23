import type { Cancel } from '../core/clock.js'
import type { Carrier, Channel, OutEntry } from './types.js'

/** One channel's entries for one peer, in order, and how they are getting there (src/delivery/outbox.ts). */
export interface Lane {
  readonly channel: Channel
  readonly peer: string
  /** Every unacknowledged entry, in order. */
  readonly queue: Map<string, OutEntry>
  /** How many queued entries carry each tag (a resend may add a second). */
  readonly tags: Map<string, number>
  readonly inflight: Set<string>
  /** Entries not yet written on the current carrier, in order (`head` is the next). */
  unsent: OutEntry[]
  head: number
  nextCounter: number
  carrier: Carrier | undefined
  connecting: Promise<boolean> | undefined
  attempts: number
  nextAt: number
  timer: Cancel | undefined
  /** Since when the entries in flight have waited with no acknowledgement at all. */
  quietSince: number
  ackTimer: Cancel | undefined
  pumping: boolean
  again: boolean
  /** Resolves the pump when acknowledgements free room in the window. */
  room: (() => void) | undefined
}

export function newLane(channel: Channel, peer: string): Lane {
  return {
    channel,
    peer,
    queue: new Map(),
    tags: new Map(),
    inflight: new Set(),
    unsent: [],
    head: 0,
    nextCounter: 1,
    carrier: undefined,
    connecting: undefined,
    attempts: 0,
    nextAt: 0,
    timer: undefined,
    quietSince: 0,
    ackTimer: undefined,
    pumping: false,
    again: false,
    room: undefined,
  }
}
