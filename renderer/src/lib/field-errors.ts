import type { ApiError } from '../../../src/api/index.js'
import { coreText } from './core-text.js'
import { errorCodeText } from './describe-error.js'

/** Form errors: field name → one message, as the core sends them in `ApiError.fields`. */
export type FieldErrors = Readonly<Record<string, string>>

export const NO_FIELD_ERRORS: FieldErrors = {}

/**
 * The first message for each field of a failed zod validation, keyed like the
 * core keys them (the last element of the issue's path), so client-side and
 * server-side errors land in the same place; in the language on screen where
 * the UI knows the contract's sentence.
 */
export function fieldErrorsOf(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): FieldErrors {
  const errors = new Map<string, string>()
  for (const issue of issues) {
    const name = issue.path.at(-1)
    if (typeof name === 'string' && !errors.has(name)) {
      errors.set(name, coreText(issue.message))
    }
  }
  return Object.fromEntries(errors)
}

/** The per-field messages of a failed command, in the language on screen where the UI knows them. */
export function fieldErrorsOfFailure(error: ApiError & { readonly fields: FieldErrors }): FieldErrors {
  return Object.fromEntries(
    Object.entries(error.fields).map(([name, message]) => [
      name,
      error.code === 'WEAK_PASSWORD' ? errorCodeText(error.code) : coreText(message),
    ]),
  )
}

export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0
}

/** Move the focus to the first field (in document order) that has an error. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
}
