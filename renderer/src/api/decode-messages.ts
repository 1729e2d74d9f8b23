/**
 * Shape checks for the messaging events' payloads: the renderer shows what
 * these carry, so a malformed message is dropped rather than half-rendered.
 */

type Json = Record<string, unknown>

/** More messages than this in one push is not a batch the core sends. */
const MAX_BATCH = 1_000

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

function isQuote(value: unknown): boolean {
  return (
    value === null ||
    (isRecord(value) &&
      typeof value.id === 'string' &&
      typeof value.fromMe === 'boolean' &&
      typeof value.text === 'string' &&
      typeof value.deleted === 'boolean')
  )
}

function isReactions(value: unknown): boolean {
  return (
    isRecord(value) &&
    (value.mine === null || typeof value.mine === 'string') &&
    (value.theirs === null || typeof value.theirs === 'string')
  )
}

const STATES: readonly unknown[] = ['sending', 'delivered', 'read', 'failed', null]

export function isChatMessage(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.peerId === 'string' &&
    typeof value.fromMe === 'boolean' &&
    isNumber(value.seq) &&
    isNumber(value.sentAt) &&
    isNumber(value.receivedAt) &&
    typeof value.text === 'string' &&
    isQuote(value.replyTo) &&
    (value.editedAt === null || isNumber(value.editedAt)) &&
    typeof value.deleted === 'boolean' &&
    isReactions(value.reactions) &&
    STATES.includes(value.state) &&
    typeof value.order === 'string'
  )
}

export function isMessageBatch(payload: Json): boolean {
  return (
    typeof payload.peerId === 'string' &&
    Array.isArray(payload.messages) &&
    payload.messages.length <= MAX_BATCH &&
    payload.messages.every(isChatMessage)
  )
}

export function isRemovedBatch(payload: Json): boolean {
  return (
    typeof payload.peerId === 'string' &&
    Array.isArray(payload.messageIds) &&
    payload.messageIds.length <= MAX_BATCH &&
    payload.messageIds.every((id) => typeof id === 'string')
  )
}

export function isConversationSummary(payload: Json): boolean {
  return (
    typeof payload.peerId === 'string' &&
    (payload.lastMessage === null || isChatMessage(payload.lastMessage)) &&
    isNumber(payload.unread) &&
    isNumber(payload.total) &&
    typeof payload.muted === 'boolean' &&
    typeof payload.draft === 'string' &&
    isNumber(payload.updatedAt)
  )
}

export function isTypingChange(payload: Json): boolean {
  return typeof payload.peerId === 'string' && typeof payload.typing === 'boolean'
}

export function isMessageNotice(payload: Json): boolean {
  return (
    typeof payload.peerId === 'string' && typeof payload.messageId === 'string' && typeof payload.preview === 'string'
  )
}
