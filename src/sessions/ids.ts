import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8 } from '../crypto/bytes.js'

/** Identifiers are 16 bytes of a labelled SHA-256 (docs/PROTOCOL.md §7.3). */
export const ID_BYTES = 16

export function digest(label: string, ...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return sha256(concatBytes(utf8(`${label}\0`), ...parts)).slice(0, ID_BYTES)
}

/** An envelope's ID: unique per encryption (its session and ratchet header). */
export function envelopeId(sessionId: Uint8Array, header: Uint8Array): Uint8Array<ArrayBuffer> {
  return digest('parley/dm/envelope-id/v1', sessionId, header)
}

/** A session's ID, from the X3DH ephemeral key that started it. */
export function sessionIdOf(ephemeralKey: Uint8Array): Uint8Array {
  return digest('parley/dm/session-id/v1', ephemeralKey)
}
