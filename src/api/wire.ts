import { z } from 'zod'
import type { ApiEvent } from './events.js'
import type { ApiError, Result } from './result.js'

/**
 * Frames of the web host's WebSocket bridge (JSON text frames).
 * The first client frame must be `hello` with the per-run secret; nothing is
 * answered or pushed before it.
 */

/** Frames larger than this are refused with FRAME_TOO_LARGE (the socket stays open). */
export const MAX_FRAME_BYTES = 64 * 1024
/** Frames larger than this close the socket (1009) before they are buffered. */
export const HARD_MAX_FRAME_BYTES = 1024 * 1024
export const SECRET_LENGTH = 43 // 32 random bytes, base64url without padding

export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), secret: z.string().min(1).max(256) }).strict(),
  z
    .object({
      type: z.literal('call'),
      id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      command: z.string().min(1).max(64),
      args: z.unknown().optional(),
    })
    .strict(),
])

export type ClientFrame = z.infer<typeof clientFrameSchema>

export type ServerFrame =
  | { readonly type: 'welcome' }
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown> }
  | { readonly type: 'event'; readonly event: ApiEvent }
  /** A frame that could not be tied to a call (malformed, too large, not authenticated). */
  | { readonly type: 'error'; readonly id?: number; readonly error: ApiError }
