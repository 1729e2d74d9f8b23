/** What a relay grants, per reservation and per relayed connection. */
export interface RelayServerLimits {
  /** Peers holding a reservation at once; the next one is refused (RESERVATION_REFUSED). */
  readonly maxReservations: number
  /** Bytes one relayed connection may carry (both directions together) before the relay resets it. */
  readonly maxDataBytes: number
  /** Milliseconds one relayed connection may stay open before the relay resets it. */
  readonly maxDurationMs: number
}

/**
 * Limits fit for messaging (libp2p's defaults, 128 KiB and 2 minutes per
 * relayed connection, cut a conversation off mid-way): a home server for
 * one's own devices and contacts, not a public relay.
 */
export const DEFAULT_RELAY_LIMITS: RelayServerLimits = {
  maxReservations: 32,
  maxDataBytes: 16 * 1024 * 1024,
  maxDurationMs: 30 * 60 * 1000,
}

/** The largest values the flags accept: beyond them a limit is no limit. */
export const RELAY_LIMIT_MAXIMUMS: RelayServerLimits = {
  maxReservations: 10_000,
  maxDataBytes: Number.MAX_SAFE_INTEGER,
  // setTimeout's ceiling (about 24.8 days): the relay times connections with it
  maxDurationMs: 2 ** 31 - 1,
}
