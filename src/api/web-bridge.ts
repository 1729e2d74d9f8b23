import { z } from 'zod'
import { apiEventSchema } from './event-schemas.js'
import type { ApiEvent } from './events.js'
import { apiErrorSchema, resultSchema, type ApiError, type Result } from './result.js'

/**
 * The web host's bridge (docs/PROTOCOL.md §2). A page signs in over HTTP at
 * `SESSION_PATH` (a one-time link token for a browser session), then opens the
 * WebSocket at `API_PATH`, presenting the session at the upgrade: the
 * HttpOnly cookie and, as a WebSocket subprotocol, the page key. The socket
 * carries JSON text frames: calls from the page, results and events from the core.
 */

export const API_PATH = '/api'
export const SESSION_PATH = '/api/session'
/** The subprotocol the host selects; the page also offers `PAGE_KEY_PROTOCOL_PREFIX` + its page key. */
export const API_PROTOCOL = 'parley.v1'
export const PAGE_KEY_PROTOCOL_PREFIX = 'parley.key.'
/** The page key on `GET SESSION_PATH` (a session check). */
export const PAGE_KEY_HEADER = 'X-Parley-Page-Key'
/** The fragment parameter of the printed link: `http://127.0.0.1:PORT/#link=TOKEN`. */
export const LINK_FRAGMENT_KEY = 'link'
/** Link tokens, session IDs and page keys: 32 random bytes, base64url without padding. */
export const TOKEN_LENGTH = 43
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** Frames larger than this are refused with FRAME_TOO_LARGE (the socket stays open). */
export const MAX_FRAME_BYTES = 64 * 1024
/** Frames larger than this close the socket (1009) before they are buffered. */
export const HARD_MAX_FRAME_BYTES = 1024 * 1024
/** Calls in flight on one socket (or one Electron window); beyond it a call is answered BUSY. */
export const MAX_CALLS_IN_FLIGHT = 64

/** Close codes of the bridge (4000–4999 are the application's). */
export const CLOSE_TOO_MANY_ERRORS = 4429
/** The page let more than the send-buffer cap pile up unread. */
export const CLOSE_NOT_READING = 4413
/** The browser session was ended (too many sessions, or the host is closing it). */
export const CLOSE_SESSION_ENDED = 4401

const callIdSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)

export const clientFrameSchema = z
  .object({
    type: z.literal('call'),
    id: callIdSchema,
    command: z.string().min(1).max(64),
    args: z.unknown().optional(),
  })
  .strict()

export type ClientFrame = z.infer<typeof clientFrameSchema>

export type ServerFrame =
  /** The first frame on every socket: calls are answered and events flow from here on. */
  | { readonly type: 'welcome' }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'event'; readonly event: ApiEvent }
  /** A frame that could not be tied to a call (malformed, too large). */
  | { readonly type: 'error'; readonly id?: number; readonly error: ApiError }

/**
 * A frame from the host, checked: events by their payload schemas, results
 * as Results (their values by the command's schema, once the call is known:
 * `checkCommandResult`). An error frame whose ID is unreadable still counts,
 * without its ID.
 */
export const serverFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome') }),
  z.object({ type: z.literal('result'), id: callIdSchema, result: resultSchema }),
  z.object({ type: z.literal('event'), event: apiEventSchema }),
  z.object({ type: z.literal('error'), id: callIdSchema.optional().catch(undefined), error: apiErrorSchema }),
])

/** One text frame of the socket, parsed and checked; undefined for anything else (nothing here throws). */
export function parseServerFrame(data: unknown): ServerFrame | undefined {
  if (typeof data !== 'string') return undefined
  let json: unknown
  try {
    json = JSON.parse(data)
  } catch {
    return undefined
  }
  const parsed = serverFrameSchema.safeParse(json)
  return parsed.success ? parsed.data : undefined
}

/** What `POST SESSION_PATH` answers with 201, beside the session cookie. */
export interface SessionGrant {
  readonly pageKey: string
}
