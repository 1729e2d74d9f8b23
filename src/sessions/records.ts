import { z } from 'zod'
import { fromBase64, owned, toBase64, toHex } from '../crypto/bytes.js'
import { StoredSessionSet, type StoredSession } from '../generated/session-store.js'
import {
  InvalidSessionStateError,
  STORED_RATCHET_LIMITS,
  deserializeSession,
  ratchetFromStored,
  ratchetToStored,
  sessionStateSchema,
  type RatchetState,
} from '../signal/index.js'
import { ID_BYTES } from './ids.js'
import { memoized } from '../core/memo.js'

/**
 * What the store keeps per peer for end-to-end sessions (sealed;
 * `dm/session/<blinded peer>`): since v2 a StoredSessionSet
 * (src/sessions/session-store.proto), about a third of the JSON of v1, which is
 * still read. In memory, the ratchet state is the ratchet's own object.
 */
export interface SessionInitRecord {
  readonly identityKey: string
  readonly ephemeralKey: string
  readonly signedPrekeyId: number
  readonly oneTimePrekeyId: number | null
}

export interface SessionRecord {
  /** 32 lowercase hex characters. */
  readonly id: string
  /** Who ran X3DH first: we (initiator) or they. */
  readonly initiatedByUs: boolean
  /** Base64. */
  readonly ad: string
  readonly state: RatchetState
  /** Ours, until they answer in this session; sent with every envelope till then. */
  readonly init: SessionInitRecord | null
  /** Seals acknowledgements in this session (derived from the X3DH secret); absent in sessions from before. */
  readonly ackKey?: string
  readonly createdAt: number
}

export interface SessionSet {
  readonly v: 2
  readonly active: string | null
  readonly sessions: readonly SessionRecord[]
}

export const MAX_SESSIONS = 3
const MAX_KEY_BYTES = 64
/** X3DH's associated data: a label, both peer IDs and both identity keys. */
const MAX_AD_BYTES = 512

const sessionInitSchema = z
  .object({
    identityKey: z.string(),
    ephemeralKey: z.string(),
    signedPrekeyId: z.number().int().nonnegative(),
    oneTimePrekeyId: z.number().int().nonnegative().nullable(),
  })
  .strict()

/** The JSON form of v1. */
const legacySetSchema = z
  .object({
    v: z.literal(1),
    active: z.string().nullable(),
    sessions: z
      .array(
        z
          .object({
            id: z.string(),
            initiatedByUs: z.boolean(),
            ad: z.string(),
            state: sessionStateSchema,
            init: sessionInitSchema.nullable(),
            ackKey: z.string().optional(),
            createdAt: z.number(),
          })
          .strict(),
      )
      .max(MAX_SESSIONS),
  })
  .strict()

export class InvalidSessionRecordError extends Error {
  override readonly name = 'InvalidSessionRecordError'
}

function fromLegacy(json: unknown): SessionSet {
  const parsed = legacySetSchema.safeParse(json)
  if (!parsed.success) throw new InvalidSessionRecordError('the session record is not a session set')
  return {
    v: 2,
    active: parsed.data.active,
    sessions: parsed.data.sessions.map(({ state, ...rest }) => ({ ...rest, state: deserializeSession(state) })),
  }
}

function sessionFrom(stored: StoredSession): SessionRecord {
  const { id, state, init, ackKey, associatedData } = stored
  if (id.length !== ID_BYTES || state === undefined || associatedData.length > MAX_AD_BYTES)
    throw new InvalidSessionRecordError('a stored session is malformed')
  if (ackKey.length !== 0 && ackKey.length !== 32) throw new InvalidSessionRecordError('a stored session is malformed')
  if (init !== undefined && (init.identityKey.length > MAX_KEY_BYTES || init.ephemeralKey.length > MAX_KEY_BYTES))
    throw new InvalidSessionRecordError('a stored session is malformed')
  if (!Number.isFinite(stored.createdAt)) throw new InvalidSessionRecordError('a stored session is malformed')
  return {
    id: toHex(id),
    initiatedByUs: stored.initiatedByUs,
    ad: toBase64(associatedData),
    state: ratchetFromStored(state),
    init:
      init === undefined
        ? null
        : {
            identityKey: toBase64(init.identityKey),
            ephemeralKey: toBase64(init.ephemeralKey),
            signedPrekeyId: init.signedPrekeyId,
            oneTimePrekeyId: init.hasOneTimePrekey ? init.oneTimePrekeyId : null,
          },
    ...(ackKey.length === 0 ? {} : { ackKey: toBase64(ackKey) }),
    createdAt: stored.createdAt,
  }
}

const OPEN_BRACE = 0x7b

/** Reads a stored session set, either form; throws InvalidSessionRecordError or InvalidSessionStateError. */
export function decodeSessionSet(bytes: Uint8Array): SessionSet {
  if (bytes[0] === OPEN_BRACE) {
    let json: unknown
    try {
      json = JSON.parse(new TextDecoder().decode(bytes))
    } catch {
      throw new InvalidSessionRecordError('the session record is not JSON')
    }
    return fromLegacy(json)
  }
  let stored: StoredSessionSet
  try {
    stored = StoredSessionSet.decode(bytes, {
      limits: { sessions: MAX_SESSIONS, sessions$: { state: STORED_RATCHET_LIMITS } },
    })
  } catch {
    throw new InvalidSessionRecordError('the session record does not decode')
  }
  if (stored.version !== 2) throw new InvalidSessionRecordError(`unknown session record version ${stored.version}`)
  const sessions = stored.sessions.map(sessionFrom)
  const active = stored.active.length === 0 ? null : toHex(stored.active)
  if (active !== null && !sessions.some((s) => s.id === active))
    throw new InvalidSessionRecordError('the active session is not in the record')
  return { v: 2, active, sessions }
}

/** Decoded fields of the few live sessions (a handful per peer). */
const fromHex = memoized(256, (text) => owned(Buffer.from(text, 'hex')))
const fromBase64Memo = memoized(256, (text) => owned(fromBase64(text)))

/** A live session's field as bytes (IDs are hex, keys base64): decoded once, shared, never to be changed. */
export const bytesOf = (text: string, encoding: 'base64' | 'hex'): Uint8Array<ArrayBuffer> =>
  encoding === 'hex' ? fromHex(text) : fromBase64Memo(text)

export function encodeSessionSet(set: SessionSet): Uint8Array {
  return StoredSessionSet.encode({
    version: 2,
    active: set.active === null ? new Uint8Array(0) : bytesOf(set.active, 'hex'),
    sessions: set.sessions.map((s) => ({
      id: bytesOf(s.id, 'hex'),
      initiatedByUs: s.initiatedByUs,
      associatedData: bytesOf(s.ad, 'base64'),
      state: ratchetToStored(s.state),
      ...(s.init === null
        ? {}
        : {
            init: {
              identityKey: bytesOf(s.init.identityKey, 'base64'),
              ephemeralKey: bytesOf(s.init.ephemeralKey, 'base64'),
              signedPrekeyId: s.init.signedPrekeyId,
              hasOneTimePrekey: s.init.oneTimePrekeyId !== null,
              oneTimePrekeyId: s.init.oneTimePrekeyId ?? 0,
            },
          }),
      ackKey: s.ackKey === undefined ? new Uint8Array(0) : bytesOf(s.ackKey, 'base64'),
      createdAt: s.createdAt,
    })),
  })
}

export { InvalidSessionStateError }
