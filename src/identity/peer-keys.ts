import { z } from 'zod'

/**
 * What a peer's end-to-end session is started from: their identity keys and
 * the prekeys they sent (with their signature already checked). Contacts keep
 * them; the session layer asks for them by peer ID.
 */
/** A peer's prekeys as kept: public halves, base64. */
export const prekeyBundleSchema = z
  .object({
    signedPrekeyId: z.number().int().nonnegative(),
    signedPrekey: z.string(),
    signedPrekeySignature: z.string(),
    oneTimePrekeyId: z.number().int().nonnegative().nullable(),
    oneTimePrekey: z.string().nullable(),
  })
  .strict()
export type PrekeyBundleRecord = z.infer<typeof prekeyBundleSchema>

export interface PeerSessionKeys {
  readonly peerId: string
  /** Ed25519 (signatures). */
  readonly identityKey: Uint8Array
  /** X25519 (agreement). */
  readonly agreementKey: Uint8Array
  readonly prekeys: PrekeyBundleRecord | null
}
