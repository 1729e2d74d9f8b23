import type { ChatMessage, MessageState } from '../../../src/api/index.js'
import { formatDate } from '../i18n/format.js'
import { i18n } from '../i18n/i18n.js'

const DAY_MS = 86_400_000

function startOfDay(at: number): number {
  const date = new Date(at)
  date.setHours(0, 0, 0, 0)
  return date.getTime()
}

/** "14:03" */
export function clockTime(at: number): string {
  return formatDate(at, 'clock')
}

/** "Tuesday, 3 June 2025 at 14:03", for a title. */
export function fullTime(at: number): string {
  return formatDate(at, 'full')
}

/** For a list: the time today, the weekday this week, else the date. */
export function listTime(at: number, now = Date.now()): string {
  const today = startOfDay(now)
  if (at >= today) {
    return formatDate(at, 'clock')
  }
  if (at >= today - 6 * DAY_MS) {
    return formatDate(at, 'weekday')
  }
  return formatDate(at, 'shortDate')
}

/** The heading above the first message of a day: "Today", "Yesterday", or the date. */
export function dayLabel(at: number, now = Date.now()): string {
  const today = startOfDay(now)
  if (at >= today) {
    return i18n.t('chats.today')
  }
  if (at >= today - DAY_MS) {
    return i18n.t('chats.yesterday')
  }
  return formatDate(at, 'day')
}

export function sameDay(a: number, b: number): boolean {
  return startOfDay(a) === startOfDay(b)
}

/** What a deleted message shows instead of its text. */
export function deletedText(): string {
  return i18n.t('chats.deleted')
}

/** One line for a conversation row or a quote: whitespace folded, cut at `max` characters. */
export function oneLine(text: string, max = 120): string {
  const folded = text.replace(/\s+/g, ' ').trim()
  return folded.length <= max ? folded : `${folded.slice(0, max - 1)}…`
}

/** "You: see you at 8" / "see you at 8" / "This message was deleted". */
export function messagePreview(message: ChatMessage): string {
  const text = message.deleted ? deletedText() : oneLine(message.text)
  return message.fromMe ? i18n.t('chats.youPreview', { text }) : text
}

/** What each delivery state is called, for the tick's label. */
export function stateLabel(state: MessageState): string {
  return i18n.t(`chats.states.${state}`)
}
