import { x25519 } from '@noble/curves/ed25519.js'
import { z } from 'zod'
import { equalBytes, fromBase64, owned, toBase64 } from '../crypto/bytes.js'
import type { StoredChain, StoredRatchet } from '../generated/session-store.js'
import { MAX_RECEIVER_CHAINS, MAX_STORED_SKIPPED, type Chain, type RatchetState } from './double-ratchet.js'

/**
 * Ratchet state for the sealed store: binary (StoredRatchet, raw keys) since
 * session records v2; the JSON form (keys as canonical base64, counters as
 * u32) of v1 records is still read, and is what tests print. Reading either
 * validates the form strictly and the invariants the ratchet relies on, so a
 * damaged record is refused rather than half-used.
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
  return checkedState({
    rootKey: fromBase64(s.rootKey),
    ourRatchetKey:
      s.ourRatchetKey === null
        ? null
        : { secret: fromBase64(s.ourRatchetKey.secret), public: fromBase64(s.ourRatchetKey.public) },
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
  })
}

/** Decoder limits for a StoredRatchet (protons), from the ratchet's own bounds. */
export const STORED_RATCHET_LIMITS = { oldReceivingChains: MAX_RECEIVER_CHAINS, skipped: MAX_STORED_SKIPPED } as const

const EMPTY = new Uint8Array(0)
const storedChain = (chain: Chain | null): StoredChain | undefined =>
  chain === null ? undefined : { key: owned(chain.key), n: chain.n }

/** The binary form (src/sessions/session-store.proto): raw keys, an empty key for none. */
export function ratchetToStored(state: RatchetState): StoredRatchet {
  return {
    rootKey: owned(state.rootKey),
    ourRatchetSecret: state.ourRatchetKey === null ? EMPTY : owned(state.ourRatchetKey.secret),
    ourRatchetPublic: state.ourRatchetKey === null ? EMPTY : owned(state.ourRatchetKey.public),
    theirRatchetKey: state.theirRatchetKey === null ? EMPTY : owned(state.theirRatchetKey),
    ...(state.sendingChain === null ? {} : { sendingChain: storedChain(state.sendingChain) }),
    ...(state.receivingChain === null ? {} : { receivingChain: storedChain(state.receivingChain) }),
    previousSendingLength: state.previousSendingLength,
    oldReceivingChains: state.oldReceivingChains.map((c) => ({ ratchetKey: owned(c.ratchetKey), n: c.n })),
    skipped: state.skipped.map((k) => ({ ratchetKey: owned(k.ratchetKey), n: k.n, messageKey: owned(k.messageKey) })),
  }
}

/** Reads the binary form, with the same checks as the JSON one; throws InvalidSessionStateError. */
export function ratchetFromStored(stored: StoredRatchet): RatchetState {
  const optional = (key: Uint8Array): Uint8Array | null => (key.length === 0 ? null : key)
  const secret = optional(stored.ourRatchetSecret)
  const pub = optional(stored.ourRatchetPublic)
  if ((secret === null) !== (pub === null)) throw new InvalidSessionStateError('half a ratchet key pair')
  const chain = (c: StoredChain | undefined): Chain | null => (c === undefined ? null : { key: c.key, n: c.n })
  return checkedState({
    rootKey: stored.rootKey,
    ourRatchetKey: secret === null || pub === null ? null : { secret, public: pub },
    theirRatchetKey: optional(stored.theirRatchetKey),
    sendingChain: chain(stored.sendingChain),
    receivingChain: chain(stored.receivingChain),
    previousSendingLength: stored.previousSendingLength,
    oldReceivingChains: stored.oldReceivingChains,
    skipped: stored.skipped,
  })
}

const is32 = (key: Uint8Array): boolean => key.length === 32
const isU32 = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff

/** The invariants the ratchet relies on, whichever form the state was read from. */
function checkedState(s: RatchetState): RatchetState {
  const fail = (why: string): never => {
    throw new InvalidSessionStateError(`the session record is invalid: ${why}`)
  }
  if (!is32(s.rootKey)) fail('the root key is not 32 bytes')
  const ours = s.ourRatchetKey
  if (ours !== null && (!is32(ours.secret) || !is32(ours.public))) fail('a ratchet key is not 32 bytes')
  if (s.theirRatchetKey !== null && !is32(s.theirRatchetKey)) fail('a ratchet key is not 32 bytes')
  for (const c of [s.sendingChain, s.receivingChain]) {
    if (c !== null && (!is32(c.key) || !isU32(c.n))) fail('a chain is malformed')
  }
  if (!isU32(s.previousSendingLength)) fail('a counter is out of range')
  if (s.oldReceivingChains.length > MAX_RECEIVER_CHAINS) fail('too many old chains')
  if (s.oldReceivingChains.some((c) => !is32(c.ratchetKey) || !isU32(c.n))) fail('an old chain is malformed')
  if (s.skipped.length > MAX_STORED_SKIPPED) fail('too many skipped keys')
  if (s.skipped.some((k) => !is32(k.ratchetKey) || !is32(k.messageKey) || !isU32(k.n)))
    fail('a skipped key is malformed')
  if (s.sendingChain !== null && (ours === null || s.theirRatchetKey === null))
    fail('a sending chain needs both ratchet keys')
  if (s.receivingChain !== null && s.theirRatchetKey === null) fail('a receiving chain needs their ratchet key')
  if (ours !== null && !equalBytes(x25519.getPublicKey(ours.secret), ours.public)) {
    throw new InvalidSessionStateError('the session record has a ratchet key pair that does not match')
  }
  return s
}
