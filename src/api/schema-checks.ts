import type { z } from 'zod'
import type { CommandName, CommandResults } from './commands.js'
import type { eventPayloadSchemas, apiEventSchema } from './event-schemas.js'
import type { ApiEvent, EventName, EventPayloads } from './events.js'
import type { commandResultSchemas } from './result-schemas.js'
import type { ApiError, Result } from './result.js'
import type { apiErrorSchema, resultSchema } from './result.js'
import type { ServerFrame, serverFrameSchema } from './web-bridge.js'

/**
 * Compile-time only: the schemas a client checks with and the interfaces the
 * code is written against cannot drift apart. Each check names what differs:
 * `Type '"getMessages"' does not satisfy the constraint 'true'`.
 */

/** Each assignable to the other (readonly aside, which TypeScript does not check on properties). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

/** `true`, or the names whose schema and interface differ. */
type Mismatches<Schemas extends Record<string, z.ZodType>, Types, Names extends keyof Schemas & keyof Types> = [
  { [K in Names]: Same<z.output<Schemas[K]>, Types[K]> extends true ? never : K }[Names],
] extends [never]
  ? true
  : { [K in Names]: Same<z.output<Schemas[K]>, Types[K]> extends true ? never : K }[Names]

type Holds<T extends true> = T

export type CommandResultSchemasMatch = Holds<Mismatches<typeof commandResultSchemas, CommandResults, CommandName>>
export type EventPayloadSchemasMatch = Holds<Mismatches<typeof eventPayloadSchemas, EventPayloads, EventName>>
export type ApiEventSchemaMatches = Holds<Same<z.output<typeof apiEventSchema>, ApiEvent>>
export type ApiErrorSchemaMatches = Holds<Same<z.output<typeof apiErrorSchema>, ApiError>>
export type ResultSchemaMatches = Holds<Same<z.output<typeof resultSchema>, Result<unknown>>>
export type ServerFrameSchemaMatches = Holds<Same<z.output<typeof serverFrameSchema>, ServerFrame>>
