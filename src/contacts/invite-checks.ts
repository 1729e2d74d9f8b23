import { ed25519 } from '@noble/curves/ed25519.js'
import { hasControl } from '../api/index.js'

/** Checks both invite formats share: the error they raise, names, strict signatures. */
export const MAX_DISPLAY_NAME = 64

export class InvalidInviteError extends Error {
  override readonly name = 'InvalidInviteError'
}

/** Strict RFC 8032 verification (no ZIP-215 leniency); a malformed key or signature is simply invalid. */
export function verifiesStrictly(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false })
  } catch {
    return false
  }
}

export function checkDisplayName(name: string): void {
  if (name.length > MAX_DISPLAY_NAME) throw new InvalidInviteError('the invite name is too long')
  if (hasControl(name)) throw new InvalidInviteError('the invite name contains control characters')
}

/** A name cut to `MAX_DISPLAY_NAME` UTF-16 code units, never through a surrogate pair. */
export function truncateDisplayName(name: string): string {
  if (name.length <= MAX_DISPLAY_NAME) return name
  const cut = name.slice(0, MAX_DISPLAY_NAME)
  const last = cut.charCodeAt(cut.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut
}
