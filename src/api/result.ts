import { z } from 'zod'

/**
 * Results crossing the API boundary. Errors are plain data (Electron's IPC and
 * the WebSocket bridge both lose `Error` types), so every failure has a stable
 * machine-readable `code` and a human-readable `message`.
 */

export const ERROR_CODES = [
  'UNKNOWN_COMMAND',
  'INVALID_ARGUMENTS',
  'MALFORMED_FRAME',
  'FRAME_TOO_LARGE',
  'UNAUTHORIZED',
  'NOT_RUNNING',
  'DIAL_FAILED',
  /** No account is unlocked. */
  'LOCKED',
  'WRONG_PASSWORD',
  /** A new password that is too easy to guess (the error's message says why; `estimatePassword` says how to fix it). */
  'WEAK_PASSWORD',
  /** The thing exists already (a username, an imported account). */
  'CONFLICT',
  'NOT_FOUND',
  /** A stored file or an uploaded backup is damaged or was tampered with. */
  'CORRUPT',
  /** An invite that is malformed, tampered with, wrongly signed, expired or already used. */
  'INVALID_INVITE',
  /** The peer refused (blocked, rate limit, not a contact). */
  'REFUSED',
  /** The connection to the core dropped before an answer (web host reconnecting). */
  'DISCONNECTED',
  /** Too much is already running or waiting (calls in flight, password hashing): try again shortly. */
  'BUSY',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  readonly code: ErrorCode
  readonly message: string
  /** Per-field messages for forms (INVALID_ARGUMENTS): field name → what is wrong. */
  readonly fields?: Readonly<Record<string, string>>
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(
  code: ErrorCode,
  message: string,
  fields?: Readonly<Record<string, string>>,
): Result<T> {
  return { ok: false, error: fields === undefined ? { code, message } : { code, message, fields } }
}

/** An error thrown inside a command handler that should reach the caller with its code. */
export class ApiFailure extends Error {
  readonly code: ErrorCode
  readonly fields: Readonly<Record<string, string>> | undefined

  constructor(code: ErrorCode, message: string, fields?: Readonly<Record<string, string>>) {
    super(message)
    this.name = 'ApiFailure'
    this.code = code
    this.fields = fields
  }
}

/** Bounds on an error as a client takes it: longer text is cut, further fields are dropped. */
export const ERROR_MESSAGE_MAX = 2_000
export const ERROR_FIELDS_MAX = 32
const FIELD_NAME_MAX = 64

const clipped = z.string().transform((text) => text.slice(0, ERROR_MESSAGE_MAX))

/**
 * An error from a host. Lenient where that keeps a useful message: an unknown
 * code (a newer host) reads as INTERNAL, long text is cut, and malformed
 * per-field messages are left out rather than losing the error.
 */
export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES).catch('INTERNAL'),
  message: clipped,
  fields: z
    .record(z.string().max(FIELD_NAME_MAX), clipped)
    .refine((fields) => Object.keys(fields).length <= ERROR_FIELDS_MAX, 'too many field messages')
    .optional()
    .catch(undefined),
})

/** A Result whose value is checked later, by its command's schema (`checkCommandResult`). */
export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: apiErrorSchema }),
])
