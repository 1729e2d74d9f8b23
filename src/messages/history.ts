import type { ChatMessage, MessagePage } from '../api/index.js'
import type { SealedStore } from '../store/sealed-store.js'
import { messageRecordSchema, toChatMessage, type ConversationRecord, type MessageRecord } from './records.js'

/**
 * Reading a conversation's history: records under `dm/msg/<conversation>/<order>`,
 * an index `dm/id/<conversation>/<message ID>` → order. Pages come straight
 * from LevelDB's ordered iterator, so opening a chat costs the same at a
 * hundred messages or a million.
 */
export const msgPrefix = (conv: string): string => `dm/msg/${conv}/`
export const idKey = (conv: string, id: string): string => `dm/id/${conv}/${id}`

/** UTF-8 bytes as text, without copying them first. */
const textOf = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')

export function parseMessage(bytes: Uint8Array): MessageRecord {
  return messageRecordSchema.parse(JSON.parse(textOf(bytes)))
}

/**
 * What the search index needs of a stored message, checking only that
 * (the first search after unlocking reads every message). Undefined: unreadable.
 */
export function searchFieldsOf(
  bytes: Uint8Array,
): Pick<MessageRecord, 'fromMe' | 'seq' | 'text' | 'deleted'> | undefined {
  const record = JSON.parse(textOf(bytes)) as Partial<Record<'fromMe' | 'seq' | 'text' | 'deleted', unknown>>
  const { fromMe, seq, text, deleted } = record
  if (
    typeof fromMe !== 'boolean' ||
    typeof seq !== 'number' ||
    typeof text !== 'string' ||
    typeof deleted !== 'boolean'
  ) {
    return undefined
  }
  return { fromMe, seq, text, deleted }
}

/** Reading single records; the service's view also sees writes still on their way to disk. */
export type RecordReader = Pick<SealedStore, 'get'>

export interface HistoryReader {
  readonly store: SealedStore
  readonly view: RecordReader
  readonly showRead: () => boolean
  /** Our message still waits in the outbox for the peer's acknowledgement. */
  readonly isSending: (peerId: string, messageId: string) => boolean
}

export async function orderOf(store: RecordReader, conv: string, id: string): Promise<string | undefined> {
  const bytes = await store.get(idKey(conv, id))
  if (bytes === undefined || bytes.length === 0) return undefined
  return textOf(bytes)
}

export async function findMessage(
  store: RecordReader,
  conv: string,
  id: string,
): Promise<{ order: string; record: MessageRecord } | undefined> {
  const order = await orderOf(store, conv, id)
  if (order === undefined) return undefined
  const bytes = await store.get(msgPrefix(conv) + order)
  return bytes === undefined ? undefined : { order, record: parseMessage(bytes) }
}

export async function present(
  reader: HistoryReader,
  conv: string,
  conversation: ConversationRecord,
  order: string,
  record: MessageRecord,
): Promise<ChatMessage> {
  const quoted = record.replyTo === null ? null : (await findMessage(reader.view, conv, record.replyTo))?.record
  const sending = record.fromMe && reader.isSending(conversation.peerId, record.id)
  return toChatMessage(record, order, conversation, quoted, reader.showRead(), sending)
}

async function range(
  reader: HistoryReader,
  conv: string,
  conversation: ConversationRecord,
  options: { before?: string; after?: string; reverse: boolean; limit: number },
): Promise<ChatMessage[]> {
  const prefix = msgPrefix(conv)
  const out: ChatMessage[] = []
  for await (const [key, value] of reader.store.entries(prefix, {
    reverse: options.reverse,
    limit: options.limit,
    ...(options.before === undefined ? {} : { before: prefix + options.before }),
    ...(options.after === undefined ? {} : { after: prefix + options.after }),
  })) {
    out.push(await present(reader, conv, conversation, key.slice(prefix.length), parseMessage(value)))
  }
  return options.reverse ? out.reverse() : out
}

export async function readPage(
  reader: HistoryReader,
  conv: string,
  conversation: ConversationRecord,
  page: { before?: string; after?: string; limit: number },
): Promise<MessagePage> {
  if (page.after !== undefined && page.before === undefined) {
    const messages = await range(reader, conv, conversation, {
      after: page.after,
      reverse: false,
      limit: page.limit + 1,
    })
    return { messages: messages.slice(0, page.limit), hasBefore: true, hasAfter: messages.length > page.limit }
  }
  const messages = await range(reader, conv, conversation, {
    ...(page.before === undefined ? {} : { before: page.before }),
    ...(page.after === undefined ? {} : { after: page.after }),
    reverse: true,
    limit: page.limit + 1,
  })
  return {
    messages: messages.slice(messages.length > page.limit ? 1 : 0),
    hasBefore: messages.length > page.limit,
    hasAfter: page.before !== undefined,
  }
}

/** About half the page before the message, the message, and the rest after it. */
export async function readContext(
  reader: HistoryReader,
  conv: string,
  conversation: ConversationRecord,
  target: { order: string; record: MessageRecord },
  limit: number,
): Promise<MessagePage> {
  // at most the limit in all, the target included
  const older = await readPage(reader, conv, conversation, {
    before: target.order,
    limit: Math.min(limit - 1, Math.max(1, limit >> 1)),
  })
  const room = Math.max(0, limit - older.messages.length - 1)
  const newer = await range(reader, conv, conversation, { after: target.order, reverse: false, limit: room + 1 })
  return {
    messages: [
      ...older.messages,
      await present(reader, conv, conversation, target.order, target.record),
      ...newer.slice(0, room),
    ],
    hasBefore: older.hasBefore,
    hasAfter: newer.length > room,
  }
}

/**
 * The newest message, for the conversation list: the record the conversation
 * names as its last, through the view (one read, and it sees a message still
 * on its way to disk); the history's end if that record is not there.
 */
export async function lastMessage(
  reader: HistoryReader,
  conv: string,
  conversation: ConversationRecord,
): Promise<ChatMessage | null> {
  const order = conversation.lastOrder
  if (order !== null) {
    const bytes = await reader.view.get(msgPrefix(conv) + order)
    if (bytes !== undefined) return present(reader, conv, conversation, order, parseMessage(bytes))
  }
  const [last] = await range(reader, conv, conversation, { reverse: true, limit: 1 })
  return last ?? null
}
