/**
 * The one retry policy of everything that must arrive: the wait doubles from
 * `baseMs` with each failed attempt up to `maxMs`, and each wait is jittered
 * down by up to half (so peers that failed together do not retry together).
 * The outbox forgets the attempts when the peer connects or acknowledges.
 */
export interface BackoffPolicy {
  readonly baseMs: number
  readonly maxMs: number
  /** A number in [0, 1); tests pass a fixed one. */
  readonly random: () => number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000, random: Math.random }

/** How long to wait after `attempts` failed attempts in a row (0: the first failure). */
export function backoffDelay(policy: BackoffPolicy, attempts: number): number {
  const ceiling = Math.min(policy.baseMs * 2 ** Math.min(attempts, 30), policy.maxMs)
  return Math.round(ceiling * (1 - policy.random() / 2))
}
