import type { SignedProfileDocument } from '../api/index.js'
import type { Identity } from '../accounts/identity.js'
import type { Clock } from '../core/clock.js'
import { fromBase64, owned } from '../crypto/bytes.js'
import { ContactMessage } from '../generated/contact.js'
import { currentSignedPrekey, newOneTimePrekey } from '../identity/prekeys.js'
import type { SealedStore } from '../store/sealed-store.js'
import { CONTACT_MESSAGE_VERSION } from './contact-protocol.js'

/**
 * What we tell a peer about ourselves in a contact message: our signed
 * profile, and — on a request or an acceptance, which open an end-to-end
 * session — our current signed prekey and a fresh one-time prekey.
 */

/** The prekey fields of a contact message that carries none. */
export const NO_PREKEYS = {
  signedPrekeyId: 0,
  signedPrekey: new Uint8Array(0),
  signedPrekeySignature: new Uint8Array(0),
  oneTimePrekeyId: 0,
  oneTimePrekey: new Uint8Array(0),
} as const satisfies Partial<ContactMessage>

export interface OwnProfileContext {
  readonly store: SealedStore
  readonly identity: Identity
  readonly clock: Clock
  /** Our signed profile as contacts receive it. */
  profileDocument(): Promise<SignedProfileDocument>
}

/** A contact message of `type` from us; `extra` sets (or overrides) its other fields. */
export type OwnProfileMessage = (type: ContactMessage.Type, extra?: Partial<ContactMessage>) => Promise<ContactMessage>

export function ownProfileMessages(ctx: OwnProfileContext): OwnProfileMessage {
  const { store, identity, clock } = ctx
  return async (type, extra = {}) => {
    const signed = await ctx.profileDocument()
    const withPrekeys = type === ContactMessage.Type.REQUEST || type === ContactMessage.Type.ACCEPT
    const prekey = withPrekeys ? await currentSignedPrekey(store, identity, clock.now()) : undefined
    const oneTime = withPrekeys ? await newOneTimePrekey(store) : undefined
    return {
      version: CONTACT_MESSAGE_VERSION,
      type,
      inviteId: new Uint8Array(0),
      inviteSecret: new Uint8Array(0),
      message: '',
      profileDocument: signed.document,
      profileSignature: owned(fromBase64(signed.signature)),
      signedPrekeyId: prekey?.id ?? 0,
      signedPrekey: owned(prekey?.publicKey ?? new Uint8Array(0)),
      signedPrekeySignature: owned(prekey?.signature ?? new Uint8Array(0)),
      oneTimePrekeyId: oneTime?.id ?? 0,
      oneTimePrekey: owned(oneTime?.publicKey ?? new Uint8Array(0)),
      ...extra,
    }
  }
}
