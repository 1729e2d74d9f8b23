import { ApiFailure, type ApiEvent, type ChatMessage } from '../api/index.js'
import type { Clock } from '../core/clock.js'
import { utf8 } from '../crypto/bytes.js'
import type { CommitOp } from '../store/committer.js'
import { Content } from '../generated/dm.js'
import type { Conversations } from './conversations.js'
import type { Outgoing } from './dm-delivery.js'
import { findMessage, idKey, msgPrefix, present, type HistoryReader } from './history.js'
import { orderKey } from './ids.js'
import type { MessageSearch } from './message-search.js'
import { newMessageRecord, type MessageRecord } from './records.js'
import type { MessagesService } from './service-types.js'

/**
 * Our own messages: sending a text, and editing, deleting (for everyone, or
 * on this device only) and reacting — each a change to the history that lands
 * in the same batch as the envelope that tells the peer.
 */
export interface OwnMessagesContext {
  readonly convs: Conversations
  readonly clock: Clock
  readonly reader: HistoryReader
  readonly search: MessageSearch
  enqueue(peerId: string, outgoing: Outgoing): Promise<{ id: string | null; seq: number }>
  /** Messages to show (new ones, or new versions). */
  announce(peerId: string, messages: readonly ChatMessage[]): void
  /** Our message as last shown while it waits for its acknowledgement, now forgotten. */
  forgetShown(messageId: string): void
  emit(event: ApiEvent): void
}

const json = (value: unknown): Uint8Array => utf8(JSON.stringify(value))

export function ownMessages(ctx: OwnMessagesContext): Pick<MessagesService, 'send' | 'edit' | 'delete' | 'react'> {
  const { convs, clock, reader, search } = ctx
  const enqueue = ctx.enqueue.bind(ctx)
  const announce = ctx.announce.bind(ctx)
  const self = convs.self

  const requireOwn = async (peerId: string, id: string): Promise<{ order: string; record: MessageRecord }> => {
    const found = await findMessage(convs.view, convs.blind(peerId), id)
    if (found === undefined) throw new ApiFailure('NOT_FOUND', 'no such message')
    return found
  }

  const changeAndSend = async (
    peerId: string,
    targetId: string,
    kind: Content.Kind,
    change: (record: MessageRecord) => MessageRecord,
    extra: { text?: string; reaction?: string },
  ): Promise<ChatMessage> => {
    let result: { order: string; record: MessageRecord } | undefined
    await enqueue(peerId, {
      kind,
      sequenced: true,
      target: Buffer.from(targetId, 'hex'),
      ...extra,
      apply: async () => {
        const found = await requireOwn(peerId, targetId)
        result = { order: found.order, record: change(found.record) }
        return [{ type: 'put', key: msgPrefix(convs.blind(peerId)) + found.order, value: json(result.record) }]
      },
    })
    if (result === undefined) throw new ApiFailure('NOT_FOUND', 'no such message')
    search.index(peerId, result.record)
    const shown = await present(reader, convs.blind(peerId), convs.get(peerId), result.order, result.record)
    announce(peerId, [shown])
    return shown
  }

  return {
    async send(peerId, text, replyTo) {
      // the text was checked by the contract (messageTextSchema), as every argument is
      let shown: { order: string; record: MessageRecord } | undefined
      const c = convs.blind(peerId)
      if (replyTo !== undefined && (await findMessage(convs.view, c, replyTo)) === undefined) {
        throw new ApiFailure('NOT_FOUND', 'the message to reply to is not here')
      }
      await enqueue(peerId, {
        kind: Content.Kind.TEXT,
        sequenced: true,
        text,
        ...(replyTo === undefined ? {} : { target: Buffer.from(replyTo, 'hex') }),
        apply: (conv, seq, sentAt, id) => {
          const order = orderKey(sentAt, self, peerId, seq)
          const record = newMessageRecord({
            id,
            fromMe: true,
            seq,
            sentAt,
            receivedAt: sentAt,
            text,
            replyTo: replyTo ?? null,
          })
          shown = { order, record }
          const lastOrder = conv.lastOrder === null || order > conv.lastOrder ? order : conv.lastOrder
          convs.set(peerId, { ...conv, total: conv.total + 1, lastOrder, draft: '', draftAt: 0 })
          return Promise.resolve([
            { type: 'put', key: msgPrefix(c) + order, value: json(record) },
            { type: 'put', key: idKey(c, id), value: utf8(order) },
          ])
        },
      })
      if (shown === undefined) throw new Error('the message was not written')
      search.index(peerId, shown.record)
      const message = await present(reader, c, convs.get(peerId), shown.order, shown.record)
      announce(peerId, [message])
      return message
    },

    async edit(peerId, id, text) {
      const found = await requireOwn(peerId, id)
      if (!found.record.fromMe || found.record.deleted) {
        throw new ApiFailure('REFUSED', 'only your own messages can be edited')
      }
      return changeAndSend(peerId, id, Content.Kind.EDIT, (r) => ({ ...r, text, editedAt: clock.now() }), { text })
    },

    async delete(peerId, id, forEveryone) {
      const found = await requireOwn(peerId, id)
      const c = convs.blind(peerId)
      if (forEveryone) {
        if (!found.record.fromMe) throw new ApiFailure('REFUSED', 'only your own messages can be deleted for everyone')
        await changeAndSend(peerId, id, Content.Kind.DELETE, (r) => ({ ...r, text: '', deleted: true }), {})
        return
      }
      await convs.serially(peerId, async () => {
        const conv = convs.get(peerId)
        let lastOrder = conv.lastOrder
        if (lastOrder === found.order) {
          // the newest goes: the one before it becomes the last
          lastOrder = null
          const prefix = msgPrefix(c)
          for await (const [key] of convs.store.entries(prefix, {
            before: prefix + found.order,
            reverse: true,
            limit: 1,
          })) {
            lastOrder = key.slice(prefix.length)
          }
        }
        const next = { ...conv, total: Math.max(0, conv.total - 1), lastOrder }
        convs.set(peerId, next)
        // the ID stays known, so a resend cannot bring the message back
        const ops: CommitOp[] = [
          { type: 'del', key: msgPrefix(c) + found.order },
          { type: 'put', key: idKey(c, id), value: new Uint8Array(0) },
          convs.put(peerId),
        ]
        await convs.tracked(ops, () => convs.committer.commit(ops))
      })
      search.remove(peerId, found.record)
      ctx.forgetShown(id)
      ctx.emit({
        name: 'messagesRemoved',
        payload: { conversationId: convs.get(peerId).id, peerId, messageIds: [id] },
      })
      announce(peerId, [])
    },

    async react(peerId, id, reaction) {
      const found = await requireOwn(peerId, id)
      if (found.record.deleted) throw new ApiFailure('REFUSED', 'a deleted message cannot get reactions')
      return changeAndSend(peerId, id, Content.Kind.REACTION, (r) => ({ ...r, mine: reaction }), {
        reaction: reaction ?? '',
      })
    },
  }
}
