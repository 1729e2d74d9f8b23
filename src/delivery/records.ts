import { z } from 'zod'
import { toBase64, utf8 } from '../crypto/bytes.js'

/** An outbox entry as the store keeps it (sealed; `<channel prefix>/<blinded peer>/<counter>`). */
export const outboxEntrySchema = z.preprocess(
  fromLegacy,
  z
    .object({
      v: z.literal(1),
      id: z.string().regex(/^[0-9a-f]{32}$/),
      peer: z.string().min(1).max(128),
      /** base64 */
      payload: z.string(),
      tag: z.string().nullable(),
      meta: z.unknown(),
      createdAt: z.number(),
    })
    .strict(),
)

/**
 * Entries written before the one outbox: direct messages (`envelopeId`,
 * `envelope`, `messageId`, …, and no peer, which the key's owner knows), and
 * contact messages (`peerId`, `message`, `attempts`).
 */
function fromLegacy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  const old = value as Record<string, unknown>
  if ('message' in old && 'peerId' in old) {
    // a contact message: `outbox/contact/<id>`
    return { v: 1, id: old.id, peer: old.peerId, payload: old.message, tag: null, meta: null, createdAt: old.createdAt }
  }
  if (!('envelopeId' in old)) return value
  return {
    v: 1,
    id: old.envelopeId,
    peer: old.peer,
    payload: old.envelope,
    tag: old.messageId ?? null,
    meta: { order: old.order ?? null, seq: old.seq ?? 0 },
    createdAt: old.createdAt,
  }
}

export type StoredEntry = z.infer<typeof outboxEntrySchema>

/** An entry's record, as `prepare` writes it. */
export function encodeEntry(entry: Omit<StoredEntry, 'v' | 'payload'> & { readonly payload: Uint8Array }): Uint8Array {
  return utf8(JSON.stringify({ v: 1, ...entry, payload: toBase64(entry.payload) }))
}

/**
 * A stored entry, checked; entries written before the one outbox name their
 * peer only in the key (`peerOfBlind` finds it). Undefined: unreadable.
 */
export function decodeEntry(
  key: string,
  value: Uint8Array,
  peerOfBlind: (blinded: string) => string | undefined,
): StoredEntry | undefined {
  try {
    const stored = JSON.parse(Buffer.from(value).toString('utf8')) as unknown
    const peer = peerOfBlind(key.split('/').at(-2) ?? '')
    const withPeer = typeof stored === 'object' && stored !== null && !('peer' in stored) ? { ...stored, peer } : stored
    const parsed = outboxEntrySchema.safeParse(withPeer)
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}
