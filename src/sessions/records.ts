import { z } from 'zod'
import { sessionStateSchema } from '../signal/index.js'

/** What the store keeps per peer for end-to-end sessions (sealed; `session/<blinded peer>`). */
const sessionInitSchema = z
  .object({
    identityKey: z.string(),
    ephemeralKey: z.string(),
    signedPrekeyId: z.number().int().nonnegative(),
    oneTimePrekeyId: z.number().int().nonnegative().nullable(),
  })
  .strict()
export type SessionInitRecord = z.infer<typeof sessionInitSchema>

export const sessionRecordSchema = z
  .object({
    id: z.string(),
    /** Who ran X3DH first: we (initiator) or they. */
    initiatedByUs: z.boolean(),
    ad: z.string(),
    state: sessionStateSchema,
    /** Ours, until they answer in this session; sent with every envelope till then. */
    init: sessionInitSchema.nullable(),
    /** Seals acknowledgements in this session (derived from the X3DH secret); absent in sessions from before. */
    ackKey: z.string().optional(),
    createdAt: z.number(),
  })
  .strict()
export type SessionRecord = z.infer<typeof sessionRecordSchema>

export const MAX_SESSIONS = 3

export const sessionSetSchema = z
  .object({ v: z.literal(1), active: z.string().nullable(), sessions: z.array(sessionRecordSchema).max(MAX_SESSIONS) })
  .strict()
export type SessionSet = z.infer<typeof sessionSetSchema>
