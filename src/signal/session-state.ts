import { x25519 } from '@noble/curves/ed25519.js'
import { z } from 'zod'
import { equalBytes, fromBase64, toBase64 } from '../crypto/bytes.js'
import { MAX_RECEIVER_CHAINS, MAX_STORED_SKIPPED, type Chain, type RatchetState } from './double-ratchet.js'

/**
 * Ratchet state as plain JSON for the sealed store: keys as canonical base64,
 * counters as u32. Reading validates the form strictly and the invariants the
 * ratchet relies on, so a damaged record is refused rather than half-used.
 */
export const SESSION_STATE_VERSION = 1

export class InvalidSessionStateError extends Error {
  override readonly name = 'InvalidSessionStateError'
}

function isKey32(text: string): boolean {
  try {
    return fromBase64(text).length === 32
  } catch {
    return false
  }
}

const key32 = z.string().max(44).refine(isKey32, 'not a base64 32-byte key')
const u32 = z.number().int().min(0).max(0xffff_ffff)
const chainSchema = z.object({ key: key32, n: u32 }).strict()

export const sessionStateSchema = z
  .object({
    v: z.literal(SESSION_STATE_VERSION),
    rootKey: key32,
    ourRatchetKey: z.object({ secret: key32, public: key32 }).strict().nullable(),
    theirRatchetKey: key32.nullable(),
    sendingChain: chainSchema.nullable(),
    receivingChain: chainSchema.nullable(),
    previousSendingLength: u32,
    oldReceivingChains: z.array(z.object({ ratchetKey: key32, n: u32 }).strict()).max(MAX_RECEIVER_CHAINS),
    skipped: z.array(z.object({ ratchetKey: key32, n: u32, messageKey: key32 }).strict()).max(MAX_STORED_SKIPPED),
  })
  .strict()
  .refine((s) => s.sendingChain === null || (s.ourRatchetKey !== null && s.theirRatchetKey !== null), {
    error: 'a sending chain needs both ratchet keys',
  })
  .refine((s) => s.receivingChain === null || s.theirRatchetKey !== null, {
    error: 'a receiving chain needs their ratchet key',
  })

export type SessionStateJson = z.infer<typeof sessionStateSchema>

function chainToJson(chain: Chain | null): { key: string; n: number } | null {
  return chain === null ? null : { key: toBase64(chain.key), n: chain.n }
}

function chainFromJson(chain: { key: string; n: number } | null): Chain | null {
  return chain === null ? null : { key: fromBase64(chain.key), n: chain.n }
}

export function serializeSession(state: RatchetState): SessionStateJson {
  const { ourRatchetKey: ours, theirRatchetKey: theirs } = state
  return {
    v: SESSION_STATE_VERSION,
    rootKey: toBase64(state.rootKey),
    ourRatchetKey: ours === null ? null : { secret: toBase64(ours.secret), public: toBase64(ours.public) },
    theirRatchetKey: theirs === null ? null : toBase64(theirs),
    sendingChain: chainToJson(state.sendingChain),
    receivingChain: chainToJson(state.receivingChain),
    previousSendingLength: state.previousSendingLength,
    oldReceivingChains: state.oldReceivingChains.map((c) => ({ ratchetKey: toBase64(c.ratchetKey), n: c.n })),
    skipped: state.skipped.map((k) => ({
      ratchetKey: toBase64(k.ratchetKey),
      n: k.n,
      messageKey: toBase64(k.messageKey),
    })),
  }
}

export function deserializeSession(json: unknown): RatchetState {
  const parsed = sessionStateSchema.safeParse(json)
  if (!parsed.success) {
    throw new InvalidSessionStateError(`the session record is invalid: ${parsed.error.issues[0]?.message ?? '?'}`)
  }
  const s = parsed.data
  const ours =
    s.ourRatchetKey === null
      ? null
      : { secret: fromBase64(s.ourRatchetKey.secret), public: fromBase64(s.ourRatchetKey.public) }
  if (ours !== null && !equalBytes(x25519.getPublicKey(ours.secret), ours.public)) {
    throw new InvalidSessionStateError('the session record has a ratchet key pair that does not match')
  }
  return {
    rootKey: fromBase64(s.rootKey),
    ourRatchetKey: ours,
    theirRatchetKey: s.theirRatchetKey === null ? null : fromBase64(s.theirRatchetKey),
    sendingChain: chainFromJson(s.sendingChain),
    receivingChain: chainFromJson(s.receivingChain),
    previousSendingLength: s.previousSendingLength,
    oldReceivingChains: s.oldReceivingChains.map((c) => ({ ratchetKey: fromBase64(c.ratchetKey), n: c.n })),
    skipped: s.skipped.map((k) => ({
      ratchetKey: fromBase64(k.ratchetKey),
      n: k.n,
      messageKey: fromBase64(k.messageKey),
    })),
  }
}
