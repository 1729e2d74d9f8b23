import type { ApiError, ErrorCode } from '../../../src/api/index.js'
import { currentLanguage, i18n } from '../i18n/i18n.js'
import { knownCoreText } from './core-text.js'

/** Codes that say all there is to say: the core's sentence adds nothing a person needs. */
const SELF_EXPLANATORY: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNKNOWN_COMMAND',
  'MALFORMED_FRAME',
  'FRAME_TOO_LARGE',
  'UNAUTHORIZED',
  'NOT_RUNNING',
  'LOCKED',
  'WRONG_PASSWORD',
  'WEAK_PASSWORD',
  'DISCONNECTED',
  'BUSY',
])

/** What the code means, in the language on screen. */
export function errorCodeText(code: ErrorCode): string {
  return i18n.t(`errors.codes.${code}`)
}

/**
 * One sentence for an API error in the language on screen: the code's own
 * text where the code says it all, the translation of a sentence the UI
 * knows, else the core's (English) sentence — after the code's meaning
 * when the screen is not in English.
 */
export function describeError(error: ApiError): string {
  const message = error.message.trim()
  if (SELF_EXPLANATORY.has(error.code) || message === '') {
    return errorCodeText(error.code)
  }
  const known = knownCoreText(message)
  if (known !== undefined) {
    return known
  }
  return currentLanguage() === 'en'
    ? message
    : i18n.t('errors.withDetail', { summary: errorCodeText(error.code), detail: message })
}
