import { z } from 'zod'
import { toHex, u32be, utf8 } from '../crypto/bytes.js'
import { hmacSha256 } from '../crypto/hkdf.js'
import { ORDER_KEY_PATTERN } from './ids.js'

/**
 * The persisted search index's records (docs/PROTOCOL.md §4), all values
 * sealed by the store. Keys hold no term: a posting chunk's key is a keyed
 * hash of its term and segment, every other key is a fixed word and a number.
 * Every decoder checks sizes and refuses anything malformed with
 * SearchIndexDamagedError (the index is then rebuilt from the history).
 */
export const SEARCH_PREFIX = 'search/'
export const STATE_KEY = 'search/state'
export const MARK_PREFIX = 'search/q/'
export const SEGMENT_PREFIX = 'search/s/'
export const BASE_PREFIX = 'search/b/'
export const CHUNK_PREFIX = 'search/p/'

const FORMAT = 1
/** Terms are cut to this many characters (a longer query word is checked against the text itself). */
export const TERM_MAX_CHARS = 32
const TERM_MAX_BYTES = 4 * TERM_MAX_CHARS
/** Messages merged into one segment (so one chunk holds at most this many postings). */
export const SEGMENT_MESSAGES_MAX = 2_000
/** Terms in one base record of the vocabulary. */
export const BASE_TERMS_MAX = 4_096
const SEGMENT_TERMS_MAX = 1 << 20
const SEGS_PER_TERM_MAX = 1 << 24
const SEG_MAX = 2 ** 32 - 1

export class SearchIndexDamagedError extends Error {
  constructor(what: string) {
    super(`search index record damaged: ${what}`)
    this.name = 'SearchIndexDamagedError'
  }
}

/** A message in a posting: its conversation's number in the state, and its order key's parts. */
export interface Posting {
  readonly conv: number
  readonly sentAt: number
  /** 0: the peer with the smaller ID sent it ('a'), 1: the other ('b'). */
  readonly side: number
  readonly seq: number
}

export const orderOf = (p: Pick<Posting, 'sentAt' | 'side' | 'seq'>): string =>
  `${String(p.sentAt).padStart(15, '0')}-${p.side === 0 ? 'a' : 'b'}-${String(p.seq).padStart(12, '0')}`

export function postingOf(conv: number, order: string): Posting | undefined {
  if (!ORDER_KEY_PATTERN.test(order)) return undefined
  return { conv, sentAt: Number(order.slice(0, 15)), side: order[16] === 'a' ? 0 : 1, seq: Number(order.slice(18)) }
}

export const segmentKey = (seg: number): string => `${SEGMENT_PREFIX}${seg.toString(16).padStart(8, '0')}`
export const baseKey = (gen: number, i: number): string =>
  `${BASE_PREFIX}${gen.toString(16).padStart(8, '0')}/${i.toString(16).padStart(6, '0')}`

/** The key of a term's chunk written in segment `seg`: HMAC-SHA256(term key, term ‖ 0 ‖ seg), 16 bytes in hex. */
export function chunkKey(termKey: Uint8Array, term: string, seg: number): string {
  const t = utf8(term)
  const data = new Uint8Array(t.length + 5)
  data.set(t, 0)
  data.set(u32be(seg), t.length + 1)
  return CHUNK_PREFIX + toHex(hmacSha256(termKey, data).subarray(0, 16))
}

/** The index's state: how far it is, the vocabulary's base records and the conversations' numbers. */
export const searchStateSchema = z
  .object({
    v: z.literal(1),
    /** Every message before `build` is in the index (null: all of them). */
    build: z
      .object({ after: z.string().max(600) })
      .strict()
      .nullable(),
    nextSeg: z.number().int().min(1).max(SEG_MAX),
    /** Segments from here on are separate records; older ones are in the base. */
    tailFrom: z.number().int().min(1).max(SEG_MAX),
    baseGen: z.number().int().nonnegative().max(SEG_MAX),
    /** The first term of each base record, in order. */
    baseFirsts: z.array(z.string().max(2 * TERM_MAX_CHARS)).max(1 << 16),
    convs: z.array(z.string().regex(/^[0-9a-f]{32}$/)).max(1 << 20),
  })
  .strict()
export type SearchState = z.infer<typeof searchStateSchema>

export const emptyState = (): SearchState => ({
  v: 1,
  build: { after: '' },
  nextSeg: 1,
  tailFrom: 1,
  baseGen: 0,
  baseFirsts: [],
  convs: [],
})

export function decodeState(bytes: Uint8Array | undefined): SearchState | undefined {
  if (bytes === undefined) return undefined
  if (bytes.length > 8 << 20) throw new SearchIndexDamagedError('state too long')
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'))
  } catch {
    throw new SearchIndexDamagedError('state is not JSON')
  }
  const state = searchStateSchema.safeParse(parsed)
  if (!state.success) throw new SearchIndexDamagedError('state')
  return state.data
}

// ── bytes ──

class Writer {
  private buf = new Uint8Array(256)
  private n = 0
  private room(extra: number): void {
    if (this.n + extra <= this.buf.length) return
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.n + extra))
    next.set(this.buf.subarray(0, this.n))
    this.buf = next
  }
  uint(value: number): this {
    this.room(8)
    let v = value
    while (v >= 0x80) {
      this.buf[this.n++] = (v % 0x80) | 0x80
      v = Math.floor(v / 0x80)
    }
    this.buf[this.n++] = v
    return this
  }
  text(value: string): this {
    const bytes = utf8(value)
    this.uint(bytes.length).room(bytes.length)
    this.buf.set(bytes, this.n)
    this.n += bytes.length
    return this
  }
  /** The bytes, zero-padded to a power of two (at least 32), so a record's size tells little. */
  padded(): Uint8Array {
    let size = 32
    while (size < this.n) size *= 2
    const out = new Uint8Array(size)
    out.set(this.buf.subarray(0, this.n))
    return out
  }
}

class Reader {
  private at = 0
  constructor(
    private readonly buf: Uint8Array,
    private readonly what: string,
  ) {}
  uint(max: number): number {
    let value = 0
    let scale = 1
    for (let i = 0; i < 8; i++) {
      const byte = this.buf[this.at++]
      if (byte === undefined) throw new SearchIndexDamagedError(`${this.what} truncated`)
      value += (byte & 0x7f) * scale
      if (byte < 0x80) {
        if (value > max) throw new SearchIndexDamagedError(`${this.what} value out of range`)
        return value
      }
      scale *= 0x80
    }
    throw new SearchIndexDamagedError(`${this.what} varint too long`)
  }
  text(): string {
    const n = this.uint(TERM_MAX_BYTES)
    if (this.at + n > this.buf.length) throw new SearchIndexDamagedError(`${this.what} truncated`)
    const s = Buffer.from(this.buf.buffer, this.buf.byteOffset + this.at, n).toString('utf8')
    this.at += n
    return s
  }
  version(): void {
    if (this.uint(255) !== FORMAT) throw new SearchIndexDamagedError(`${this.what} has an unknown version`)
  }
  /** Only zero padding may follow. */
  end(): void {
    for (let i = this.at; i < this.buf.length; i++) {
      if (this.buf[i] !== 0) throw new SearchIndexDamagedError(`${this.what} has trailing bytes`)
    }
  }
}

/** A chunk: one term's postings from one segment, in order (time, then conversation). */
export function encodeChunk(postings: readonly Posting[]): Uint8Array {
  const w = new Writer().uint(FORMAT).uint(postings.length)
  let last = 0
  for (const p of postings) {
    w.uint(p.conv)
      .uint(p.sentAt - last)
      .uint(p.seq * 2 + p.side)
    last = p.sentAt
  }
  return w.padded()
}

export function decodeChunk(bytes: Uint8Array, convs: number): Posting[] {
  const r = new Reader(bytes, 'posting chunk')
  r.version()
  const n = r.uint(SEGMENT_MESSAGES_MAX)
  const out: Posting[] = []
  let sentAt = 0
  for (let i = 0; i < n; i++) {
    const conv = r.uint(convs - 1)
    sentAt += r.uint(Number.MAX_SAFE_INTEGER - sentAt)
    const ss = r.uint(2 * 999_999_999_999 + 1)
    out.push({ conv, sentAt, side: ss % 2, seq: Math.floor(ss / 2) })
  }
  r.end()
  return out
}

/** What one segment added: each term with its number of postings, terms sorted. */
export type SegmentTerms = readonly (readonly [term: string, count: number])[]

export function encodeSegment(terms: SegmentTerms): Uint8Array {
  const w = new Writer().uint(FORMAT).uint(terms.length)
  for (const [term, count] of terms) w.text(term).uint(count)
  return w.padded()
}

export function decodeSegment(bytes: Uint8Array): [string, number][] {
  const r = new Reader(bytes, 'vocabulary segment')
  r.version()
  const n = r.uint(SEGMENT_TERMS_MAX)
  const out: [string, number][] = []
  for (let i = 0; i < n; i++) out.push([r.text(), r.uint(SEGMENT_MESSAGES_MAX)])
  r.end()
  return out
}

/** A term of the vocabulary: the segments with a chunk of it, oldest first, and their postings. */
export interface TermEntry {
  readonly term: string
  readonly segs: readonly number[]
  readonly counts: readonly number[]
}

/** A base record: up to BASE_TERMS_MAX terms, sorted, each with its segments. */
export function encodeBase(entries: readonly TermEntry[]): Uint8Array {
  const w = new Writer().uint(FORMAT).uint(entries.length)
  for (const e of entries) {
    w.text(e.term).uint(e.segs.length)
    let last = 0
    e.segs.forEach((seg, i) => {
      w.uint(seg - last).uint(e.counts[i] ?? 0)
      last = seg
    })
  }
  return w.padded()
}

export function decodeBase(bytes: Uint8Array): TermEntry[] {
  const r = new Reader(bytes, 'vocabulary record')
  r.version()
  const n = r.uint(BASE_TERMS_MAX)
  const out: TermEntry[] = []
  for (let i = 0; i < n; i++) {
    const term = r.text()
    const k = r.uint(SEGS_PER_TERM_MAX)
    const segs: number[] = []
    const counts: number[] = []
    let seg = 0
    for (let j = 0; j < k; j++) {
      seg += r.uint(SEG_MAX - seg)
      segs.push(seg)
      counts.push(r.uint(SEGMENT_MESSAGES_MAX))
    }
    out.push({ term, segs, counts })
  }
  r.end()
  return out
}

/** A mark: a message written since the last merge (its key after `dm/msg/`). */
export function decodeMark(bytes: Uint8Array): { conv: string; order: string } {
  const text = bytes.length > 200 ? '' : Buffer.from(bytes).toString('utf8')
  const slash = text.indexOf('/')
  const conv = text.slice(0, slash)
  const order = text.slice(slash + 1)
  if (!/^[0-9a-f]{32}$/.test(conv) || !ORDER_KEY_PATTERN.test(order)) throw new SearchIndexDamagedError('mark')
  return { conv, order }
}
