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
