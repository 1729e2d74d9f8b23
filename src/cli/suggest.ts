/** Spelling help for the command line. */

/** The nearest of `candidates` to a mistyped `word`, if it is near (at most 2 edits, fewer than half its letters). */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j)
    for (let i = 1; i <= a.length; i++) {
      const next = [i]
      for (let j = 1; j <= b.length; j++) {
        next[j] = Math.min(
          (row[j] ?? 0) + 1,
          (next[j - 1] ?? 0) + 1,
          (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        )
      }
      row = next
    }
    return row[b.length] ?? Infinity
  }
  const best = candidates.map((candidate) => ({ candidate, d: distance(word, candidate) })).sort((x, y) => x.d - y.d)[0]
  return best !== undefined && best.d <= 2 && best.d < word.length / 2 ? best.candidate : undefined
}
