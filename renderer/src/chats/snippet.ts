/** A piece of a snippet: plain, or matching the query (shown marked). */
export interface SnippetPart {
  readonly text: string
  readonly match: boolean
}

const BEFORE = 30
const LENGTH = 140

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The stretch of a message around the first word of the query it contains,
 * whitespace folded, with every occurrence of the query's words marked.
 */
export function snippet(text: string, query: string): SnippetPart[] {
  const folded = text.replace(/\s+/g, ' ').trim()
  const words = query
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
    .map(escapeRegExp)
  const pattern = words.length === 0 ? undefined : new RegExp(`(${words.join('|')})`, 'giu')
  const first = pattern === undefined ? -1 : folded.search(pattern)
  const start = first <= BEFORE ? 0 : first - BEFORE
  const cut = folded.slice(start, start + LENGTH)
  const shown = `${start > 0 ? '…' : ''}${cut}${start + LENGTH < folded.length ? '…' : ''}`
  if (pattern === undefined) {
    return [{ text: shown, match: false }]
  }
  // split with a capturing group: odd positions are the matches
  return shown
    .split(pattern)
    .map((part, index) => ({ text: part, match: index % 2 === 1 }))
    .filter((part) => part.text !== '')
}
