import type { ChatMessage, MessagePage } from '../../../src/api/index.js'

/**
 * The slice of one conversation the chat view holds: a few pages around what
 * is on screen, never the whole history. Messages are kept sorted by `order`
 * (plain string comparison, as both sides sort) and identified by `id`.
 */
export interface MessageWindow {
  readonly messages: readonly ChatMessage[]
  /** Virtuoso's index of the first message: lowered by the count prepended, so the view stays put. */
  readonly firstItemIndex: number
  /** The core has older messages than the first one here. */
  readonly hasBefore: boolean
  /** The core has newer messages than the last one here (after a jump into the past). */
  readonly hasAfter: boolean
  /** False until the first page has arrived. */
  readonly loaded: boolean
  /** Bumped whenever the whole window is replaced: the list remounts at `focusIndex`. */
  readonly epoch: number
  /** Where a replaced window opens: the message jumped to, else the newest. */
  readonly focusIndex: number
}

/** At most this many messages held: scrolling far drops the other end (it loads again on the way back). */
export const MAX_WINDOW = 1_000

/** High enough to prepend any history in front of it, as Virtuoso asks. */
export const FIRST_INDEX = 1_000_000_000

export const EMPTY_WINDOW: MessageWindow = {
  messages: [],
  firstItemIndex: FIRST_INDEX,
  hasBefore: false,
  hasAfter: false,
  loaded: false,
  epoch: 0,
  focusIndex: 0,
}

function compareOrder(a: ChatMessage, b: ChatMessage): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : 0
}

/** The index where a message of this order belongs (after any equal keys). */
function insertionIndex(messages: readonly ChatMessage[], order: string): number {
  let low = 0
  let high = messages.length
  while (low < high) {
    const middle = (low + high) >>> 1
    const probe = messages[middle]
    if (probe !== undefined && probe.order <= order) {
      low = middle + 1
    } else {
      high = middle
    }
  }
  return low
}

/** A new window holding one page, opened at `focusId` (or at the newest message). */
export function replaceWindow(current: MessageWindow, page: MessagePage, focusId?: string): MessageWindow {
  const messages = [...page.messages].sort(compareOrder)
  const focused = focusId === undefined ? -1 : messages.findIndex((message) => message.id === focusId)
  return {
    messages,
    firstItemIndex: FIRST_INDEX,
    hasBefore: page.hasBefore,
    hasAfter: page.hasAfter,
    loaded: true,
    epoch: current.epoch + 1,
    focusIndex: focused >= 0 ? focused : Math.max(0, messages.length - 1),
  }
}

/** Older messages in front; Virtuoso keeps the view still because firstItemIndex drops by as many. */
export function prependPage(current: MessageWindow, page: MessagePage): MessageWindow {
  const known = new Set(current.messages.map((message) => message.id))
  const first = current.messages[0]
  const older = page.messages
    .filter((message) => !known.has(message.id) && (first === undefined || message.order < first.order))
    .sort(compareOrder)
  const messages = [...older, ...current.messages]
  const overflow = Math.max(0, messages.length - MAX_WINDOW)
  return {
    ...current,
    messages: overflow === 0 ? messages : messages.slice(0, -overflow),
    firstItemIndex: current.firstItemIndex - older.length,
    hasBefore: page.hasBefore,
    hasAfter: current.hasAfter || overflow > 0,
  }
}

/** Newer messages behind (scrolling down after a jump). */
export function appendPage(current: MessageWindow, page: MessagePage): MessageWindow {
  const known = new Set(current.messages.map((message) => message.id))
  const last = current.messages.at(-1)
  const newer = page.messages
    .filter((message) => !known.has(message.id) && (last === undefined || message.order > last.order))
    .sort(compareOrder)
  const messages = [...current.messages, ...newer]
  const overflow = Math.max(0, messages.length - MAX_WINDOW)
  return {
    ...current,
    messages: messages.slice(overflow),
    firstItemIndex: current.firstItemIndex + overflow,
    hasBefore: current.hasBefore || overflow > 0,
    hasAfter: page.hasAfter,
  }
}

/** Whether a message not held yet falls inside the stretch of history this window covers. */
function covers(window: MessageWindow, message: ChatMessage): boolean {
  const first = window.messages[0]
  const last = window.messages.at(-1)
  if (first === undefined || last === undefined) {
    return !window.hasBefore && !window.hasAfter
  }
  const afterStart = !window.hasBefore || message.order > first.order
  const beforeEnd = !window.hasAfter || message.order < last.order
  return afterStart && beforeEnd
}

/**
 * Apply changed or new messages by ID: replace the ones held, insert the ones
 * that belong inside the window, ignore the rest (a page load will bring them).
 */
export function upsertMessages(current: MessageWindow, changes: readonly ChatMessage[]): MessageWindow {
  if (!current.loaded || changes.length === 0) {
    return current
  }
  let messages = current.messages
  let firstItemIndex = current.firstItemIndex
  let changed = false
  for (const message of changes) {
    const at = messages.findIndex((held) => held.id === message.id)
    if (at >= 0 && messages[at]?.order === message.order) {
      if (messages[at] !== message) {
        messages = messages.with(at, message)
        changed = true
      }
      continue
    }
    if (at >= 0) {
      messages = messages.toSpliced(at, 1)
    } else if (!covers({ ...current, messages }, message)) {
      continue
    }
    const to = insertionIndex(messages, message.order)
    if (to === 0 && messages.length > 0 && at < 0) {
      firstItemIndex -= 1
    }
    messages = messages.toSpliced(to, 0, message)
    changed = true
  }
  return changed ? { ...current, messages, firstItemIndex } : current
}

/** Without one message (deleted for me). */
export function removeMessage(current: MessageWindow, messageId: string): MessageWindow {
  const at = current.messages.findIndex((message) => message.id === messageId)
  return at < 0 ? current : { ...current, messages: current.messages.toSpliced(at, 1) }
}
