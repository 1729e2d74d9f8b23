import { hkdf } from '@noble/hashes/hkdf.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8 } from '../crypto/bytes.js'
import { hmacSha256 } from '../crypto/hkdf.js'

/**
 * The key derivations of the end-to-end protocol (docs/PROTOCOL.md), each with
 * its own HKDF info string so no key ever serves two purposes:
 * - X3DH:  SK = HKDF(salt = 0^32, ikm = 0xFF^32 ‖ DH1 ‖ DH2 ‖ DH3 [‖ DH4], "parley/x3dh/v1", 32)
 * - KDF_RK: (RK', CK) = HKDF(salt = RK, ikm = DH output, "parley/ratchet/v1", 64)
 * - KDF_CK: MK = HMAC-SHA256(CK, 0x01), CK' = HMAC-SHA256(CK, 0x02)  (as libsignal)
 * - message key: key ‖ nonce = HKDF(salt = 0^32, ikm = MK, "parley/message-key/v1", 56)
 */
export const X3DH_INFO = 'parley/x3dh/v1'
export const RATCHET_INFO = 'parley/ratchet/v1'
export const MESSAGE_KEY_INFO = 'parley/message-key/v1'

export const KEY_BYTES = 32
export const XNONCE_BYTES = 24

const ZERO_SALT = new Uint8Array(32)
/** X3DH §2.2: 32 0xFF bytes in front of the DH outputs (domain separation from XEdDSA). */
const X3DH_PREFIX = new Uint8Array(32).fill(0xff)
const MESSAGE_KEY_CONSTANT = Uint8Array.of(0x01)
const CHAIN_KEY_CONSTANT = Uint8Array.of(0x02)

export interface RootStep {
  readonly rootKey: Uint8Array
  readonly chainKey: Uint8Array
}

export interface ChainStep {
  readonly messageKey: Uint8Array
  readonly chainKey: Uint8Array
}

export interface AeadKey {
  readonly key: Uint8Array
  readonly nonce: Uint8Array
}

/** The X3DH shared key from the concatenated DH outputs (DH1 ‖ DH2 ‖ DH3 [‖ DH4]). */
export function x3dhSharedKey(dhOutputs: Uint8Array): Uint8Array {
  return hkdf(sha256, concatBytes(X3DH_PREFIX, dhOutputs), ZERO_SALT, utf8(X3DH_INFO), KEY_BYTES)
}

/** KDF_RK: one Diffie-Hellman ratchet step of the root chain. */
export function kdfRk(rootKey: Uint8Array, dhOutput: Uint8Array): RootStep {
  const out = hkdf(sha256, dhOutput, rootKey, utf8(RATCHET_INFO), 2 * KEY_BYTES)
  return { rootKey: out.slice(0, KEY_BYTES), chainKey: out.slice(KEY_BYTES) }
}

/** KDF_CK: one step of a sending or receiving chain. */
export function kdfCk(chainKey: Uint8Array): ChainStep {
  return {
    messageKey: hmacSha256(chainKey, MESSAGE_KEY_CONSTANT),
    chainKey: hmacSha256(chainKey, CHAIN_KEY_CONSTANT),
  }
}

/**
 * The XChaCha20-Poly1305 key and nonce for one message key. A deterministic
 * nonce is safe here because every message key encrypts exactly one message.
 */
export function expandMessageKey(messageKey: Uint8Array): AeadKey {
  const out = hkdf(sha256, messageKey, ZERO_SALT, utf8(MESSAGE_KEY_INFO), KEY_BYTES + XNONCE_BYTES)
  return { key: out.slice(0, KEY_BYTES), nonce: out.slice(KEY_BYTES) }
}
