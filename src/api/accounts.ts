import { z } from 'zod'

export const USERNAME_MAX = 32
export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 1024

export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'Username is required')
  .max(USERNAME_MAX, `Username is at most ${USERNAME_MAX} characters`)
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u,
    'Username: letters, digits, dot, dash and underscore; starts with a letter or digit',
  )

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password is at most ${PASSWORD_MAX} characters`)

/** Password rules shown inline while typing (the same rules the core enforces). */
export function passwordProblems(password: string, confirm: string, username = ''): string[] {
  const problems: string[] = []
  if (password.length < PASSWORD_MIN) problems.push(`at least ${PASSWORD_MIN} characters`)
  if (password.length > PASSWORD_MAX) problems.push(`at most ${PASSWORD_MAX} characters`)
  if (username !== '' && password.toLowerCase() === username.trim().toLowerCase()) {
    problems.push('different from the username')
  }
  if (password !== confirm) problems.push('both passwords match')
  return problems
}

/**
 * Strength, as the core estimates it (zxcvbn: dictionaries of common
 * passwords, names and words in English and Spanish, keyboard patterns,
 * repeats, dates). Scores run 0–4; a new password needs at least
 * PASSWORD_MIN_SCORE (about 10^8 guesses: the account's files stand up to an
 * offline attack on a stolen disk for as long as the slow KDF holds).
 */
export const PASSWORD_MIN_SCORE = 3

/** What makes a password weak, as codes the UI words in its language. */
export const PASSWORD_WARNINGS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
  'pwned',
] as const
export type PasswordWarning = (typeof PASSWORD_WARNINGS)[number]

/** How to make it stronger, as codes. */
export const PASSWORD_SUGGESTIONS = [
  'l33t',
  'reverseWords',
  'allUppercase',
  'capitalization',
  'dates',
  'recentYears',
  'associatedYears',
  'sequences',
  'repeated',
  'longerKeyboardPattern',
  'anotherWord',
  'useWords',
  'noNeed',
  'pwned',
] as const
export type PasswordSuggestion = (typeof PASSWORD_SUGGESTIONS)[number]

export interface PasswordStrength {
  /** 0 (guessed at once) to 4 (very hard to guess). */
  readonly score: 0 | 1 | 2 | 3 | 4
  /** Whether the core accepts it as a new password (score ≥ PASSWORD_MIN_SCORE). */
  readonly strong: boolean
  readonly warning: PasswordWarning | null
  readonly suggestions: readonly PasswordSuggestion[]
}

export const passwordStrengthSchema = z.object({
  score: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  strong: z.boolean(),
  warning: z.enum(PASSWORD_WARNINGS).nullable(),
  suggestions: z.array(z.enum(PASSWORD_SUGGESTIONS)).max(PASSWORD_SUGGESTIONS.length).readonly(),
})

/** The longest idle time before the account locks by itself: a day. */
export const AUTO_LOCK_MINUTES_MAX = 24 * 60

export interface LockSettings {
  /**
   * Lock the account after this many minutes without use (no `reportActivity`
   * from any window); 0: never by itself.
   */
  readonly autoLockMinutes: number
}

export const lockSettingsSchema = z
  .object({ autoLockMinutes: z.number().int().min(0).max(AUTO_LOCK_MINUTES_MAX, 'at most a day (1440 minutes)') })
  .strict()

export const accountIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not an account ID')

export interface AccountSummary {
  readonly accountId: string
  readonly username: string
  readonly createdAt: number
}

export interface SessionState {
  /** The unlocked account, or null on the start screen. */
  readonly account: AccountSummary | null
  readonly accounts: readonly AccountSummary[]
}

export const accountSummarySchema = z.object({
  accountId: accountIdSchema,
  // the vault and backups allow 64, wider than a new username may be
  username: z.string().min(1).max(64),
  createdAt: z.number().nonnegative(),
})

/** Accounts on one device: more than this is not a list the core keeps. */
export const ACCOUNTS_MAX = 1_000

export const sessionStateSchema = z.object({
  account: accountSummarySchema.nullable(),
  accounts: z.array(accountSummarySchema).max(ACCOUNTS_MAX).readonly(),
})
