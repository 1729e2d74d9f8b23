import { ApiFailure, type SafetyNumber } from '../api/index.js'
import type { Identity } from '../accounts/identity.js'
import { fromBase64 } from '../crypto/bytes.js'
import type { ContactRecord } from './records.js'
import { safetyNumber, safetyQrPayload, scannedPayloadMatches } from './safety-number.js'

/**
 * Verifying a contact: the safety number both sides compare (read aloud, or
 * one scans the other's QR code), and the verified mark it sets — cleared by
 * a key change until the person verifies again.
 */
export interface ContactVerification {
  safetyNumber(peerId: string): SafetyNumber
  verify(peerId: string, scannedPayload?: string): Promise<SafetyNumber>
  unverify(peerId: string): Promise<SafetyNumber>
}

export interface VerificationOptions {
  readonly self: Pick<Identity, 'peerId' | 'signingPublic' | 'agreementPublic'>
  /** The contact's record; throws NOT_FOUND for anyone else. */
  contact(peerId: string): ContactRecord
  /** Keeps the changed record and tells the UI. */
  save(record: ContactRecord): Promise<void>
}

/** A contact's identity keys as pinned (an agreement key not yet received reads as zeros). */
export function identityKeysOf(record: ContactRecord): {
  peerId: string
  identityKey: Uint8Array
  agreementKey: Uint8Array
} {
  return {
    peerId: record.peerId,
    identityKey: fromBase64(record.identityKey),
    agreementKey: record.agreementKey === '' ? new Uint8Array(32) : fromBase64(record.agreementKey),
  }
}

export function contactVerification(options: VerificationOptions): ContactVerification {
  const ownKeys = {
    peerId: options.self.peerId,
    identityKey: options.self.signingPublic,
    agreementKey: options.self.agreementPublic,
  }
  const safety = (record: ContactRecord): SafetyNumber => ({
    peerId: record.peerId,
    digits: safetyNumber(ownKeys, identityKeysOf(record)),
    qrPayload: safetyQrPayload(ownKeys, identityKeysOf(record)),
    verified: record.verified,
    keyChanged: record.keyChanged,
  })

  return {
    safetyNumber: (peerId) => safety(options.contact(peerId)),

    async verify(peerId, scannedPayload) {
      const record = options.contact(peerId)
      if (record.agreementKey === '') throw new ApiFailure('NOT_FOUND', 'their profile has not arrived yet')
      if (scannedPayload !== undefined && !scannedPayloadMatches(scannedPayload, ownKeys, identityKeysOf(record))) {
        throw new ApiFailure(
          'INVALID_ARGUMENTS',
          'The scanned code does not match: this is not the same safety number',
          {
            scannedPayload: 'The scanned code does not match',
          },
        )
      }
      await options.save({ ...record, verified: true, keyChanged: false })
      return safety(options.contact(peerId))
    },

    async unverify(peerId) {
      await options.save({ ...options.contact(peerId), verified: false })
      return safety(options.contact(peerId))
    },
  }
}
