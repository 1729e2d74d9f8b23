import { toHex, utf8 } from '../crypto/bytes.js'
import { memoized } from '../core/memo.js'
import { digest } from '../sessions/ids.js'

/**
 * Derived identifiers (docs/PROTOCOL.md §7.3). A message's ID depends only on
 * who sent it to whom and its sequence number, so a retransmission — even one
 * encrypted again after a resend request — is recognisably the same message.
 * An envelope's ID depends only on its session and ratchet header, which are
 * unique per encryption (src/sessions/ids.ts).
 */

function u64be(value: number): Uint8Array {
  const bytes = new Uint8Array(8)
  new DataView(bytes.buffer).setBigUint64(0, BigInt(value), false)
  return bytes
}

export function messageId(senderPeerId: string, recipientPeerId: string, seq: number): string {
  return toHex(digest('parley/dm/message-id/v1', utf8(`${senderPeerId}\0${recipientPeerId}\0`), u64be(seq)))
}

/** A conversation's ID from its sorted pair of peer IDs, remembered (one is asked for on every message). */
const conversationIdOf = memoized(10_000, (pair) => toHex(digest('parley/conversation-id/dm/v1', utf8(pair))))

/**
 * A direct conversation's ID: the same on both sides, from the two peer IDs
 * alone (a group's is random). 32 lowercase hex characters, like message IDs.
 */
export function dmConversationId(onePeerId: string, otherPeerId: string): string {
  const [a, b] = onePeerId < otherPeerId ? [onePeerId, otherPeerId] : [otherPeerId, onePeerId]
  return conversationIdOf(`${a}\0${b}`)
}

/**
 * Display order, the same on both sides: the sender's timestamp, then which
 * of the two peers sent it (the smaller peer ID first), then the sequence
 * number. Fixed width, so string order is numeric order.
 */
export function orderKey(sentAt: number, senderPeerId: string, otherPeerId: string, seq: number): string {
  const side = senderPeerId < otherPeerId ? 'a' : 'b'
  return `${String(sentAt).padStart(15, '0')}-${side}-${String(seq).padStart(12, '0')}`
}

export const ORDER_KEY_PATTERN = /^\d{15}-[ab]-\d{12}$/
