/**
 * A pure function of a string, remembered for up to `max` arguments (then the
 * memo starts over): for derivations asked for on every message — a peer's
 * blinded key part, a conversation's ID — that always give the same answer.
 */
export function memoized(max: number, compute: (key: string) => string): (key: string) => string {
  const known = new Map<string, string>()
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
