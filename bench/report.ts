/** Benchmarks print a table for people and one final JSON line for machines. */

export interface Row {
  readonly name: string
  readonly value: number
  readonly unit: string
  readonly note?: string
}

export function printTable(title: string, rows: readonly Row[]): void {
  const width = Math.max(...rows.map((r) => r.name.length), 10)
  const lines = [
    '',
    title,
    `${'measure'.padEnd(width)}  ${'value'.padStart(12)}  unit   note`,
    `${'-'.repeat(width)}  ${'-'.repeat(12)}  -----  ----`,
    ...rows.map(
      (r) => `${r.name.padEnd(width)}  ${r.value.toFixed(2).padStart(12)}  ${r.unit.padEnd(5)}  ${r.note ?? ''}`,
    ),
    '',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}

export function printJson(record: Readonly<Record<string, unknown>>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`)
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
