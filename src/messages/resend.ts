import { owned } from '../crypto/bytes.js'
import { Content } from '../generated/dm.js'
import type { SealedStore } from '../store/sealed-store.js'
import { encodeContent } from './apply-content.js'
import { findMessage, type HistoryReader } from './history.js'
import { messageId } from './ids.js'

/** `dm/sent/<c>/<seq>`: an edit, delete or reaction of ours as sent (texts are rebuilt from the history). */
export const sentKey = (conv: string, seq: number): string => `dm/sent/${conv}/${String(seq).padStart(12, '0')}`

export interface ResendInput {
  readonly store: SealedStore
  readonly view: HistoryReader['view']
  readonly self: string
  readonly peerId: string
  /** The blinded conversation key. */
  readonly conv: string
  /** The last number we sent in this conversation. */
  readonly sendSeq: number
  readonly now: number
}

/** One of our texts, encoded again from the history (as it reads now; nothing if deleted). */
async function textAgain(input: ResendInput, seq: number): Promise<Uint8Array | undefined> {
  const found = await findMessage(input.view, input.conv, messageId(input.self, input.peerId, seq))
  if (found === undefined || !found.record.fromMe || found.record.deleted) return undefined
  const { record } = found
  return encodeContent({
    kind: Content.Kind.TEXT,
    seq: BigInt(seq),
    sentAt: BigInt(record.sentAt),
    text: record.text,
    target: owned(record.replyTo === null ? new Uint8Array(0) : Buffer.from(record.replyTo, 'hex')),
    reaction: '',
    upTo: 0n,
    from: 0n,
  })
}

/**
 * In place of a text of ours that is gone (deleted for everyone, or for us):
 * a delete of it under its own number, so their gap closes and nothing shows.
 */
function goneAgain(input: ResendInput, seq: number): Uint8Array {
  return encodeContent({
    kind: Content.Kind.DELETE,
    seq: BigInt(seq),
    sentAt: BigInt(input.now),
    text: '',
    target: owned(Buffer.from(messageId(input.self, input.peerId, seq), 'hex')),
    reaction: '',
    upTo: 0n,
    from: 0n,
  })
}

/**
 * The content to send again under our number `seq`, as a resend request asks:
 * what was sent (edits, deletes, reactions), the text as it reads now, or a
 * delete in place of a text that is gone; nothing for a number never sent.
 */
export async function contentAgain(input: ResendInput, seq: number): Promise<Uint8Array | undefined> {
  return (
    (await input.store.get(sentKey(input.conv, seq))) ??
    (await textAgain(input, seq)) ??
    (seq <= input.sendSeq ? goneAgain(input, seq) : undefined)
  )
}
