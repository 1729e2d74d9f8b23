/**
 * A pure function of a string, remembered for up to `max` arguments (then the
 * memo starts over): for derivations asked for on every message — a peer's
 * blinded key part, a conversation's ID, a session's decoded key — that always
 * give the same answer (and are never changed by whoever asks).
 */
export function memoized<T>(max: number, compute: (key: string) => T): (key: string) => T {
  const known = new Map<string, T>()
  return (key) => {
    let value = known.get(key)
    if (value === undefined) {
      if (known.size >= max) known.clear()
      value = compute(key)
      known.set(key, value)
    }
    return value
  }
}
