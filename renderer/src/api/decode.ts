import {
  ERROR_CODES,
  EVENT_NAMES,
  type ApiError,
  type ApiEvent,
  type ErrorCode,
  type EventName,
  type Result,
  type ServerFrame,
} from '../../../src/api/index.js'
import {
  isConversationSummary,
  isMessageBatch,
  isMessageNotice,
  isRemovedBatch,
  isTypingChange,
} from './decode-messages.js'

/**
 * Defensive decoding of what a host sends us. Anything malformed decodes to
 * `undefined` and is dropped by the caller; nothing here throws.
 */

const MAX_MESSAGE_LENGTH = 2_000
const MAX_FIELD_ERRORS = 32
const MAX_FIELD_NAME_LENGTH = 64

type Json = Record<string, unknown>

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}

function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value)
}

function isCallId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/** Per-field messages of a form error: string → string only, a bounded number of them. */
function decodeFieldMessages(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) {
    return undefined
  }
  const entries = Object.entries(value)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .filter(([name]) => name.length <= MAX_FIELD_NAME_LENGTH)
    .slice(0, MAX_FIELD_ERRORS)
    .map(([name, message]) => [name, message.slice(0, MAX_MESSAGE_LENGTH)] as const)
  // fromEntries defines own properties, so even a "__proto__" key stays plain data.
  return entries.length === 0 ? undefined : Object.fromEntries(entries)
}

export function decodeApiError(value: unknown): ApiError | undefined {
  if (!isRecord(value) || typeof value.message !== 'string') {
    return undefined
  }
  // An unknown code still carries a useful message: keep it, under INTERNAL.
  const code = isErrorCode(value.code) ? value.code : 'INTERNAL'
  const message = value.message.slice(0, MAX_MESSAGE_LENGTH)
  const fields = decodeFieldMessages(value.fields)
  return fields === undefined ? { code, message } : { code, message, fields }
}

export function decodeResult(value: unknown): Result<unknown> | undefined {
  if (!isRecord(value)) {
    return undefined
  }
  if (value.ok === true && 'value' in value) {
    return { ok: true, value: value.value }
  }
  if (value.ok === false) {
    const error = decodeApiError(value.error)
    return error === undefined ? undefined : { ok: false, error }
  }
  return undefined
}

/** At most this many entries in a pushed list: more is not a list any account has. */
const MAX_LIST_LENGTH = 10_000

/** A list of records that each have a string `peerId` (and the other string keys named). */
function isPeerList(value: unknown, ...keys: readonly string[]): boolean {
  return (
    Array.isArray(value) &&
    value.length <= MAX_LIST_LENGTH &&
    value.every(
      (item) => isRecord(item) && typeof item.peerId === 'string' && keys.every((key) => typeof item[key] === 'string'),
    )
  )
}

function hasPayloadShape(name: EventName, payload: Json): boolean {
  switch (name) {
    case 'peerDiscovered':
    case 'peerConnected':
    case 'peerDisconnected':
      return typeof payload.peerId === 'string'
    case 'listenAddressesChanged':
      return Array.isArray(payload.listenAddresses)
    case 'networkModeChanged':
      return typeof payload.mode === 'string' && isRecord(payload.status)
    case 'sessionChanged':
      return Array.isArray(payload.accounts) && (payload.account === null || isRecord(payload.account))
    case 'profileUpdated':
      return typeof payload.username === 'string' && isRecord(payload.fields) && isRecord(payload.visibility)
    case 'contactsChanged':
      return isPeerList(payload.contacts, 'name')
    case 'contactRequestsChanged':
      return isPeerList(payload.requests, 'requestId', 'direction', 'message')
    case 'nearbyChanged':
      return isPeerList(payload.nearby, 'displayName', 'fingerprint')
    case 'messagesChanged':
      return isMessageBatch(payload)
    case 'messagesRemoved':
      return isRemovedBatch(payload)
    case 'conversationChanged':
      return isConversationSummary(payload)
    case 'typingChanged':
      return isTypingChange(payload)
    case 'messageNotified':
      return isMessageNotice(payload)
  }
}

export function decodeEvent(value: unknown): ApiEvent | undefined {
  if (!isRecord(value) || !isEventName(value.name) || !isRecord(value.payload)) {
    return undefined
  }
  if (!hasPayloadShape(value.name, value.payload)) {
    return undefined
  }
  return { name: value.name, payload: value.payload } as ApiEvent
}

/** Decode one text frame of the web host's WebSocket bridge. */
export function decodeServerFrame(data: unknown): ServerFrame | undefined {
  if (typeof data !== 'string') {
    return undefined
  }
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    return undefined
  }
  if (!isRecord(json)) {
    return undefined
  }
  switch (json.type) {
    case 'welcome':
      return { type: 'welcome' }
    case 'result': {
      const result = decodeResult(json.result)
      return isCallId(json.id) && result !== undefined ? { type: 'result', id: json.id, result } : undefined
    }
    case 'event': {
      const event = decodeEvent(json.event)
      return event === undefined ? undefined : { type: 'event', event }
    }
    case 'error': {
      const error = decodeApiError(json.error)
      if (error === undefined) {
        return undefined
      }
      return isCallId(json.id) ? { type: 'error', id: json.id, error } : { type: 'error', error }
    }
    default:
      return undefined
  }
}
