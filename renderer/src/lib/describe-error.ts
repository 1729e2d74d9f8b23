import type { ApiError } from '../../../src/api/index.js'

/** One human sentence for an API error (the code is for programs, the message for people). */
export function describeError(error: ApiError): string {
  const message = error.message.trim()
  return message === '' ? `failed (${error.code})` : message
}
