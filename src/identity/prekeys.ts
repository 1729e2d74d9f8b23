import { randomBytes } from '@noble/hashes/utils.js'
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { z } from 'zod'
import { concatBytes, fromBase64, toBase64, u32be, utf8 } from '../crypto/bytes.js'
import type { Identity } from '../accounts/identity.js'
import type { SealedStore } from '../store/sealed-store.js'

/**
 * Prekeys for the first end-to-end message (X3DH): one signed prekey, reused
 * until rotated, and one one-time prekey per invite. Their secrets stay in the
 * account's store; invites carry the public halves.
 */
export const SIGNED_PREKEY_CONTEXT = 'parley/signed-prekey/v1\0'
const SIGNED_PREKEY_RECORD = 'prekey/signed/current'

const signedPrekeySchema = z
  .object({ id: z.number().int().nonnegative(), secret: z.string(), signature: z.string(), createdAt: z.number() })
  .strict()

export interface PublicSignedPrekey {
  readonly id: number
  readonly publicKey: Uint8Array
  readonly signature: Uint8Array
}

export function signedPrekeyMessage(id: number, publicKey: Uint8Array): Uint8Array {
  return concatBytes(utf8(SIGNED_PREKEY_CONTEXT), u32be(id), publicKey)
}

export async function currentSignedPrekey(
  store: SealedStore,
  identity: Identity,
  now: number,
): Promise<PublicSignedPrekey> {
  const stored = signedPrekeySchema.safeParse(await store.getJson(SIGNED_PREKEY_RECORD))
  if (stored.success) {
    return {
      id: stored.data.id,
      publicKey: x25519.getPublicKey(fromBase64(stored.data.secret)),
      signature: fromBase64(stored.data.signature),
    }
  }
  const id = new DataView(randomBytes(4).buffer).getUint32(0) >>> 1
  const secret = x25519.utils.randomSecretKey()
  const publicKey = x25519.getPublicKey(secret)
  const signature = ed25519.sign(signedPrekeyMessage(id, publicKey), identity.signingSecret)
  await store.putJson(SIGNED_PREKEY_RECORD, {
    id,
    secret: toBase64(secret),
    signature: toBase64(signature),
    createdAt: now,
  })
  return { id, publicKey, signature }
}

export const oneTimePrekeyRecord = (id: number): string => `prekey/one-time/${id}`

export async function newOneTimePrekey(store: SealedStore): Promise<{ id: number; publicKey: Uint8Array }> {
  const id = new DataView(randomBytes(4).buffer).getUint32(0) >>> 1
  const secret = x25519.utils.randomSecretKey()
  await store.putJson(oneTimePrekeyRecord(id), { id, secret: toBase64(secret) })
  return { id, publicKey: x25519.getPublicKey(secret) }
}

/** The secret half of our signed prekey (creating it on first use), for answering an X3DH. */
export async function signedPrekeySecret(
  store: SealedStore,
  identity: Identity,
  now: number,
): Promise<{ id: number; secret: Uint8Array; publicKey: Uint8Array }> {
  const { id, publicKey } = await currentSignedPrekey(store, identity, now)
  const stored = signedPrekeySchema.parse(await store.getJson(SIGNED_PREKEY_RECORD))
  return { id, secret: fromBase64(stored.secret), publicKey }
}

const oneTimeSchema = z.object({ id: z.number().int().nonnegative(), secret: z.string() }).strict()

/** A one-time prekey's secret, if we still hold it (the caller deletes it once used). */
export async function oneTimePrekeySecret(store: SealedStore, id: number): Promise<Uint8Array | undefined> {
  const parsed = oneTimeSchema.safeParse(await store.getJson(oneTimePrekeyRecord(id)))
  return parsed.success && parsed.data.id === id ? fromBase64(parsed.data.secret) : undefined
}
