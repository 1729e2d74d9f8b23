import { describe, expect, it } from 'vitest'
import { createSearchIndex, type SearchDocument } from '../src/messages/search-index.js'

/** A unique word per number (the encoder folds similar-sounding letters, so digits tell them apart). */
const word = (i: number): string => `k${String(i)}k`

function doc(conv: string, seq: number, text?: string): SearchDocument {
  return {
    conv,
    fromMe: seq % 3 === 0,
    seq,
    text: text ?? `message ${word(seq)} about ${seq % 2 === 0 ? 'lunch' : 'work'}`,
  }
}

const at = (d: SearchDocument): { conv: string; fromMe: boolean; seq: number } => ({
  conv: d.conv,
  fromMe: d.fromMe,
  seq: d.seq,
})

/** Documents as the store would yield them, noting how many were read. */
async function* stored(docs: readonly SearchDocument[], read: { n: number }): AsyncIterable<SearchDocument> {
  for (const d of docs) {
    read.n++
    yield await Promise.resolve(d)
  }
}

describe('search index', () => {
  it('fills a long history a chunk at a time: the event loop keeps turning meanwhile', async () => {
    const index = createSearchIndex()
    const docs = Array.from({ length: 20_000 }, (_, i) => doc('c1', i + 1))
    const read = { n: 0 }
    const readWhenTimersRan: number[] = []
    let ticking = true
    const tick = (): void => {
      readWhenTimersRan.push(read.n)
      if (ticking) setImmediate(tick)
    }
    setImmediate(tick)
    await index.fill(stored(docs, read))
    ticking = false
    // timers ran while the fill was half way, not only before and after it
    expect(readWhenTimersRan.some((n) => n > 0 && n < 20_000)).toBe(true)
    expect(index.search(word(12_345), undefined, 10)).toEqual([at(doc('c1', 12_345))])
    expect(index.search('lunch', undefined, 100_000)).toHaveLength(10_000)
  })

  it('changes made while filling win over what the fill reads', async () => {
    const index = createSearchIndex()
    const docs = Array.from({ length: 5_000 }, (_, i) => doc('c1', i + 1))
    const read = { n: 0 }
    const filling = index.fill(stored(docs, read))
    // the fill has not reached these yet: an edit, and a message deleted for everyone
    index.put(doc('c1', 4_000, 'edited to say dinner'))
    index.remove(at(doc('c1', 4_001)))
    await filling
    expect(read.n).toBe(5_000)
    expect(index.search('dinner', undefined, 10)).toEqual([at(doc('c1', 4_000))])
    expect(index.search(word(4_000), undefined, 10)).toEqual([])
    expect(index.search(word(4_001), undefined, 10)).toEqual([])
    expect(index.search(word(4_002), undefined, 10)).toEqual([at(doc('c1', 4_002))])
  })

  it('finds words by their start, folding case and accents, numbers as typed; every word of the query must match', async () => {
    const index = createSearchIndex()
    await index.fill(
      stored(
        [
          doc('c1', 1, 'Lunch at the Café Zürich?'),
          doc('c1', 2, 'the résumé is attached'),
          doc('c2', 3, 'lunch tomorrow then'),
          doc('c2', 4, 'Встреча завтра'),
          doc('c2', 5, 'room 4000 at 10:30'),
          doc('c2', 6, 'only 40 left'),
        ],
        { n: 0 },
      ),
    )
    const seqs = (query: string, conv?: string): number[] =>
      index
        .search(query, conv, 10)
        .map((h) => h.seq)
        .sort()
    expect(seqs('lunch')).toEqual([1, 3])
    expect(seqs('LUN')).toEqual([1, 3])
    expect(seqs('cafe zurich')).toEqual([1])
    expect(seqs('resume')).toEqual([2])
    expect(seqs('завт')).toEqual([4])
    expect(seqs('lunch tomorrow')).toEqual([3])
    expect(seqs('lunch nothing')).toEqual([])
    // numbers as typed: 40 starts 4000, 4000 is not 40
    expect(seqs('4000')).toEqual([5])
    expect(seqs('40')).toEqual([5, 6])
  })

  it('searches one conversation or all, up to the limit, and tells own messages from theirs', async () => {
    const index = createSearchIndex()
    const docs = [doc('c1', 1), doc('c1', 2), doc('c2', 2), doc('c2', 3), doc('c2', 4)]
    await index.fill(stored(docs, { n: 0 }))
    expect(index.search('lunch', 'c2', 10)).toEqual([at(doc('c2', 2)), at(doc('c2', 4))])
    expect(index.search('lunch', 'unknown', 10)).toEqual([])
    expect(index.search('about', undefined, 3)).toHaveLength(3)
    expect(index.search(word(3), undefined, 10)).toEqual([{ conv: 'c2', fromMe: true, seq: 3 }])
    index.remove(at(doc('c1', 2)))
    expect(index.search('lunch', undefined, 10)).toEqual([at(doc('c2', 2)), at(doc('c2', 4))])
  })
})
