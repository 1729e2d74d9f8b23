/** Form errors: field name → one message, as the core sends them in `ApiError.fields`. */
export type FieldErrors = Readonly<Record<string, string>>

export const NO_FIELD_ERRORS: FieldErrors = {}

/**
 * The first message for each field of a failed zod validation, keyed like the
 * core keys them (the last element of the issue's path), so client-side and
 * server-side errors land in the same place.
 */
export function fieldErrorsOf(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): FieldErrors {
  const errors = new Map<string, string>()
  for (const issue of issues) {
    const name = issue.path.at(-1)
    if (typeof name === 'string' && !errors.has(name)) {
      errors.set(name, issue.message)
    }
  }
  return Object.fromEntries(errors)
}

export function hasFieldErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0
}

/** Move the focus to the first field (in document order) that has an error. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
}
