import { privateKeyFromRaw } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { z } from 'zod'
import { concatBytes, fromBase64, toBase64 } from '../crypto/bytes.js'
import type { SealedStore } from '../store/sealed-store.js'

/**
 * An account's long-term keys: Ed25519 (signatures; also the libp2p peer
 * identity, so the peer ID is the identity) and X25519 (key agreement for
 * end-to-end sessions). Created at sign-up, sealed in the account's store,
 * never sent to the renderer.
 */
export interface Identity {
  readonly signingSecret: Uint8Array
  readonly signingPublic: Uint8Array
  readonly agreementSecret: Uint8Array
  readonly agreementPublic: Uint8Array
  readonly libp2pKey: PrivateKey
  readonly peerId: string
}

export const IDENTITY_RECORD = 'identity/keys'

const identityRecordSchema = z
  .object({ v: z.literal(1), ed25519: z.string(), x25519: z.string(), createdAt: z.number() })
  .strict()

function fromSecrets(signingSecret: Uint8Array, agreementSecret: Uint8Array): Identity {
  const signingPublic = ed25519.getPublicKey(signingSecret)
  const libp2pKey = privateKeyFromRaw(concatBytes(signingSecret, signingPublic))
  return {
    signingSecret,
    signingPublic,
    agreementSecret,
    agreementPublic: x25519.getPublicKey(agreementSecret),
    libp2pKey,
    peerId: peerIdFromPrivateKey(libp2pKey).toString(),
  }
}

export function generateIdentity(): Identity {
  return fromSecrets(ed25519.utils.randomSecretKey(), x25519.utils.randomSecretKey())
}

export function identityRecord(identity: Identity, createdAt: number): unknown {
  return { v: 1, ed25519: toBase64(identity.signingSecret), x25519: toBase64(identity.agreementSecret), createdAt }
}

export async function loadIdentity(store: SealedStore): Promise<Identity> {
  const parsed = identityRecordSchema.safeParse(await store.getJson(IDENTITY_RECORD))
  if (!parsed.success) {
    throw new Error('the account has no valid identity record')
  }
  return fromSecrets(fromBase64(parsed.data.ed25519), fromBase64(parsed.data.x25519))
}
