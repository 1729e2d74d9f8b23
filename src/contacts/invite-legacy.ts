import { ed25519 } from '@noble/curves/ed25519.js'
import { concatBytes, toBase64, utf8 } from '../crypto/bytes.js'
import { Invite, SignedInvite } from '../generated/contact.js'
import { signedPrekeyMessage } from '../identity/prekeys.js'
import type { PrekeyBundleRecord } from './records.js'
import { InvalidInviteError, verifiesStrictly } from './invite-checks.js'

/**
 * Format 1 invites (protobuf `SignedInvite` of an `Invite`, ≈490 characters),
 * which Parley issued before the compact format 2. Still accepted, since a
 * link sent before the update may be used until it expires (at most 30
 * days); never issued. The encoder is kept for tests.
 */
export const LEGACY_INVITE_VERSION = 1
export const LEGACY_INVITE_CONTEXT = 'parley/invite/v1\0'
/** A format-1 link's bytes start with this: field 1 of `SignedInvite`, length-delimited. */
export const LEGACY_FIRST_BYTE = 0x0a
const MAX_LEGACY_ADDRESSES = 8

export interface LegacyInvite {
  readonly invite: Invite
  readonly prekeys: PrekeyBundleRecord
}

export function encodeLegacyInvite(invite: Invite, signingSecret: Uint8Array): Uint8Array {
  const inviteBytes = Invite.encode(invite)
  const signature = ed25519.sign(concatBytes(utf8(LEGACY_INVITE_CONTEXT), inviteBytes), signingSecret)
  return SignedInvite.encode({ invite: inviteBytes, signature })
}

/** Parses a format-1 invite and checks its keys, signature and signed prekey. */
export function decodeLegacyInvite(bytes: Uint8Array): LegacyInvite {
  let signed: SignedInvite
  let invite: Invite
  try {
    signed = SignedInvite.decode(bytes)
    invite = Invite.decode(signed.invite, { limits: { addresses: MAX_LEGACY_ADDRESSES } })
  } catch {
    throw new InvalidInviteError('the invite link is damaged or incomplete')
  }
  if (invite.version !== LEGACY_INVITE_VERSION) {
    throw new InvalidInviteError(`this invite is from a newer version of Parley (format ${invite.version})`)
  }
  if (
    invite.identityKey.length !== 32 ||
    invite.agreementKey.length !== 32 ||
    invite.signedPrekey.length !== 32 ||
    invite.signedPrekeySignature.length !== 64 ||
    invite.oneTimePrekey.length !== 32 ||
    invite.inviteId.length !== 16 ||
    (invite.secret.length !== 0 && invite.secret.length !== 16) ||
    signed.signature.length !== 64
  ) {
    throw new InvalidInviteError('the invite link is damaged (a key has the wrong size)')
  }
  if (
    !verifiesStrictly(signed.signature, concatBytes(utf8(LEGACY_INVITE_CONTEXT), signed.invite), invite.identityKey)
  ) {
    throw new InvalidInviteError('the invite is not signed by the key it names: it was altered or forged')
  }
  const prekeyMessage = signedPrekeyMessage(invite.signedPrekeyId, invite.signedPrekey)
  if (!verifiesStrictly(invite.signedPrekeySignature, prekeyMessage, invite.identityKey)) {
    throw new InvalidInviteError('the invite carries a prekey its sender did not sign')
  }
  return {
    invite,
    prekeys: {
      signedPrekeyId: invite.signedPrekeyId,
      signedPrekey: toBase64(invite.signedPrekey),
      signedPrekeySignature: toBase64(invite.signedPrekeySignature),
      oneTimePrekeyId: invite.oneTimePrekeyId,
      oneTimePrekey: toBase64(invite.oneTimePrekey),
    },
  }
}
