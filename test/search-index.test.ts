import { describe, expect, it } from 'vitest'
import { createSearchIndex, type SearchDocument } from '../src/messages/search-index.js'

const order = (i: number): string =>
  `${String(1_600_000_000_000 + i).padStart(15, '0')}-a-${String(i).padStart(12, '0')}`

function doc(conv: string, i: number, text = `message number${String(i)} about ${i % 2 === 0 ? 'lunch' : 'work'}`) {
  return { conv, order: order(i), text }
}

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
    const docs = Array.from({ length: 20_000 }, (_, i) => doc('c1', i))
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
    expect(index.size).toBe(20_000)
    // timers ran while the fill was half way, not only before and after it
    expect(readWhenTimersRan.some((n) => n > 0 && n < 20_000)).toBe(true)
    // the exact word ranks first (near ones follow: the search forgives a typo)
    expect(index.search('number12345', undefined, 10)[0]).toEqual({ conv: 'c1', order: order(12_345) })
  })

  it('changes made while filling win over what the fill reads', async () => {
    const index = createSearchIndex()
    const docs = Array.from({ length: 5_000 }, (_, i) => doc('c1', i))
    const read = { n: 0 }
    const filling = index.fill(stored(docs, read))
    // the fill has not reached these yet: an edit, and a message deleted for everyone
    index.put({ conv: 'c1', order: order(4_000), text: 'edited to say dinner' })
    index.remove('c1', order(4_001))
    await filling
    expect(read.n).toBe(5_000)
    expect(index.search('dinner', undefined, 10)).toEqual([{ conv: 'c1', order: order(4_000) }])
    const near = index.search('number4000', undefined, 50).map((h) => h.order)
    expect(near).toContain(order(4_002))
    expect(near).not.toContain(order(4_000))
    expect(near).not.toContain(order(4_001))
    expect(index.size).toBe(4_999)
  })

  it('searches one conversation or all, with every word of the query, up to the limit', async () => {
    const index = createSearchIndex()
    await index.fill(stored([doc('c1', 1), doc('c1', 2), doc('c2', 3), doc('c2', 4)], { n: 0 }))
    expect(
      index
        .search('lunch', undefined, 10)
        .map((h) => h.order)
        .sort(),
    ).toEqual([order(2), order(4)])
    expect(index.search('lunch', 'c2', 10)).toEqual([{ conv: 'c2', order: order(4) }])
    expect(index.search('lunch', 'unknown', 10)).toEqual([])
    expect(index.search('lunch work', undefined, 10)).toEqual([])
    expect(index.search('about', undefined, 3)).toHaveLength(3)
    index.remove('c1', order(2))
    expect(index.search('lunch', undefined, 10)).toEqual([{ conv: 'c2', order: order(4) }])
  })
})
