import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'
import { randomBytes } from '@noble/hashes/utils.js'
import { concatBytes } from './bytes.js'

/**
 * Sealed values: `0x01 ‖ nonce (24 bytes) ‖ XChaCha20-Poly1305 ciphertext ‖ tag (16 bytes)`.
 * The 192-bit random nonce makes random nonces safe for any number of records.
 */
export const SEALED_VERSION = 0x01
export const NONCE_BYTES = 24
export const TAG_BYTES = 16
export const SEAL_OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES

/** Authentication failed: wrong key, or the data or its associated data was changed. */
export class TamperedError extends Error {
  override readonly name = 'TamperedError'
}

/**
 * Nonces come from the system CSPRNG 256 at a time: the same randomness, one
 * system call per 256 records instead of one each (the store seals several
 * records per message).
 */
const POOL_NONCES = 256
let pool = new Uint8Array(0)
let poolOffset = 0

function freshNonce(): Uint8Array {
  if (poolOffset + NONCE_BYTES > pool.length) {
    pool = randomBytes(NONCE_BYTES * POOL_NONCES)
    poolOffset = 0
  }
  const nonce = pool.slice(poolOffset, poolOffset + NONCE_BYTES)
  pool.fill(0, poolOffset, poolOffset + NONCE_BYTES)
  poolOffset += NONCE_BYTES
  return nonce
}

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  const nonce = freshNonce()
  const ciphertext = xchacha20poly1305(key, nonce, aad).encrypt(plaintext)
  return concatBytes(Uint8Array.of(SEALED_VERSION), nonce, ciphertext)
}

export function open(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array, what = 'value'): Uint8Array {
  if (sealed.length < SEAL_OVERHEAD) {
    throw new TamperedError(`${what} is truncated (${sealed.length} bytes)`)
  }
  if (sealed[0] !== SEALED_VERSION) {
    throw new TamperedError(`${what} has an unknown format version ${sealed[0] ?? '?'}`)
  }
  const nonce = sealed.subarray(1, 1 + NONCE_BYTES)
  try {
    return xchacha20poly1305(key, nonce, aad).decrypt(sealed.subarray(1 + NONCE_BYTES))
  } catch {
    throw new TamperedError(`${what} failed authentication: wrong key, or it was altered or moved`)
  }
}
