import { hkdf } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { utf8 } from './bytes.js'

/** A 32-byte subkey for one purpose, so one key never serves two primitives. */
export function deriveSubkey(key: Uint8Array, purpose: string): Uint8Array {
  return hkdf(sha256, key, new Uint8Array(0), utf8(purpose), 32)
}

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(sha256, key, data)
}
