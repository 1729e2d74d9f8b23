import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8 } from '../crypto/bytes.js'

/**
 * Safety numbers, after Signal's numeric fingerprints (version 0 scheme): for
 * each side, SHA-512 iterated 5,200 times over its version, keys and stable
 * identifier; 30 digits from the first 30 bytes. Both sides show the same 60
 * digits (the two halves sorted), so people can compare them aloud or by QR.
 * Our "key" is the Ed25519 identity key followed by the X25519 agreement key,
 * so a change of either changes the number.
 */
const ITERATIONS = 5200
const VERSION = Uint8Array.of(0, 0)
export const SAFETY_QR_PREFIX = 'PARLEY-SN1'

export interface IdentityKeys {
  readonly peerId: string
  readonly identityKey: Uint8Array
  readonly agreementKey: Uint8Array
}

export function fingerprintDigits(side: IdentityKeys): string {
  const key = concatBytes(side.identityKey, side.agreementKey)
  let hash = sha512(concatBytes(VERSION, key, utf8(side.peerId)))
  for (let i = 0; i < ITERATIONS; i++) hash = sha512(concatBytes(hash, key))
  let digits = ''
  for (let chunk = 0; chunk < 6; chunk++) {
    let value = 0
    for (let i = 0; i < 5; i++) value = value * 256 + (hash[chunk * 5 + i] ?? 0)
    digits += String(value % 100000).padStart(5, '0')
  }
  return digits
}

/** The 60 digits both sides display, in 12 groups of 5. */
export function safetyNumber(local: IdentityKeys, remote: IdentityKeys): string {
  const halves = [fingerprintDigits(local), fingerprintDigits(remote)].sort()
  return (halves.join('').match(/\d{5}/g) ?? []).join(' ')
}

/** What our QR code says: our half, then theirs. */
export function safetyQrPayload(local: IdentityKeys, remote: IdentityKeys): string {
  return `${SAFETY_QR_PREFIX}:${fingerprintDigits(local)}:${fingerprintDigits(remote)}`
}

/** A payload scanned from the other side matches when its halves are ours swapped. */
export function scannedPayloadMatches(scanned: string, local: IdentityKeys, remote: IdentityKeys): boolean {
  const parts = scanned.trim().split(':')
  return (
    parts.length === 3 &&
    parts[0] === SAFETY_QR_PREFIX &&
    parts[1] === fingerprintDigits(remote) &&
    parts[2] === fingerprintDigits(local)
  )
}

/**
 * A short fingerprint, the one Parley shows wherever two people compare who
 * they are before they are contacts (an invite's preview, Nearby, a pending
 * request, your own): SHA-256 of the identity key, 16 hex digits in groups of
 * 4. The identity key is what an invite's signature proves and what signs the
 * rest of a person's keys (the profile); the safety number covers them all.
 */
export function shortFingerprint(identityKey: Uint8Array): string {
  const hex = Buffer.from(sha256(identityKey).subarray(0, 8)).toString('hex')
  return (hex.match(/.{4}/g) ?? []).join(' ')
}
