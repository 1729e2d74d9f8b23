import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import {
  ApiFailure,
  PASSWORD_MIN_SCORE,
  PASSWORD_SUGGESTIONS,
  PASSWORD_WARNINGS,
  type PasswordStrength,
  type PasswordSuggestion,
  type PasswordWarning,
} from '../api/index.js'

/**
 * The one estimate of a password's strength, for the form that shows it while
 * typing (`estimatePassword`) and for the commands that set a password
 * (`createAccount`, `changePassword`), so both say the same thing.
 *
 * zxcvbn with the common, English and Spanish dictionaries (common passwords,
 * names, words, keyboard layouts), plus the username and "parley" as words a
 * guesser would try first. Its feedback comes back as the library's keys
 * (no translations are loaded), which the contract enumerates and the UI
 * words in its language. The dictionaries (about 10 MB of word lists) are
 * loaded on first use: only the screens that set a password pay for them.
 */

/** Characters looked at: past this a password counts as long enough (and zxcvbn's time grows with length). */
const CHECKED_CHARACTERS = 128

let factory: Promise<ZxcvbnFactory> | undefined

function zxcvbn(): Promise<ZxcvbnFactory> {
  factory ??= (async () => {
    const [common, en, es] = await Promise.all([
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
      import('@zxcvbn-ts/language-es-es'),
    ])
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...es.dictionary },
      graphs: common.adjacencyGraphs,
      useLevenshteinDistance: true,
      maxLength: CHECKED_CHARACTERS,
    })
  })()
  return factory
}

const isWarning = (key: string): key is PasswordWarning => (PASSWORD_WARNINGS as readonly string[]).includes(key)
const isSuggestion = (key: string): key is PasswordSuggestion =>
  (PASSWORD_SUGGESTIONS as readonly string[]).includes(key)
/** zxcvbn's untranslated feedback is `warnings.<key>` / `suggestions.<key>`, or the bare key. */
const keyOf = (text: string): string => text.slice(text.lastIndexOf('.') + 1)

export async function estimatePassword(password: string, username = ''): Promise<PasswordStrength> {
  const inputs = ['parley', ...(username.trim() === '' ? [] : [username.trim()])]
  const result = await (await zxcvbn()).checkAsync(password, inputs)
  const warning = result.feedback.warning === null ? null : keyOf(result.feedback.warning)
  const score = password === '' ? 0 : result.score
  return {
    score,
    strong: score >= PASSWORD_MIN_SCORE,
    warning: warning !== null && isWarning(warning) ? warning : null,
    suggestions: result.feedback.suggestions.map(keyOf).filter(isSuggestion),
  }
}

/** Refuses a new password that is too easy to guess, naming the form field it came from. */
export async function requireStrongPassword(password: string, username: string, field: string): Promise<void> {
  const strength = await estimatePassword(password, username)
  if (strength.strong) return
  const message = 'This password is too easy to guess: add more words, or make it longer'
  throw new ApiFailure('WEAK_PASSWORD', message, { [field]: message })
}
