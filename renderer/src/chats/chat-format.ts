import type { ChatMessage, MessageState } from '../../../src/api/index.js'

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const WEEKDAY = new Intl.DateTimeFormat(undefined, { weekday: 'short' })
const SHORT_DATE = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' })
const DAY = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })

const DAY_MS = 86_400_000

function startOfDay(at: number): number {
  const date = new Date(at)
  date.setHours(0, 0, 0, 0)
  return date.getTime()
}

/** "14:03" */
export function clockTime(at: number): string {
  return CLOCK.format(at)
}

/** "Tuesday, 3 June 2025 at 14:03", for a title. */
export function fullTime(at: number): string {
  return FULL.format(at)
}

/** For a list: the time today, the weekday this week, else the date. */
export function listTime(at: number, now = Date.now()): string {
  const today = startOfDay(now)
  if (at >= today) {
    return CLOCK.format(at)
  }
  if (at >= today - 6 * DAY_MS) {
    return WEEKDAY.format(at)
  }
  return SHORT_DATE.format(at)
}

/** The heading above the first message of a day: "Today", "Yesterday", or the date. */
export function dayLabel(at: number, now = Date.now()): string {
  const today = startOfDay(now)
  if (at >= today) {
    return 'Today'
  }
  if (at >= today - DAY_MS) {
    return 'Yesterday'
  }
  return DAY.format(at)
}

export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b)
}

export const DELETED_TEXT = 'This message was deleted'

/** One line for a conversation row or a quote: whitespace folded, cut at `max` characters. */
export function oneLine(text: string, max = 120): string {
  const folded = text.replace(/\s+/g, ' ').trim()
  return folded.length <= max ? folded : `${folded.slice(0, max - 1)}…`
}

/** "You: see you at 8" / "see you at 8" / "This message was deleted". */
export function messagePreview(message: ChatMessage): string {
  const text = message.deleted ? DELETED_TEXT : oneLine(message.text)
  return message.fromMe ? `You: ${text}` : text
}

/** What each delivery state is called, for the tick's label. */
export const STATE_LABELS: Readonly<Record<MessageState, string>> = {
  sending: 'Sending',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
}
