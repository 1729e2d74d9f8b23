import type { ApiError } from '../../../src/api/index.js'
import { describeError } from '../lib/describe-error.js'

/** What went wrong with an invite, as a sentence that says whether trying again can help. */
export function inviteError(error: ApiError, doing: string): string {
  if (error.code === 'INVALID_INVITE') {
    return `This invite cannot be used: ${describeError(error).replace(/[.\s]+$/, '')}. Ask for a new one.`
  }
  if (error.code === 'REFUSED') {
    return `They did not take the request: ${describeError(error)}`
  }
  return `Could not ${doing}: ${describeError(error)}`
}
