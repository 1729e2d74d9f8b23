import { open, seal } from '../crypto/aead.js'
import { concatBytes, fromBase64, owned, toHex, utf8 } from '../crypto/bytes.js'
import type { SealedAck } from '../generated/dm.js'
import { ID_BYTES } from './ids.js'
import type { SessionSet } from './records.js'

/**
 * End-to-end acknowledgements (docs/PROTOCOL.md §7.6): "these envelopes of
 * yours are stored", as the envelopes' IDs sealed with XChaCha20-Poly1305
 * under the session's acknowledgement key — a key only the two devices hold,
 * derived from the X3DH secret. Not ratcheted: an acknowledgement carries no
 * content, changes no state, and turning the ratchet for each would add a
 * Diffie-Hellman step to every message. Bound to the session and to who
 * acknowledges whom; a replay names envelopes already gone, and does nothing.
 */
export const MAX_ACKED = 512

export class AckError extends Error {
  override readonly name = 'AckError'
}

function aad(sessionId: Uint8Array, from: string, to: string): Uint8Array {
  return concatBytes(utf8(`parley/ack/v1\0${from}\0${to}\0`), sessionId)
}

/** Seals `ids` (hex) in the active session, or the newest one that has an acknowledgement key. */
export function sealAck(set: SessionSet, from: string, to: string, ids: readonly string[]): SealedAck | undefined {
  if (ids.length === 0 || ids.length > MAX_ACKED) throw new AckError('1 to 512 envelopes per acknowledgement')
  const session =
    set.sessions.find((s) => s.id === set.active && s.ackKey !== undefined) ??
    set.sessions.find((s) => s.ackKey !== undefined)
  if (session?.ackKey === undefined) return undefined
  const sessionId = owned(Buffer.from(session.id, 'hex'))
  const plaintext = concatBytes(...ids.map((id) => Buffer.from(id, 'hex')))
  if (plaintext.length !== ids.length * ID_BYTES) throw new AckError('not envelope IDs')
  return { sessionId, sealed: owned(seal(fromBase64(session.ackKey), plaintext, aad(sessionId, from, to))) }
}

/** The envelope IDs (hex) an acknowledgement from `from` names; throws AckError if it is not one of theirs. */
export function openAck(set: SessionSet, from: string, to: string, ack: SealedAck): string[] {
  const id = toHex(ack.sessionId)
  const session = set.sessions.find((s) => s.id === id)
  if (session?.ackKey === undefined) throw new AckError('no such session')
  let plaintext: Uint8Array
  try {
    plaintext = open(fromBase64(session.ackKey), ack.sealed, aad(ack.sessionId, from, to), 'acknowledgement')
  } catch {
    throw new AckError('the acknowledgement does not authenticate')
  }
  if (plaintext.length % ID_BYTES !== 0 || plaintext.length > MAX_ACKED * ID_BYTES) {
    throw new AckError('malformed acknowledgement')
  }
  const ids: string[] = []
  for (let i = 0; i < plaintext.length; i += ID_BYTES) ids.push(toHex(plaintext.subarray(i, i + ID_BYTES)))
  return ids
}
