/**
 * Finding web links in message text. Links are never followed by a click on
 * the text itself: the chat shows the full address and asks first, and only
 * http and https addresses are links at all.
 */

export type TextPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string }

const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/giu
/** Punctuation that usually ends the sentence around a link rather than the link. */
const TRAILING = /[.,;:!?'"*_~)\]}>]+$/u
/** Characters that reorder text around them (bidi overrides): never part of a link we show. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/u

/** Trim trailing punctuation, but keep a closing bracket that closes one opened inside the link. */
function trimEnd(candidate: string): string {
  let link = candidate
  for (;;) {
    const trailing = TRAILING.exec(link)
    if (trailing === null) {
      return link
    }
    const last = link.at(-1)
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' }
    const opener = last === undefined ? undefined : pairs[last]
    if (opener !== undefined && last !== undefined && link.split(opener).length >= link.split(last).length) {
      return link
    }
    link = link.slice(0, -1)
  }
}

/** The address to open, or undefined if it is not a well-formed http(s) URL. */
export function safeHref(candidate: string): string | undefined {
  if (BIDI_CONTROLS.test(candidate)) {
    return undefined
  }
  try {
    const url = new URL(candidate)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url.href : undefined
  } catch {
    return undefined
  }
}

/** Split text into plain runs and links, in order; joining the parts' text gives the input back. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = []
  let from = 0
  for (const match of text.matchAll(CANDIDATE)) {
    const link = trimEnd(match[0])
    const href = safeHref(link)
    if (href === undefined || link === '') {
      continue
    }
    if (match.index > from) {
      parts.push({ kind: 'text', text: text.slice(from, match.index) })
    }
    parts.push({ kind: 'link', text: link, href })
    from = match.index + link.length
  }
  if (from < text.length) {
    parts.push({ kind: 'text', text: text.slice(from) })
  }
  return parts
}
